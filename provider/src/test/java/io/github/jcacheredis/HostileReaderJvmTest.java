package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.internal.storage.HostilePayloads;
import io.github.jcacheredis.launcher.ChildJvm;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A reader in a JVM with a small heap that dies on the first OutOfMemoryError (as containers run them) survives
 * every hostile value a writer of the Redis can plant: each reads as a miss, through get, getAll and iteration.
 */
class HostileReaderJvmTest {

  private static final String CACHE = "hostile";

  static Map<String, byte[]> payloads() {
    Map<String, byte[]> payloads = new LinkedHashMap<>();
    for (Class<?> type : List.of(String.class, int[].class, long[].class, byte[].class, Object[].class,
        String[].class, ArrayList.class, HashMap.class, java.util.HashSet.class, java.util.BitSet.class,
        StringBuilder.class, java.math.BigInteger.class)) {
      for (int length : new int[] {200_000_000, Integer.MAX_VALUE - 8}) {
        payloads.put("length-" + type.getSimpleName() + "-" + length, HostilePayloads.declaredLength(type, length));
      }
    }
    payloads.put("nested-shared-sets", HostilePayloads.nestedSharedSets(100));
    payloads.put("colliding-keys", HostilePayloads.collidingHashSet(20_000));
    payloads.put("deep-nesting", HostilePayloads.deeplyNested(100_000));
    // An LZ4-flagged value declaring 2 GB of decompressed bytes.
    payloads.put("lz4-bomb", new byte[] {2, 2, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0, 0});
    return payloads;
  }

  @Test
  void aReaderWithA256MegabyteHeapSurvivesEveryHostileValue() throws IOException, InterruptedException {
    String prefix = TestRedis.uniquePrefix("hostilejvm");
    Map<String, byte[]> payloads = payloads();
    try (RespClient redis = TestRedis.client()) {
      for (Map.Entry<String, byte[]> payload : payloads.entrySet()) {
        redis.call("SET", prefix + ":" + CACHE + ":" + payload.getKey(), payload.getValue());
      }
      try (ChildJvm reader = ChildJvm.of(Reader.class)
          .jvmOptions("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Xss512k")
          .arguments(TestRedis.url(), prefix, String.join(",", payloads.keySet()))
          .pipeOutput().mergeErrors().start()) {
        String text = reader.readAllOutput();
        assertTrue(reader.waitFor(Duration.ofMinutes(5)), "the reader did not finish");
        assertEquals(0, reader.exitValue(), text);
        assertTrue(text.contains("survived " + payloads.size() + " misses"), text);
      }
    }
  }

  /** The reader: every hostile entry must read as a miss, and the JVM must still be alive to say so. */
  public static final class Reader {
    public static void main(String[] args) {
      Properties properties = new Properties();
      properties.setProperty(ProviderSettings.URL, args[0]);
      properties.setProperty(ProviderSettings.KEY_PREFIX, args[1]);
      properties.setProperty(ProviderSettings.ALLOWED_PACKAGES, "io.github.jcacheredis.internal.storage");
      properties.setProperty(ProviderSettings.CONNECT_TIMEOUT_MILLIS, "10000"); // a loaded 2-core machine
      properties.setProperty(ProviderSettings.TIMEOUT_MILLIS, "10000");
      CacheManager manager = Caching.getCachingProvider(RedisCachingProvider.class.getName())
          .getCacheManager(URI.create("hostile://" + UUID.randomUUID()), Reader.class.getClassLoader(), properties);
      try {
        Cache<String, Object> cache = manager.createCache(CACHE, new MutableConfiguration<>());
        int misses = 0;
        for (String key : args[2].split(",")) {
          if (cache.get(key) != null) {
            throw new AssertionError(key + " decoded");
          }
          misses++;
        }
        if (!cache.getAll(Set.of(args[2].split(","))).isEmpty()) {
          throw new AssertionError("getAll decoded a hostile value");
        }
        for (Cache.Entry<String, Object> entry : cache) {
          throw new AssertionError("iteration decoded " + entry.getKey());
        }
        System.out.println("survived " + misses + " misses");
      } finally {
        manager.close();
      }
    }
  }
}
