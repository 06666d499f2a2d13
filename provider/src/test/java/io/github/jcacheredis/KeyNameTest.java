package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis names that decode to a key of the cache but are not that key's own name (planted by hand, or left by a
 * CacheManager with other settings) are not entries: iteration skips and counts them, and removing through the
 * iterator deletes only the entry's own name.
 */
class KeyNameTest {

  private String prefix;
  private CacheManager manager;
  private RespClient redis;

  @BeforeEach
  void open() {
    prefix = TestRedis.uniquePrefix("names");
    manager = TestRedis.newManager(prefix);
    redis = TestRedis.client();
  }

  @AfterEach
  void close() {
    manager.close();
    redis.close();
  }

  private <K> Cache<K, String> cache(String name, Class<K> keyType) {
    return manager.createCache(name, new MutableConfiguration<K, String>().setTypes(keyType, String.class));
  }

  private static long decodeErrors(Cache<?, ?> cache) {
    return cache.unwrap(RedisCache.class).statistics().getDecodeErrors();
  }

  private static <K> Map<K, String> iterate(Cache<K, String> cache) {
    Map<K, String> seen = new TreeMap<>();
    int count = 0;
    for (Cache.Entry<K, String> entry : cache) {
      seen.put(entry.getKey(), entry.getValue());
      count++;
    }
    assertEquals(seen.size(), count, "an entry was returned twice: " + seen);
    return seen;
  }

  private void copy(String from, String to) {
    redis.call("SET", to, (byte[]) redis.call("GET", from));
  }

  @Test
  void aTildeSAliasOfAStringKeyIsSkippedAndCounted() {
    Cache<String, String> cache = cache("c", String.class);
    cache.put("abc", "A");
    copy(prefix + ":c:abc", prefix + ":c:~sabc");
    assertEquals(Map.of("abc", "A"), iterate(cache));
    assertEquals(1, decodeErrors(cache));
  }

  @Test
  void aliasesOfNumberKeysAreSkipped() {
    Cache<Long, String> cache = cache("n", Long.class);
    cache.put(7L, "seven");
    copy(prefix + ":n:~l7", prefix + ":n:~l007");
    copy(prefix + ":n:~l7", prefix + ":n:~l+7");
    assertEquals(Map.of(7L, "seven"), iterate(cache));
    assertEquals(2, decodeErrors(cache));
  }

  @Test
  void iteratorRemoveDeletesTheEntrysOwnNameAndLeavesAliasesAlone() {
    Cache<String, String> cache = cache("c", String.class);
    cache.put("abc", "A");
    copy(prefix + ":c:abc", prefix + ":c:~sabc");
    Iterator<Cache.Entry<String, String>> iterator = cache.iterator();
    List<String> returned = new ArrayList<>();
    while (iterator.hasNext()) {
      returned.add(iterator.next().getKey());
      iterator.remove();
    }
    assertEquals(List.of("abc"), returned);
    assertEquals(List.of(prefix + ":c:~sabc"), redis.keys(prefix + ":c:*"));
    assertNull(cache.get("abc"));
  }

  @Test
  void aHashedNameWithAnotherDigestIsSkipped() {
    Cache<String, String> cache = cache("c", String.class);
    String longKey = "k".repeat(1000);
    cache.put(longKey, "L");
    List<String> names = redis.keys(prefix + ":c:*");
    assertEquals(1, names.size());
    copy(names.get(0), prefix + ":c:~#" + "0".repeat(64));
    assertEquals(Map.of(longKey, "L"), iterate(cache));
    assertEquals(1, decodeErrors(cache));
  }

  @Test
  void aHashedNameCarryingAKeyStoredUnderItsPlainNameIsSkipped() {
    // Another CacheManager on the same prefix hashes keys from 32 bytes on; this one from 256.
    String key = "forty-characters-long-key-0123456789abcd";
    CacheManager hashing = managerWithHashThreshold(32);
    try {
      hashing.createCache("c", new MutableConfiguration<String, String>().setTypes(String.class, String.class))
          .put(key, "hashed copy");
    } finally {
      hashing.close();
    }
    Cache<String, String> cache = cache("c", String.class);
    cache.put(key, "own");
    assertEquals(2, redis.keys(prefix + ":c:*").size());
    assertEquals(Map.of(key, "own"), iterate(cache));
    assertEquals(1, decodeErrors(cache));
  }

  @Test
  void removeAllDeletesEntriesByTheirOwnNamesOnly() {
    Cache<String, String> cache = cache("c", String.class);
    cache.put("abc", "A");
    cache.put("other", "B");
    copy(prefix + ":c:abc", prefix + ":c:~sabc");
    cache.removeAll();
    assertEquals(List.of(prefix + ":c:~sabc"), redis.keys(prefix + ":c:*"));
    assertNotNull(redis.call("GET", prefix + ":c:~sabc"));
    assertEquals(Set.of(), iterate(cache).keySet());
  }

  private CacheManager managerWithHashThreshold(int threshold) {
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, TestRedis.url());
    properties.setProperty(ProviderSettings.KEY_PREFIX, prefix);
    properties.setProperty(ProviderSettings.KEY_HASH_THRESHOLD, Integer.toString(threshold));
    CachingProvider provider = TestRedis.provider();
    return provider.getCacheManager(URI.create("test://" + prefix + "/hashing-" + UUID.randomUUID()),
        provider.getDefaultClassLoader(), properties);
  }
}
