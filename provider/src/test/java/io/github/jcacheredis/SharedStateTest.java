package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.jcacheredis.testing.TestRedis;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/** Redis is shared state: managers come and go, the entries stay until destroyed. */
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

  @Test
  void differentPrefixesNeverSeeEachOther() {
    CacheManager one = TestRedis.newManager(TestRedis.uniquePrefix("ns"));
    CacheManager two = TestRedis.newManager(TestRedis.uniquePrefix("ns"));
    Cache<String, String> a = one.createCache("same", new MutableConfiguration<>());
    Cache<String, String> b = two.createCache("same", new MutableConfiguration<>());
    a.put("k", "a");
    b.put("k", "b");
    b.clear();
    assertEquals("a", a.get("k"));
    one.close();
    two.close();
  }
}
