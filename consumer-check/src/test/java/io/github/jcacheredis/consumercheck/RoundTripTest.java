package io.github.jcacheredis.consumercheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jcacheredis.launcher.RedisLauncher;
import java.io.IOException;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/** A user's first steps, through the JCache API only, against a Redis of the test's own. */
class RoundTripTest {

  /** The system property the provider reads its Redis address from. */
  private static final String URL_PROPERTY = "jcacheredis.url";

  @Test
  void putThenGetReturnsTheValue() throws IOException {
    try (RedisLauncher redis = RedisLauncher.start()) {
      System.setProperty(URL_PROPERTY, redis.url());
      try (CacheManager manager = Caching.getCachingProvider().getCacheManager()) {
        String cacheName = "consumer-check-" + UUID.randomUUID();
        Cache<String, Integer> cache = manager.createCache(cacheName,
            new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));

        cache.put("answer", 42);

        assertEquals(42, cache.get("answer"));
        manager.destroyCache(cacheName);
      } finally {
        System.clearProperty(URL_PROPERTY);
      }
    }
  }
}
