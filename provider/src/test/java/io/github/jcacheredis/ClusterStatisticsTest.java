package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jcacheredis.management.ClusterStatisticsMXBean;
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
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (totals.getCacheGets() < 15 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
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
}
