package io.github.jcacheredis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.RedisServerProcess;
import io.github.jcacheredis.testing.TestRedis;
import java.io.Serializable;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.Test;

/** Degraded mode: with Redis away, reads are misses the loader answers, writes reach the writer only. */
class DegradedModeTest {

  /** The system of record the loader reads and the writer writes. */
  static final Map<String, String> RECORD = new ConcurrentHashMap<>();

  public static final class RecordLoader implements CacheLoader<String, String>, Serializable {
    @Override
    public String load(String key) {
      return RECORD.get(key);
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> loaded = new java.util.HashMap<>();
      keys.forEach(key -> loaded.put(key, RECORD.get(key)));
      return loaded;
    }
  }

  public static final class RecordWriter implements CacheWriter<String, String>, Serializable {
    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      RECORD.put(entry.getKey(), entry.getValue());
    }

    @Override
    public void writeAll(java.util.Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      entries.forEach(this::write);
      entries.clear();
    }

    @Override
    public void delete(Object key) {
      RECORD.remove(key);
    }

    @Override
    public void deleteAll(java.util.Collection<?> keys) {
      keys.forEach(RECORD::remove);
      keys.clear();
    }
  }

  @Test
  void aDegradedCacheKeepsServingThroughAnOutageAndResumesAfterIt() throws Exception {
    RECORD.clear();
    RECORD.put("from-record", "loaded");
    try (RedisServerProcess server = RedisServerProcess.start()) {
      Properties properties = new Properties();
      properties.setProperty(ProviderSettings.URL, server.url());
      // The documented defaults, pinned: the test JVM raises timeouts for every other test (see the pom).
      properties.setProperty(ProviderSettings.TIMEOUT_MILLIS, Integer.toString(ProviderSettings.DEFAULT_TIMEOUT_MILLIS));
      properties.setProperty(ProviderSettings.CONNECT_TIMEOUT_MILLIS,
          Integer.toString(ProviderSettings.DEFAULT_CONNECT_TIMEOUT_MILLIS));
      properties.setProperty(ProviderSettings.RETRY_ATTEMPTS, Integer.toString(ProviderSettings.DEFAULT_RETRY_ATTEMPTS));
      CacheManager manager = TestRedis.provider().getCacheManager(URI.create("degraded://" + server.port()),
          TestRedis.provider().getDefaultClassLoader(), properties);
      try {
        Cache<String, String> degraded = manager.createCache("degraded", new RedisCacheConfiguration<String, String>()
            .setTypes(String.class, String.class)
            .setReadThrough(true).setCacheLoaderFactory(FactoryBuilder.factoryOf(RecordLoader.class))
            .setWriteThrough(true).setCacheWriterFactory(FactoryBuilder.factoryOf(RecordWriter.class))
            .setStatisticsEnabled(true)
            .setDegradeWhenUnavailable(true));
        Cache<String, String> strict = manager.createCache("strict", new MutableConfiguration<>());
        degraded.put("cached", "v");
        assertEquals("v", degraded.get("cached"));
        RECORD.remove("cached"); // only Redis has it now, so a miss is visible as null

        server.kill();

        assertThrows(CacheException.class, () -> strict.get("k"));
        assertEquals("loaded", degraded.get("from-record"), "the loader answers a degraded read");
        assertNull(degraded.get("cached"), "a degraded read is a miss");
        degraded.put("written", "during the outage");
        assertEquals("during the outage", RECORD.get("written"), "the writer still runs");
        assertFalse(degraded.containsKey("cached"));
        assertEquals(Map.of("from-record", "loaded"), degraded.getAll(Set.of("from-record", "nowhere")));
        degraded.putAll(Map.of("a", "1", "b", "2"));
        assertEquals("1", RECORD.get("a"));
        assertNull(degraded.invoke("cached", (entry, args) -> entry.exists() ? "exists" : null));
        assertFalse(degraded.iterator().hasNext());
        degraded.remove("a");
        assertFalse(RECORD.containsKey("a"));
        degraded.clear();
        RedisCache<?, ?> redisCache = degraded.unwrap(RedisCache.class);
        assertTrue(redisCache.statistics().getDegradedReads() > 0);
        assertTrue(redisCache.statistics().getDegradedWrites() > 0);
        assertTrue(redisCache.statistics().getCacheMisses() >= 2);

        server.restart();
        long writesBefore = redisCache.statistics().getDegradedWrites();
        String seen = await().pollInSameThread().atMost(10, TimeUnit.SECONDS).until(() -> {
          degraded.put("after", "restart");
          return degraded.get("after");
        }, Objects::nonNull);
        assertEquals("restart", seen, "service resumed after Redis came back");
        assertEquals("restart", strict.getAndPut("k", "v") == null ? "restart" : "unexpected");
        assertTrue(redisCache.statistics().getDegradedWrites() >= writesBefore);
      } finally {
        manager.close();
      }
    }
  }
}
