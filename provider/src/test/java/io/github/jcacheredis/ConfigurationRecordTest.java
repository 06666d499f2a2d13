package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  @ParameterizedTest
  @ValueSource(strings = {
      "garbage",
      "",
      "v2|keyType=java.lang.String|valueType=java.lang.Long|expiry=eternal",
      "v1|keyType=java.lang.String|valueType=java.lang.Long",
      "v1|keyType=java.lang.String|expiry=eternal",
      "v1|keyType=|valueType=java.lang.Long|expiry=eternal",
      "v1|keyType=java.lang.String|valueType=java.lang.Long|expiry=eternal|junk",
      "v1|keyType=java.lang.String|valueType=java.lang.Long|expiry=created:soon",
      "v1|keyType=java.lang.String|valueType=java.lang.Long|expiry=created:",
      "v1|keyType=java.lang.String|valueType=java.lang.Long|expiry=created",
      "v1|keyType=java.lang.String|valueType=java.lang.Long|expiry=created:-5",
      "v1|keyType=java.lang.String|valueType=java.lang.Long|expiry=created:99999999999999999999",
      "v1|keyType=java.lang.String|valueType=java.lang.Long|expiry=sometimes:1000",
      "v1|keyType=java.lang.String|valueType=java.lang.Long|expiry=eternal:5",
  })
  void aRecordThatDoesNotParseFailsGetCacheAndCreateCacheNamingTheCacheAndTheRecord(String record) {
    String prefix = TestRedis.uniquePrefix("badrecord");
    CacheManager manager = TestRedis.newManager(prefix);
    try (RespClient redis = TestRedis.client()) {
      redis.call("SET", prefix + ":c", record);
      CacheException onGet = assertThrows(CacheException.class, () -> manager.getCache("c"));
      assertNamesCacheAndRecord(onGet, prefix + ":c");
      CacheException onTypedGet = assertThrows(CacheException.class,
          () -> manager.getCache("c", String.class, Long.class));
      assertNamesCacheAndRecord(onTypedGet, prefix + ":c");
      CacheException onCreate = assertThrows(CacheException.class, () -> manager.createCache("c", configuration()));
      assertNamesCacheAndRecord(onCreate, prefix + ":c");
      assertFalse(manager.getCacheNames().iterator().hasNext(), "a cache was left open");
    } finally {
      manager.close();
    }
  }

  @Test
  void aRecordOfBinaryGarbageFailsNamingTheCacheWithoutQuotingControlCharacters() {
    String prefix = TestRedis.uniquePrefix("binrecord");
    CacheManager manager = TestRedis.newManager(prefix);
    try (RespClient redis = TestRedis.client()) {
      redis.call("SET", prefix + ":c", new byte[] {(byte) 0xff, 0, 1, '\n', 'v', '1', '|', (byte) 0xc3});
      CacheException failure = assertThrows(CacheException.class, () -> manager.getCache("c"));
      assertNamesCacheAndRecord(failure, prefix + ":c");
      assertFalse(failure.getMessage().chars().anyMatch(Character::isISOControl), failure.getMessage());
    } finally {
      manager.close();
    }
  }

  @Test
  void aPolicyWithAnEternalOrZeroDurationIsRebuiltFromItsRecord() {
    String prefix = TestRedis.uniquePrefix("eternalrecord");
    CacheManager creator = TestRedis.newManager(prefix);
    CacheManager other = TestRedis.newManager(prefix);
    try {
      creator.createCache("forever", new MutableConfiguration<String, Long>().setTypes(String.class, Long.class)
          .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ETERNAL)));
      creator.createCache("never", new MutableConfiguration<String, Long>().setTypes(String.class, Long.class)
          .setExpiryPolicyFactory(TouchedExpiryPolicy.factoryOf(Duration.ZERO)));
      assertEquals(CreatedExpiryPolicy.factoryOf(Duration.ETERNAL), other.getCache("forever")
          .getConfiguration(CompleteConfiguration.class).getExpiryPolicyFactory());
      assertEquals(TouchedExpiryPolicy.factoryOf(Duration.ZERO), other.getCache("never")
          .getConfiguration(CompleteConfiguration.class).getExpiryPolicyFactory());
    } finally {
      creator.close();
      other.close();
    }
  }

  private static void assertNamesCacheAndRecord(CacheException failure, String recordKey) {
    assertTrue(failure.getMessage().contains("Cache 'c'"), failure.getMessage());
    assertTrue(failure.getMessage().contains(recordKey), failure.getMessage());
  }
}
