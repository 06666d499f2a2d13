package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.RedisServerProcess;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Redis at {@code maxmemory 32mb} with 200 MB written through one cache. Under {@code allkeys-lru} the
 * application never notices anything but misses: what Redis evicted reads as absent, what it kept reads
 * correctly. Under {@code noeviction} writes fail with a CacheException naming the cache, and reads go on.
 */
class MemoryPressureTest {

  private static final int VALUE_SIZE = 64 * 1024;
  private static final int ENTRIES = 3_200; // 200 MB
  private static final long MAX_MEMORY = 32L * 1024 * 1024;
  private static final int BATCH = 16;

  /** Incompressible bytes determined by the key, so a read can be checked without keeping 200 MB around. */
  static byte[] valueOf(int key) {
    ByteBuffer buffer = ByteBuffer.allocate(VALUE_SIZE);
    SplittableRandom random = new SplittableRandom(key * 0x9E3779B97F4A7C15L);
    while (buffer.hasRemaining()) {
      buffer.putLong(random.nextLong());
    }
    return buffer.array();
  }

  private static RedisCacheConfiguration<Integer, byte[]> blobs() {
    return new RedisCacheConfiguration<Integer, byte[]>()
        .setTypes(Integer.class, byte[].class)
        .setStatisticsEnabled(true)
        // Random bytes would not compress anyway; skipping the attempt keeps the test about Redis's memory.
        .setCompressionThreshold(RedisCacheConfiguration.NO_COMPRESSION);
  }

