package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.management.JmxRegistration;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.configuration.OptionalFeature;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Store-by-reference is an optional feature this provider does not offer, so a configuration asking for it is
 * refused (JSR-107 CacheManager#createCache) rather than accepted and misreported.
 */
class StoreByReferenceTest {

  private String prefix;
  private CacheManager manager;

  @BeforeEach
  void open() {
    prefix = TestRedis.uniquePrefix("byref");
    manager = TestRedis.newManager(prefix);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void theProviderSaysStoreByReferenceIsNotSupported() {
    assertFalse(TestRedis.provider().isSupported(OptionalFeature.STORE_BY_REFERENCE));
  }

  @Test
  void aConfigurationAskingForStoreByReferenceIsRefusedAndCreatesNothing() {
    UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
        () -> manager.createCache("byReference", new MutableConfiguration<String, String>()
            .setTypes(String.class, String.class).setStoreByValue(false)));
    assertTrue(refused.getMessage().contains("Cache 'byReference'"), refused.getMessage());
    assertTrue(refused.getMessage().contains("setStoreByValue(true)"), refused.getMessage());
    assertNull(manager.getCache("byReference"));
    try (RespClient redis = TestRedis.client()) {
      assertEquals(0L, redis.call("EXISTS", prefix + ":byReference"), "no configuration record was written");
    }
  }

  @Test
  void aRedisCacheConfigurationAskingForStoreByReferenceIsRefusedToo() {
    assertThrows(UnsupportedOperationException.class, () -> manager.createCache("byReference",
        new RedisCacheConfiguration<String, String>().setStoreByValue(false)));
  }

  @Test
  void theSameConfigurationAskingForStoreByValueThenSucceedsAndSaysSo() throws Exception {
    MutableConfiguration<String, List<String>> configuration = new MutableConfiguration<String, List<String>>()
        .setStoreByValue(false).setManagementEnabled(true);
    assertThrows(UnsupportedOperationException.class, () -> manager.createCache("byValue", configuration));
    Cache<String, List<String>> cache = manager.createCache("byValue", configuration.setStoreByValue(true));
    assertTrue(cache.getConfiguration(CompleteConfiguration.class).isStoreByValue());
    ObjectName bean = JmxRegistration.objectName(manager.getURI(), "byValue", JmxRegistration.Type.CONFIGURATION);
    assertEquals(true, ManagementFactory.getPlatformMBeanServer().getAttribute(bean, "StoreByValue"));
  }

  @Test
  void everyReadIsACopySoChangingWhatWasReadChangesNothingStored() {
    Cache<String, ArrayList<String>> cache = manager.createCache("copies",
        new MutableConfiguration<String, ArrayList<String>>());
    ArrayList<String> stored = new ArrayList<>(List.of("a"));
    cache.put("k", stored);
    stored.add("changed after put");
    ArrayList<String> read = cache.get("k");
    assertEquals(List.of("a"), read);
    read.add("changed after get");
    assertNotSame(read, cache.get("k"));
    assertEquals(List.of("a"), cache.get("k"));
  }
}
