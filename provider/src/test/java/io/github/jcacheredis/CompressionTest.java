package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Values above the threshold are stored LZ4-compressed, flagged in the format byte, and read back intact. */
class CompressionTest {

  private String prefix;
  private CacheManager manager;
  private RespClient redis;

  @BeforeEach
  void open() {
    prefix = TestRedis.uniquePrefix("lz4");
    manager = TestRedis.newManager(prefix);
    redis = TestRedis.client();
  }

  @AfterEach
  void close() {
    manager.close();
    redis.close();
  }

  private static String compressible(int length) {
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      text.append("the quick brown fox jumps over the lazy dog ").append(text.length() % 97).append(' ');
    }
    return text.substring(0, length);
  }

  @Test
  void aLargeCompressibleValueIsStoredCompressed() {
    Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<String, String>());
    String value = compressible(64 * 1024);
    cache.put("big", value);
    long stored = redis.number("STRLEN", prefix + ":c:big");
    byte[] bytes = (byte[]) redis.call("GET", prefix + ":c:big");
    assertTrue(stored < 16 * 1024, "stored " + stored + " bytes for a 64 KB value");
    assertEquals(2, bytes[1] & 2, "compressed flag");
    assertEquals(value, cache.get("big"));
  }

  @Test
  void smallValuesAndDisabledCompressionStayPlain() {
    Cache<String, String> small = manager.createCache("small", new MutableConfiguration<String, String>());
    small.put("k", compressible(1000));
    assertEquals(0, ((byte[]) redis.call("GET", prefix + ":small:k"))[1] & 2);

    Cache<String, String> off = manager.createCache("off", new RedisCacheConfiguration<String, String>()
        .setCompressionThreshold(RedisCacheConfiguration.NO_COMPRESSION));
    String value = compressible(64 * 1024);
    off.put("k", value);
    assertTrue(redis.number("STRLEN", prefix + ":off:k") > 64 * 1024);
    assertEquals(value, off.get("k"));
  }

  @Test
  void aCompressedValueWithAHostileLengthReadsAsAMiss() {
    Cache<String, String> cache = manager.createCache("hostile", new MutableConfiguration<String, String>());
    // format 1, flags "compressed", a declared length of about 2 GB, then garbage
    redis.call("SET", prefix + ":hostile:k", new byte[] {1, 2, (byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, 0x07, 1, 2, 3});
    redis.call("SET", prefix + ":hostile:j", new byte[] {1, 2, 10, 0x70, 1, 2, 3, 4});
    assertNull(cache.get("k"));
    assertNull(cache.get("j"));
    assertEquals(2, cache.unwrap(RedisCache.class).statistics().getDecodeErrors());
  }
}
