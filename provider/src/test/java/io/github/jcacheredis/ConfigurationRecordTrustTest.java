package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A configuration record is bytes in Redis: the types it names are checked against this JVM's allow-list and
 * never extend it, whatever the record says.
 */
class ConfigurationRecordTrustTest {

  private static final String DETONATED = "jcacheredis.test.detonated";

  @Test
  void aRecordNamingAClassOutsideTheAllowListFailsGetCacheNamingCacheClassAndSetting() {
    String prefix = TestRedis.uniquePrefix("rectrust");
    CacheManager manager = TestRedis.newManager(prefix);
    try (RespClient redis = TestRedis.client()) {
      redis.call("SET", prefix + ":planted",
          "v1|keyType=java.lang.String|valueType=io.github.jcacheredis.evil.Detonator|expiry=eternal");
      CacheException refused = assertThrows(CacheException.class, () -> manager.getCache("planted"));
      assertTrue(refused.getMessage().contains("'planted'"), refused.getMessage());
      assertTrue(refused.getMessage().contains("io.github.jcacheredis.evil.Detonator"), refused.getMessage());
      assertTrue(refused.getMessage().contains(ProviderSettings.ALLOWED_PACKAGES), refused.getMessage());
      assertNull(System.getProperty(DETONATED), "the class was loaded and initialized");
    } finally {
      manager.close();
    }
  }

  @Test
  void aRecordNeverWidensTheAllowListOfTheManager() {
    String prefix = TestRedis.uniquePrefix("rectrust2");
    CacheManager manager = TestRedis.newManager(prefix);
    try (RespClient redis = TestRedis.client()) {
      // A record naming a JDK class outside the defaults: adopting it must not allow that class's package.
      redis.call("SET", prefix + ":planted",
          "v1|keyType=java.lang.String|valueType=java.lang.reflect.Proxy|expiry=eternal");
      assertThrows(CacheException.class, () -> manager.getCache("planted"));
      Cache<String, Object> other = manager.createCache("other", new MutableConfiguration<>());
      assertThrows(IllegalArgumentException.class, () -> other.put("k", new java.util.logging.Level("x", 1) { }));
    } finally {
      manager.close();
    }
  }

  @Test
  void aGiantPlantedRecordIsRefusedUnparsed() {
    String prefix = TestRedis.uniquePrefix("rectrust4");
    CacheManager manager = TestRedis.newManager(prefix);
    try (RespClient redis = TestRedis.client()) {
      redis.call("SET", prefix + ":giant", "v1|keyType=java.lang.String|valueType=java.lang.String|expiry=eternal|x="
          + "y".repeat(1_000_000));
      CacheException refused = assertThrows(CacheException.class, () -> manager.getCache("giant"));
      assertTrue(refused.getMessage().contains("'giant'"), refused.getMessage());
      assertTrue(refused.getMessage().length() < 1_000, "the message quotes at most a short excerpt");
    } finally {
      manager.close();
    }
  }

  @Test
  void aRecordOfAllowedTypesIsStillAdopted() {
    String prefix = TestRedis.uniquePrefix("rectrust3");
    CacheManager creator = TestRedis.newManager(prefix);
    CacheManager adopter = TestRedis.newManager(prefix);
    try {
      Cache<String, Long> created = creator.createCache("counts",
          new MutableConfiguration<String, Long>().setTypes(String.class, Long.class));
      created.put("k", 7L);
      Cache<String, Long> adopted = adopter.getCache("counts", String.class, Long.class);
      assertEquals(7L, adopted.get("k"));
    } finally {
      creator.close();
      adopter.close();
    }
  }
}
