package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Redis is shared state: managers come and go, the entries stay until destroyed; managers with different key
 * prefixes share a Redis without seeing, clearing or destroying each other's entries.
 */
class SharedStateTest {

  @Test
  void aReopenedCacheManagerSeesTheEntriesAlreadyInRedis() {
    String prefix = TestRedis.uniquePrefix("reopen");
    CacheManager first = TestRedis.newManager(prefix);
    first.createCache("c", new MutableConfiguration<String, String>()).put("k", "v");
    first.close();

    CacheManager second = TestRedis.newManager(prefix);
    Cache<String, String> cache = second.createCache("c", new MutableConfiguration<>());
    assertEquals("v", cache.get("k"));
    second.destroyCache("c");
    second.close();
  }

  @Test
  void creatingAnExistingCacheElsewhereKeepsItsEntries() {
    String prefix = TestRedis.uniquePrefix("shared");
    CacheManager one = TestRedis.newManager(prefix);
    CacheManager two = TestRedis.newManager(prefix);
    one.createCache("c", new MutableConfiguration<String, String>()).put("k", "from one");
    Cache<String, String> seenByTwo = two.createCache("c", new MutableConfiguration<>());
    assertEquals("from one", seenByTwo.get("k"));
    two.destroyCache("c");
    assertNull(one.<String, String>getCache("c").get("k"));
    one.close();
    two.close();
  }

  // ------------------------------------------------------------------------------------------- namespaces

  /**
   * Two managers whose prefixes differ, the first a string prefix of the second (so a SCAN MATCH pattern that
   * forgot the separator would reach into the second), each with a cache of the same name holding the same
   * keys. The tests act through the first and check that the second kept everything.
   */
  private static final class TwoTenants implements AutoCloseable {
    final String prefix = TestRedis.uniquePrefix("ns");
    final String otherPrefix = prefix + "-2";
    final CacheManager one = TestRedis.newManager(prefix);
    final CacheManager two = TestRedis.newManager(otherPrefix);
    final Cache<String, String> mine = one.createCache("same", new MutableConfiguration<String, String>());
    final Cache<String, String> other = two.createCache("same", new MutableConfiguration<String, String>());

    TwoTenants() {
      for (int i = 0; i < 50; i++) {
        mine.put("k" + i, "mine" + i);
        other.put("k" + i, "other" + i);
      }
      mine.put("only-mine", "mine");
      other.put("only-other", "other");
    }

    static Map<String, String> contentsOf(Cache<String, String> cache) {
      Map<String, String> all = new HashMap<>();
      cache.forEach(entry -> all.put(entry.getKey(), entry.getValue()));
      return all;
    }

    static Map<String, String> expected(String tenant) {
      Map<String, String> expected = new HashMap<>();
      for (int i = 0; i < 50; i++) {
        expected.put("k" + i, tenant + i);
      }
      expected.put("only-" + tenant, tenant);
      return expected;
    }

    void assertOtherIntact() {
      assertEquals(expected("other"), contentsOf(other));
      try (RespClient redis = TestRedis.client()) {
        assertEquals(51, redis.keys(otherPrefix + ":same:*").size(), "what Redis holds under the other prefix");
      }
    }

    @Override
    public void close() {
      one.destroyCache("same");
      two.destroyCache("same");
      one.close();
      two.close();
    }
  }

  @Test
  void differentPrefixesNeverSeeEachOthersEntries() {
    try (TwoTenants tenants = new TwoTenants()) {
      assertEquals("mine7", tenants.mine.get("k7"));
      assertEquals("other7", tenants.other.get("k7"));
      assertFalse(tenants.mine.containsKey("only-other"));
      assertNull(tenants.other.get("only-mine"));
      assertEquals(Map.of("k1", "mine1"), tenants.mine.getAll(Set.of("k1", "only-other")));
      assertEquals(TwoTenants.expected("mine"), TwoTenants.contentsOf(tenants.mine));
      assertEquals(TwoTenants.expected("other"), TwoTenants.contentsOf(tenants.other));

      // A third manager on the first prefix is the same tenant: the isolation is by prefix, nothing else.
      CacheManager sameTenant = TestRedis.newManager(tenants.prefix);
      assertEquals("mine7", sameTenant.createCache("same", new MutableConfiguration<String, String>()).get("k7"));
      sameTenant.close();
    }
  }

  @Test
  void clearUnderOnePrefixLeavesTheOtherAlone() {
    try (TwoTenants tenants = new TwoTenants()) {
      tenants.mine.clear();
      assertEquals(Map.of(), TwoTenants.contentsOf(tenants.mine));
      tenants.assertOtherIntact();
    }
  }

  @Test
  void removeAllUnderOnePrefixLeavesTheOtherAlone() {
    try (TwoTenants tenants = new TwoTenants()) {
      tenants.mine.removeAll(Set.of("k1", "k2", "only-other"));
      assertFalse(tenants.mine.containsKey("k1"));
      tenants.assertOtherIntact();
      tenants.mine.removeAll();
      assertEquals(Map.of(), TwoTenants.contentsOf(tenants.mine));
      tenants.assertOtherIntact();
    }
  }

  @Test
  void destroyCacheUnderOnePrefixLeavesTheOtherAlone() {
    try (TwoTenants tenants = new TwoTenants()) {
      tenants.one.destroyCache("same");
      try (RespClient redis = TestRedis.client()) {
        assertEquals(List.of(), redis.keys(tenants.prefix + ":same:*"));
      }
      tenants.assertOtherIntact();
    }
  }
}
