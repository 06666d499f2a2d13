package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.*;
import javax.cache.*;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.*;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

class SmokeScratchTest {
  @Test
  void roundTrip() {
    CachingProvider provider = Caching.getCachingProvider(RedisCachingProvider.class.getName());
    Properties p = new Properties();
    p.setProperty("jcacheredis.url", "redis://127.0.0.1:6379/3");
    CacheManager m = provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(), p);
    m.destroyCache("smoke");
    Cache<String, Integer> c = m.createCache("smoke", new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class)
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_MINUTE)));
    c.put("a", 1);
    assertEquals(1, c.get("a"));
    assertEquals(1, c.getAndPut("a", 2));
    assertTrue(c.putIfAbsent("b", 3));
    assertFalse(c.putIfAbsent("b", 4));
    assertTrue(c.replace("b", 3, 5));
    assertFalse(c.replace("b", 3, 6));
    assertEquals(5, c.get("b"));
    assertEquals(6, (int) c.invoke("b", (e, a) -> { e.setValue(e.getValue() + 1); return e.getValue(); }));
    Map<String, Integer> all = c.getAll(Set.of("a", "b", "zz"));
    assertEquals(Map.of("a", 2, "b", 6), all);
    int n = 0;
    for (Cache.Entry<String, Integer> e : c) n++;
    assertEquals(2, n);
    assertTrue(c.remove("a", 2));
    c.removeAll();
    assertFalse(c.containsKey("b"));
    c.put("~x", 1);
    String longKey = "k".repeat(400);
    c.put(longKey, 7);
    assertEquals(7, c.get(longKey));
    Set<String> keys = new HashSet<>();
    for (Cache.Entry<String, Integer> e : c) keys.add(e.getKey());
    assertEquals(Set.of("~x", longKey), keys);
    m.destroyCache("smoke");
    m.close();
  }
}
