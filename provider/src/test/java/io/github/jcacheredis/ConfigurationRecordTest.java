package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.testing.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.junit.jupiter.api.Test;

/** A cache's shared configuration lives in Redis: the first creation wins, later ones agree or fail. */
class ConfigurationRecordTest {

  private static MutableConfiguration<String, Long> configuration() {
    return new MutableConfiguration<String, Long>().setTypes(String.class, Long.class)
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_HOUR));
  }

  @Test
  void anotherJvmGetsTheCacheByNameWithTheSameConfiguration() {
    String prefix = TestRedis.uniquePrefix("record");
    CacheManager creator = TestRedis.newManager(prefix);
    CacheManager other = TestRedis.newManager(prefix);
    try (RespClient redis = TestRedis.client()) {
      creator.createCache("counters", configuration()).put("k", 7L);
      assertEquals("v1|keyType=java.lang.String|valueType=java.lang.Long|expiry=created:3600000",
          redis.text("GET", prefix + ":counters"));
      Cache<String, Long> seen = other.getCache("counters", String.class, Long.class);
      assertEquals(7L, seen.get("k"));
      CompleteConfiguration<?, ?> recorded = seen.getConfiguration(CompleteConfiguration.class);
      assertEquals(CreatedExpiryPolicy.factoryOf(Duration.ONE_HOUR), recorded.getExpiryPolicyFactory());
      long ttl = redis.number("PTTL", prefix + ":counters:k");
      seen.put("j", 1L);
      assertTrue(redis.number("PTTL", prefix + ":counters:j") > 0, "the recorded expiry applies; ttl " + ttl);
    } finally {
      creator.close();
      other.close();
    }
  }

  @Test
  void aConflictingCreationFailsSayingWhatDiffers() {
    String prefix = TestRedis.uniquePrefix("conflict");
    CacheManager creator = TestRedis.newManager(prefix);
    CacheManager other = TestRedis.newManager(prefix);
    try {
      creator.createCache("c", configuration());
      other.createCache("c", configuration()).close();
      CacheException conflict = assertThrows(CacheException.class, () -> other.createCache("c",
          new MutableConfiguration<String, Long>().setTypes(String.class, Long.class)
              .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(Duration.ONE_HOUR))));
      assertTrue(conflict.getMessage().contains("expiry created:3600000 in Redis but modified:3600000 here"),
          conflict.getMessage());
      assertThrows(CacheException.class, () -> other.createCache("c", new MutableConfiguration<>()));
    } finally {
      creator.close();
      other.close();
    }
  }

  @Test
  void destroyingTheCacheRemovesItsRecord() {
    String prefix = TestRedis.uniquePrefix("unrecord");
    CacheManager manager = TestRedis.newManager(prefix);
    try {
      manager.createCache("c", configuration());
      manager.destroyCache("c");
      assertNull(manager.getCache("c"));
      manager.createCache("c", new MutableConfiguration<>());
    } finally {
      manager.close();
    }
  }
}
