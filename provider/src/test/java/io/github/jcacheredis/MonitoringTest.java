package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import io.micrometer.core.instrument.binder.cache.JCacheMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What monitoring sees: Micrometer's JCache binder, our diagnostics bean, the health check. */
class MonitoringTest {

  private String prefix;
  private CacheManager manager;

  @BeforeEach
  void open() {
    prefix = TestRedis.uniquePrefix("monitor");
    manager = TestRedis.newManager(prefix);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void micrometersJCacheMetricsReportOurStatistics() {
    Cache<String, String> cache = manager.createCache("metered",
        new MutableConfiguration<String, String>().setStatisticsEnabled(true));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    JCacheMetrics.monitor(registry, cache);
    cache.put("a", "1");
    cache.put("b", "2");
    cache.get("a");
    cache.get("missing");
    cache.remove("b");
    assertEquals(1, registry.get("cache.gets").tag("result", "hit").functionCounter().count());
    assertEquals(1, registry.get("cache.gets").tag("result", "miss").functionCounter().count());
    assertEquals(2, registry.get("cache.puts").functionCounter().count());
    double removals = registry.get("cache.removals").gauge().value();
    assertEquals(1, removals);
  }

  @Test
  void theDiagnosticsBeanShowsWhatTheStandardBeansDoNot() throws Exception {
    Cache<String, String> cache = manager.createCache("diagnosed",
        new MutableConfiguration<String, String>().setManagementEnabled(true));
    try (RespClient redis = TestRedis.client()) {
      redis.call("SET", prefix + ":diagnosed:bad", "garbage");
    }
    cache.get("bad");
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("io.github.jcacheredis:type=RedisCache,CacheManager="
        + manager.getURI().toString().replaceAll("[,:=\n]", ".") + ",Cache=diagnosed");
    assertEquals(1L, server.getAttribute(name, "DecodeErrors"));
    assertEquals("CONNECTED", server.getAttribute(name, "ConnectionState"));
    assertTrue((Long) server.getAttribute(name, "RedisRoundTripMicros") >= 0);
    cache.close();
    assertTrue(!server.isRegistered(name), "unregistered when the cache closes");
  }

  @Test
  void pingMeasuresTheRoundTrip() {
    Duration roundTrip = manager.unwrap(RedisCacheManager.class).ping();
    assertTrue(roundTrip.toNanos() > 0 && roundTrip.toSeconds() < 1, roundTrip.toString());
  }
}
