package io.github.jcacheredis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.management.JmxRegistration;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Statistics summed over every CacheManager (every JVM) using a cache, shared through Redis once a second. */
class ClusterStatisticsTest {

  @Test
  void totalsAddUpTheCountsOfEveryManager() throws Exception {
    String prefix = TestRedis.uniquePrefix("clusterstats");
    CacheManager one = TestRedis.newManager(prefix);
    CacheManager two = TestRedis.newManager(prefix);
    try {
      MutableConfiguration<String, String> configuration = new MutableConfiguration<String, String>()
          .setStatisticsEnabled(true);
      Cache<String, String> first = one.createCache("shared", configuration);
      Cache<String, String> second = two.createCache("shared", configuration);
      for (int i = 0; i < 10; i++) {
        first.put("k" + i, "v");
      }
      for (int i = 0; i < 15; i++) {
        second.get("k" + i); // 10 hits, 5 misses
      }
      second.remove("k0");
      ClusterStatisticsMXBean totals = first.unwrap(RedisCache.class).clusterStatistics();
      await().pollInSameThread().atMost(10, TimeUnit.SECONDS).until(() -> totals.getCacheGets() >= 15);
      assertEquals(10, totals.getCacheHits());
      assertEquals(5, totals.getCacheMisses());
      assertEquals(10, totals.getCachePuts());
      assertEquals(1, totals.getCacheRemovals());
      ObjectName name = new ObjectName("io.github.jcacheredis:type=ClusterCacheStatistics,CacheManager="
          + one.getURI().toString().replaceAll("[,:=\n]", ".") + ",Cache=shared");
      assertEquals(10L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "CacheHits"));
      one.destroyCache("shared");
    } finally {
      one.close();
      two.close();
    }
  }

  @Test
  void aFieldThatHoldsNoNumberReadsAsZeroAloneAndRestartsFromTheNextCounts() throws Exception {
    String prefix = TestRedis.uniquePrefix("tamperedstats");
    CacheManager manager = TestRedis.newManager(prefix);
    try (RespClient redis = TestRedis.client()) {
      Cache<String, String> cache = manager.createCache("tampered",
          new MutableConfiguration<String, String>().setStatisticsEnabled(true));
      String key = prefix + ":%stats:tampered";
      redis.call("HSET", key, "hits", "garbage", "misses", "5", "puts", "1e3", "removals", "99999999999999999999");
      ClusterStatisticsMXBean totals = cache.unwrap(RedisCache.class).clusterStatistics();
      assertEquals(0, totals.getCacheHits());
      assertEquals(5, totals.getCacheMisses());
      assertEquals(5, totals.getCacheGets());
      assertEquals(0, totals.getCachePuts());
      assertEquals(0, totals.getCacheRemovals());
      assertEquals(0f, totals.getCacheHitPercentage());
      ObjectName name = JmxRegistration.objectName(manager.getURI(), "tampered",
          JmxRegistration.Type.CLUSTER_STATISTICS);
      assertEquals(0L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "CacheHits"));
      assertEquals(5L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "CacheMisses"));

      cache.put("k", "v");
      for (int i = 0; i < 3; i++) {
        cache.get("k");
      }
      cache.get("absent");
      cache.get("absent");
      cache.remove("k");
      await().pollInSameThread().atMost(10, TimeUnit.SECONDS).until(() -> totals.getCacheHits() >= 3);
      // One script added every count: the garbage restarted from them, the numbers grew by them, once.
      assertEquals("3", redis.text("HGET", key, "hits"));
      assertEquals("7", redis.text("HGET", key, "misses"));
      assertEquals("1", redis.text("HGET", key, "puts"));
      assertEquals("1", redis.text("HGET", key, "removals"));
    } finally {
      manager.close();
    }
  }

  @Test
  void aFailedAdditionAddsNothingSoItsRetryCountsEveryOperationOnce() throws Exception {
    String prefix = TestRedis.uniquePrefix("failedstats");
    CacheManager manager = TestRedis.newManager(prefix);
    try (RespClient redis = TestRedis.client()) {
      Cache<String, String> cache = manager.createCache("retried",
          new MutableConfiguration<String, String>().setStatisticsEnabled(true));
      String key = prefix + ":%stats:retried";
      redis.call("SET", key, "not a hash");
      long refusedBefore = wrongTypeErrors(redis);
      for (int i = 0; i < 4; i++) {
        cache.put("k" + i, "v");
      }
      cache.get("k0");
      cache.get("k1");
      await().pollInSameThread().atMost(10, TimeUnit.SECONDS).until(() -> wrongTypeErrors(redis) != refusedBefore);
      assertTrue(wrongTypeErrors(redis) > refusedBefore, "the counts were never offered to Redis");
      assertEquals("not a hash", redis.text("GET", key), "a refused addition wrote something");
      redis.call("DEL", key);
      ClusterStatisticsMXBean totals = cache.unwrap(RedisCache.class).clusterStatistics();
      await().pollInSameThread().atMost(20, TimeUnit.SECONDS).until(() -> totals.getCachePuts() >= 4);
      assertEquals(4, totals.getCachePuts());
      assertEquals(2, totals.getCacheHits());
      assertEquals(0, totals.getCacheMisses());
    } finally {
      manager.close();
    }
  }

  /** @return how many WRONGTYPE errors Redis has answered, scripts' included */
  private static long wrongTypeErrors(RespClient redis) {
    String wrongType = redis.info("errorstats").get("errorstat_WRONGTYPE");
    return wrongType == null ? 0 : Long.parseLong(wrongType.substring("count=".length()));
  }
}
