package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CacheManager named by a configuration file: declared caches exist, on-demand caches get the defaults. */
class YamlConfiguredManagerTest {

  @TempDir
  Path folder;

  @Test
  void theFileConfiguresConnectionDeclaredCachesAndDefaults() throws Exception {
    String prefix = TestRedis.uniquePrefix("yaml");
    Path file = folder.resolve("app-cache.yaml");
    Files.writeString(file, String.join("\n",
        "redis:",
        "  url: " + TestRedis.url(),
        "  timeout: 2s",
        "keyPrefix: " + prefix,
        "defaults:",
        "  expiry: {type: created, duration: 10m}",
        "  statistics: true",
        "caches:",
        "  products:",
        "    keyType: java.lang.Long",
        "    valueType: java.lang.String",
        "    management: true",
        "    nearCache: {maximumSize: 100}",
        "    expiry: {type: eternal}",
        ""));
    CacheManager manager = TestRedis.provider().getCacheManager(file.toUri(),
        TestRedis.provider().getDefaultClassLoader());
    try (RespClient redis = TestRedis.client()) {
      Cache<Long, String> products = manager.getCache("products", Long.class, String.class);
      assertNotNull(products, "a declared cache exists with the manager");
      products.put(1L, "lamp");
      assertEquals("lamp", products.get(1L));
      assertEquals(-1, redis.number("PTTL", prefix + ":products:~l1"), "eternal, as declared");
      assertNotNull(products.unwrap(RedisCache.class).nearCache());
      assertTrue(products.getConfiguration(CompleteConfiguration.class).isManagementEnabled());

      Cache<String, String> onDemand = manager.createCache("regions", new MutableConfiguration<>());
      onDemand.put("k", "v");
      long ttl = redis.number("PTTL", prefix + ":regions:k");
      assertTrue(ttl > 0 && ttl <= 600_000, "the defaults' 10 minute expiry, PTTL " + ttl);
      assertTrue(onDemand.getConfiguration(CompleteConfiguration.class).isStatisticsEnabled());
      assertThrows(CacheException.class, () -> manager.createCache("products", new MutableConfiguration<>()));
      manager.destroyCache("products");
      manager.destroyCache("regions");
    } finally {
      manager.close();
    }
  }

  @Test
  void aBrokenFileFailsCacheManagerCreationNamingTheSetting() throws Exception {
    Path file = folder.resolve("broken.yaml");
    Files.writeString(file, "redis:\n  url: " + TestRedis.url() + "\ncaches:\n  c:\n    expiry: {type: created}\n");
    CacheException failure = assertThrows(CacheException.class,
        () -> TestRedis.provider().getCacheManager(file.toUri(), TestRedis.provider().getDefaultClassLoader()));
    assertTrue(failure.getMessage().contains("caches.c.expiry.duration"), failure.getMessage());
    assertTrue(failure.getMessage().contains("broken.yaml"), failure.getMessage());
  }

  @Test
  void aDeclaredTypeThatCannotBeLoadedFailsNamingTheSetting() throws Exception {
    Path file = folder.resolve("types.yaml");
    Files.writeString(file, "redis:\n  url: " + TestRedis.url() + "\ncaches:\n  c:\n    valueType: com.nowhere.Gone\n");
    CacheException failure = assertThrows(CacheException.class,
        () -> TestRedis.provider().getCacheManager(file.toUri(), TestRedis.provider().getDefaultClassLoader()));
    assertTrue(failure.getMessage().contains("caches.c.valueType"), failure.getMessage());
  }
}
