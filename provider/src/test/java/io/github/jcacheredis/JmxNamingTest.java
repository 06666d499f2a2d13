package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.internal.management.JmxRegistration;
import io.github.jcacheredis.testing.TestRedis;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Every cache has beans of its own, whatever its name: names ObjectName cannot hold as they are are quoted,
 * ordinary names keep the exact ObjectName the TCK and Micrometer look up, and two caches whose names still
 * meet cannot share (or unregister) one bean.
 */
class JmxNamingTest {

  private static final List<String> AWKWARD = List.of("a*", "a?", "a\"b", "\"quoted\"", "x,y", "x.y", "x=y",
      "a:b", "new\nline", "back\\slash", "plain", "with space");

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  private static MutableConfiguration<String, String> managed() {
    return new MutableConfiguration<String, String>().setTypes(String.class, String.class)
        .setStatisticsEnabled(true).setManagementEnabled(true);
  }

  @Test
  void everyCacheNameHasItsOwnStatisticsAndConfigurationBeans() throws Exception {
    CacheManager manager = TestRedis.newManager(TestRedis.uniquePrefix("jmxnames"));
    try {
      for (String name : AWKWARD) {
        Cache<String, String> cache = manager.createCache(name, managed());
        cache.get("k"); // a miss
      }
      String managerValue = JmxRegistration.objectName(manager.getURI(), "any", JmxRegistration.Type.STATISTICS)
          .getKeyProperty("CacheManager");
      Set<ObjectName> statistics = server.queryNames(new ObjectName("javax.cache:type=CacheStatistics,*"), null)
          .stream().filter(name -> managerValue.equals(name.getKeyProperty("CacheManager")))
          .collect(Collectors.toSet());
      assertEquals(AWKWARD.size(), statistics.size(), statistics.toString());
      for (String name : AWKWARD) {
        ObjectName bean = JmxRegistration.objectName(manager.getURI(), name, JmxRegistration.Type.STATISTICS);
        String value = bean.getKeyProperty("Cache");
        assertEquals(name, value.startsWith("\"") ? ObjectName.unquote(value) : value);
        assertEquals(1L, server.getAttribute(bean, "CacheMisses"), name);
        assertTrue(server.isRegistered(
            JmxRegistration.objectName(manager.getURI(), name, JmxRegistration.Type.CONFIGURATION)), name);
      }
      manager.getCache("x,y").close();
      assertTrue(server.isRegistered(
          JmxRegistration.objectName(manager.getURI(), "x.y", JmxRegistration.Type.STATISTICS)),
          "closing 'x,y' unregistered the bean of 'x.y'");
    } finally {
      manager.close();
    }
  }

  @Test
  void anOrdinaryNameKeepsTheObjectNameTheTckAndMicrometerLookUp() throws Exception {
    CacheManager manager = TestRedis.newManager(TestRedis.uniquePrefix("jmxplain"));
    try {
      manager.createCache("plain-cache_1 with space", managed());
      String uri = manager.getURI().toString().replaceAll(",|:|=|\n", ".");
      assertTrue(server.isRegistered(new ObjectName(
          "javax.cache:type=CacheStatistics,CacheManager=" + uri + ",Cache=plain-cache_1 with space")));
      assertTrue(server.isRegistered(new ObjectName(
          "javax.cache:type=CacheConfiguration,CacheManager=" + uri + ",Cache=plain-cache_1 with space")));
    } finally {
      manager.close();
    }
  }

  @Test
  void twoCachesWhoseNamesMeetCannotShareABean() throws Exception {
    String prefix = TestRedis.uniquePrefix("jmxclash");
    String id = UUID.randomUUID().toString();
    // Both URIs become "clash.//<id>/a.b" in an ObjectName.
    CacheManager first = manager(URI.create("clash://" + id + "/a:b"), prefix);
    CacheManager second = manager(URI.create("clash://" + id + "/a.b"), prefix);
    try {
      first.createCache("c", managed());
      CacheException clash = assertThrows(CacheException.class, () -> second.createCache("c", managed()));
      assertTrue(clash.getMessage().contains("clash://" + id + "/a:b"), clash.getMessage());
      assertTrue(clash.getMessage().contains("clash://" + id + "/a.b"), clash.getMessage());
      assertFalse(second.getCacheNames().iterator().hasNext());
      ObjectName shared = JmxRegistration.objectName(first.getURI(), "c", JmxRegistration.Type.STATISTICS);
      assertTrue(server.isRegistered(shared), "the failed creation unregistered the first cache's bean");

      first.getCache("c").close();
      assertFalse(server.isRegistered(shared));
      second.createCache("c", managed());
      assertTrue(server.isRegistered(shared));
    } finally {
      first.close();
      second.close();
    }
  }

  private static CacheManager manager(URI uri, String prefix) {
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, TestRedis.url());
    properties.setProperty(ProviderSettings.KEY_PREFIX, prefix);
    return TestRedis.provider().getCacheManager(uri, TestRedis.provider().getDefaultClassLoader(), properties);
  }
}
