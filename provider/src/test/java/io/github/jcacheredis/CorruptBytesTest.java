package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bytes the provider did not write read as misses and are counted, never as a wrong object. */
class CorruptBytesTest {

  private String prefix;
  private CacheManager manager;
  private RespClient redis;
  private Cache<String, String> cache;

  @BeforeEach
  void open() {
    prefix = TestRedis.uniquePrefix("corrupt");
    manager = TestRedis.newManager(prefix);
    redis = TestRedis.client();
    cache = manager.createCache("c", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
  }

  @AfterEach
  void close() {
    manager.close();
    redis.close();
  }

  private long decodeErrors() {
    return cache.unwrap(RedisCache.class).statistics().getDecodeErrors();
  }

  @Test
  void garbageReadsAsAMissAndIsCounted() {
    byte[] garbage = new byte[300];
    new Random(7).nextBytes(garbage);
    redis.call("SET", prefix + ":c:random", garbage);
    redis.call("SET", prefix + ":c:text", "written by another program");
    redis.call("SET", prefix + ":c:empty", new byte[0]);
    assertNull(cache.get("random"));
    assertNull(cache.get("text"));
    assertNull(cache.get("empty"));
    assertEquals(3, decodeErrors());
  }

  @Test
  void unknownFormatVersionAndTruncatedPayloadReadAsMisses() {
    cache.put("good", "a value long enough to truncate");
    byte[] stored = (byte[]) redis.call("GET", prefix + ":c:good");
    byte[] futureVersion = stored.clone();
    futureVersion[0] = 9;
    redis.call("SET", prefix + ":c:future", futureVersion);
    redis.call("SET", prefix + ":c:truncated", java.util.Arrays.copyOf(stored, stored.length - 5));
    assertNull(cache.get("future"));
    assertNull(cache.get("truncated"));
    assertEquals("a value long enough to truncate", cache.get("good"));
    assertEquals(2, decodeErrors());
  }

  @Test
  void aValueOfTheWrongTypeReadsAsAMiss() {
    Cache<String, Object> untyped = manager.createCache("untyped", new MutableConfiguration<>());
    untyped.put("k", 12345L);
    byte[] stored = (byte[]) redis.call("GET", prefix + ":untyped:k");
    redis.call("SET", prefix + ":c:k", stored);
    assertNull(cache.get("k"));
    assertEquals(1, decodeErrors());
  }

  @Test
  void iterationAndBulkReadsSkipCorruptEntries() {
    cache.put("a", "A");
    redis.call("SET", prefix + ":c:b", "garbage".getBytes(StandardCharsets.UTF_8));
    int seen = 0;
    for (Cache.Entry<String, String> entry : cache) {
      assertEquals("a", entry.getKey());
      seen++;
    }
    assertEquals(1, seen);
    assertEquals(java.util.Map.of("a", "A"), cache.getAll(Set.of("a", "b")));
  }

  @Test
  void aCorruptEntryCanBeOverwritten() {
    redis.call("SET", prefix + ":c:k", "garbage");
    cache.put("k", "fresh");
    assertEquals("fresh", cache.get("k"));
    redis.call("SET", prefix + ":c:n", "garbage");
    assertEquals("v", cache.invoke("n", (entry, args) -> {
      entry.setValue("v");
      return entry.getValue();
    }));
    assertEquals("v", cache.get("n"));
  }
}
