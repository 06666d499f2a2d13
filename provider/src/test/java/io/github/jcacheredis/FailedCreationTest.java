package io.github.jcacheredis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.management.CacheStatistics;
import io.github.jcacheredis.internal.management.JmxRegistration;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A createCache that fails part way (here: its statistics bean's name is taken) leaves nothing behind: no
 * thread, no connection, no bean and no configuration record, so that a retry, with other types even, is a
 * first creation.
 */
class FailedCreationTest {

  /** A listener, so that creating the cache starts a thread and a connection for other JVMs' events. */
  public static final class Quiet implements CacheEntryCreatedListener<Object, Object> {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<?, ?>> events) {
    }
  }

  @Test
  void aCreationFailingAtJmxRegistrationLeavesNothingBehindAndCanBeRetried() throws Exception {
    String prefix = TestRedis.uniquePrefix("failedcreate");
    CacheManager manager = TestRedis.newManager(prefix);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName statistics = JmxRegistration.objectName(manager.getURI(), "c", JmxRegistration.Type.STATISTICS);
    ObjectName configuration = JmxRegistration.objectName(manager.getURI(), "c",
        JmxRegistration.Type.CONFIGURATION);
    String channel = "jcache-redis-events:" + prefix + ":c:";
    server.registerMBean(new CacheStatistics(false), statistics); // someone else's bean under the cache's name
    try (RespClient redis = TestRedis.client()) {
      MutableConfiguration<String, String> strings = new MutableConfiguration<String, String>()
          .setTypes(String.class, String.class).setStatisticsEnabled(true).setManagementEnabled(true)
          .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
              FactoryBuilder.factoryOf(Quiet.class.getName()), null, false, true));
      CacheException failure = assertThrows(CacheException.class, () -> manager.createCache("c", strings));
      assertTrue(failure.getMessage().contains(statistics.toString()), failure.getMessage());

      assertFalse(manager.getCacheNames().iterator().hasNext(), "the manager lists the cache");
      assertEquals(0, redis.number("EXISTS", prefix + ":c"), "the configuration record was left in Redis");
      assertFalse(server.isRegistered(configuration), "the configuration bean was left registered");
      assertTrue(server.isRegistered(statistics), "the other bean was unregistered");
      await("the events thread ended").pollInSameThread().atMost(10, TimeUnit.SECONDS)
          .until(() -> Thread.getAllStackTraces().keySet().stream()
          .noneMatch(thread -> thread.getName().startsWith("jcache-redis-events-in-c")));
      await("the events connection closed").pollInSameThread().atMost(10, TimeUnit.SECONDS)
          .until(() -> subscribers(redis, channel) == 0);

      server.unregisterMBean(statistics);
      Cache<Integer, Long> retried = manager.createCache("c", new MutableConfiguration<Integer, Long>()
          .setTypes(Integer.class, Long.class).setStatisticsEnabled(true).setManagementEnabled(true));
      retried.put(1, 2L);
      assertEquals(2L, retried.get(1));
      assertTrue(redis.text("GET", prefix + ":c").contains("keyType=java.lang.Integer"));
      assertTrue(server.isRegistered(statistics));
    } finally {
      manager.close();
      if (server.isRegistered(statistics)) {
        server.unregisterMBean(statistics);
      }
    }
  }

  private static long subscribers(RespClient redis, String channel) {
    List<?> reply = (List<?>) redis.call("PUBSUB", "NUMSUB", channel);
    return (Long) reply.get(1);
  }

}