  private static CacheManager managerFor(RedisServerProcess server, String name) {
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, server.url());
    properties.setProperty(ProviderSettings.KEY_PREFIX, name);
    return TestRedis.provider().getCacheManager(URI.create("memory://" + name + "/" + server.port()),
        TestRedis.provider().getDefaultClassLoader(), properties);
  }

  private static long infoField(RespClient redis, String section, String field) {
    String value = redis.info(section).get(field);
    if (value == null) {
      throw new AssertionError("INFO " + section + " has no " + field);
    }
    return Long.parseLong(value.trim());
  }

  @Test
  void underAllkeysLruEvictedEntriesReadAsMissesAndTheRestReadCorrectly() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start("--maxmemory", "32mb",
        "--maxmemory-policy", "allkeys-lru");
         RespClient redis = new RespClient("127.0.0.1", server.port())) {
      CacheManager manager = managerFor(server, "lru");
      try {
        Cache<Integer, byte[]> cache = manager.createCache("blobs", blobs());
        // Half the entries one put at a time, half as pipelined putAll batches.
        for (int key = 0; key < ENTRIES; ) {
          if ((key / BATCH) % 2 == 0) {
            cache.put(key, valueOf(key));
            key++;
          } else {
            Map<Integer, byte[]> batch = new LinkedHashMap<>();
            for (int end = key + BATCH; key < end; key++) {
              batch.put(key, valueOf(key));
            }
            cache.putAll(batch);
          }
        }
        assertTrue(infoField(redis, "memory", "used_memory") <= MAX_MEMORY * 2, "Redis stayed near its limit");

        int hits = 0;
        for (int key = 0; key < ENTRIES; key++) {
          byte[] value = cache.get(key);
          if (value != null) {
            assertArrayEquals(valueOf(key), value, "key " + key);
            hits++;
          }
        }
        int misses = ENTRIES - hits;
        for (int from = 0; from < ENTRIES; from += 100) {
          Set<Integer> keys = new LinkedHashSet<>();
          for (int key = from; key < from + 100; key++) {
            keys.add(key);
          }
          cache.getAll(keys).forEach((key, value) -> assertArrayEquals(valueOf(key), value, "key " + key));
        }
        int iterated = 0;
        for (Cache.Entry<Integer, byte[]> entry : cache) {
          assertArrayEquals(valueOf(entry.getKey()), entry.getValue(), "key " + entry.getKey());
          iterated++;
        }
        long evicted = infoField(redis, "stats", "evicted_keys");
        System.out.printf("allkeys-lru: %d of %d entries read back, %d misses, %d iterated, %d keys evicted%n",
            hits, ENTRIES, misses, iterated, evicted);
        assertTrue(evicted > 0, "Redis evicted nothing");
        assertTrue(misses >= ENTRIES - MAX_MEMORY / VALUE_SIZE, misses + " misses: 200 MB cannot fit in 32 MB");
        assertTrue(hits > 0, "nothing survived");
        assertEquals(0, cache.unwrap(RedisCache.class).statistics().getDecodeErrors());
      } finally {
        manager.close();
      }
    }
  }

  @Test
  void underNoevictionWritesFailWithACacheExceptionNamingTheCacheAndReadsGoOn() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start("--maxmemory", "32mb",
        "--maxmemory-policy", "noeviction")) {
      CacheManager manager = managerFor(server, "full");
      try {
        Cache<Integer, byte[]> cache = manager.createCache("full-cache", blobs());
        List<Integer> written = new ArrayList<>();
        CacheException full = null;
        for (int key = 0; key < ENTRIES && full == null; key++) {
          try {
            cache.put(key, valueOf(key));
            written.add(key);
          } catch (CacheException e) {
            full = e;
          }
        }
        assertNotNull(full, "32 MB held all of 200 MB");
        System.out.printf("noeviction: %d entries written before: %s%n", written.size(), full.getMessage());
        assertTrue(written.size() > 100, "only " + written.size() + " entries fitted");
        assertFullError(full);

        // Full is an edge, not a state: freed query buffers can bring used memory back under the limit between
        // two writes. Lower the limit below what is used, so every write meets a full server.
        try (RespClient redis = new RespClient("127.0.0.1", server.port())) {
          long used = infoField(redis, "memory", "used_memory");
          redis.call("CONFIG", "SET", "maxmemory", Long.toString(used - 1024 * 1024));
        }
        int first = written.get(0);
        int fresh = ENTRIES + 1;
        Function<Integer, byte[]> v = MemoryPressureTest::valueOf;
        List<Executable> writes = List.of(
            () -> cache.put(fresh, v.apply(fresh)),
            () -> cache.putAll(Map.of(fresh, v.apply(fresh), fresh + 1, v.apply(fresh + 1))),
            () -> cache.putIfAbsent(fresh, v.apply(fresh)),
            () -> cache.getAndPut(fresh, v.apply(fresh)),
            () -> cache.put(first, v.apply(fresh)),
            () -> cache.replace(first, v.apply(fresh)),
            () -> cache.replace(first, v.apply(first), v.apply(fresh)),
            () -> cache.getAndReplace(first, v.apply(fresh)),
            () -> cache.invoke(first, (entry, args) -> {
              entry.setValue(v.apply(fresh));
              return null;
            }));
        for (int i = 0; i < writes.size(); i++) {
          assertFullError(assertThrows(CacheException.class, writes.get(i), "write #" + i));
        }

        for (int key : written) {
          assertArrayEquals(valueOf(key), cache.get(key), "key " + key);
        }
        assertNull(cache.get(fresh));
        assertTrue(cache.containsKey(first));
        assertArrayEquals(valueOf(first), cache.getAll(Set.of(first, fresh)).get(first));
        int iterated = 0;
        for (Cache.Entry<Integer, byte[]> entry : cache) {
          assertArrayEquals(valueOf(entry.getKey()), entry.getValue());
          iterated++;
        }
        assertEquals(written.size(), iterated);

        // Removing frees memory, after which writes succeed again.
        cache.removeAll(new LinkedHashSet<>(written.subList(0, written.size() / 2)));
        cache.put(fresh, valueOf(fresh));
        assertArrayEquals(valueOf(fresh), cache.get(fresh));
      } finally {
        manager.close();
      }
    }
  }

  private static void assertFullError(CacheException e) {
    assertTrue(e.getMessage().contains("'full-cache'"), "the message names the cache: " + e.getMessage());
    assertTrue(e.getMessage().contains("maxmemory"), "the message says Redis is out of memory: " + e.getMessage());
  }
}
