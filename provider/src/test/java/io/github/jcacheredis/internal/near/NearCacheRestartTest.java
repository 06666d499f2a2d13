package io.github.jcacheredis.internal.near;

import io.github.jcacheredis.NearCacheState;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.jcacheredis.NearCacheConfiguration;
import io.github.jcacheredis.RedisCache;
import io.github.jcacheredis.RedisCacheConfiguration;
import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.RedisServerProcess;
import io.github.jcacheredis.testing.TestRedis;
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

/** A Redis that restarts empty must not leave its lost entries alive in a near cache. */
class NearCacheRestartTest {

  @Test
  void entriesRedisLostAreNotServedAfterARestart() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      Properties properties = new Properties();
      properties.setProperty(ProviderSettings.URL, server.url());
      properties.setProperty(ProviderSettings.TIMEOUT_MILLIS, "500");
      properties.setProperty(ProviderSettings.CONNECT_TIMEOUT_MILLIS, "500");
      CachingProvider provider = TestRedis.provider();
      CacheManager manager = provider.getCacheManager(URI.create("restart://near"),
          provider.getDefaultClassLoader(), properties);
      try {
        Cache<String, String> cache = manager.createCache("c", new RedisCacheConfiguration<String, String>()
            .setNearCache(NearCacheConfiguration.ofMaximumSize(10)));
        cache.put("k", "v");
        NearCacheState near = cache.unwrap(RedisCache.class).nearCache();
        // Redis announces our own put too; under load that message can drop the first copy, so read until one
        // stays.
        await().pollInSameThread().atMost(5, TimeUnit.SECONDS).until(() -> "v".equals(cache.get("k")) && near.size() == 1);

        server.kill();
        // Disabling comes first and emptying right after it, on the listener's thread: wait for both.
        await().pollInSameThread().atMost(5, TimeUnit.SECONDS).until(() -> !near.isEnabled() && near.size() == 0);
        assertEquals(0, near.size());
        server.restart();

        String[] seen = {"v"};
        await().pollInSameThread().atMost(15, TimeUnit.SECONDS).ignoreException(CacheException.class) // reconnecting
            .until(() -> {
              seen[0] = cache.get("k");
              return true;
            });
        assertNull(seen[0], "an entry the restarted Redis no longer has was served");
        await().pollInSameThread().atMost(5, TimeUnit.SECONDS).until(near::isEnabled);
        assertNull(cache.get("k"));
        assertFalse(cache.containsKey("k"));
      } finally {
        manager.close();
      }
    }
  }
}
