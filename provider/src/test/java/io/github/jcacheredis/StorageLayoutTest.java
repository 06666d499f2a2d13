package io.github.jcacheredis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the provider leaves in Redis: key names, TTLs, and nothing once entries expire. */
class StorageLayoutTest {

  private String prefix;
  private CacheManager manager;
  private RespClient redis;

  @BeforeEach
  void open() {
    prefix = TestRedis.uniquePrefix("layout");
    manager = TestRedis.newManager(prefix);
    redis = TestRedis.client();
  }

  @AfterEach
  void close() {
    manager.close();
    redis.close();
  }

  @Test
  void stringAndNumberKeysStayReadable() {
    Cache<Object, String> cache = manager.createCache("people", new MutableConfiguration<>());
    cache.put("alice", "A");
    cache.put(42L, "B");
    cache.put(7, "C");
    cache.put("~tilde", "D");
    Set<String> keys = new HashSet<>(redis.keys(prefix + ":people:*"));
    assertEquals(Set.of(prefix + ":people:alice", prefix + ":people:~l42", prefix + ":people:~i7",
        prefix + ":people:~s~tilde"), keys);
  }

  @Test
  void keysOfDifferentTypesNeverCollide() {
    Cache<Object, String> cache = manager.createCache("mixed", new MutableConfiguration<>());
    cache.put("1", "string");
    cache.put(1L, "long");
    cache.put(1, "int");
    assertEquals("string", cache.get("1"));
    assertEquals("long", cache.get(1L));
    assertEquals("int", cache.get(1));
  }

  @Test
  void everyExpiringKeyCarriesARedisTtl() {
    Cache<String, String> cache = manager.createCache("ttl", new MutableConfiguration<String, String>()
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_MINUTE)));
    for (int i = 0; i < 20; i++) {
      cache.put("k" + i, "v");
    }
    List<String> keys = redis.keys(prefix + ":ttl:*");
    assertEquals(20, keys.size());
    for (String key : keys) {
      long ttl = redis.number("PTTL", key);
      assertTrue(ttl > 0 && ttl <= 60_000, key + " has PTTL " + ttl);
    }
  }

  @Test
  void eternalEntriesHaveNoTtl() {
    Cache<String, String> cache = manager.createCache("eternal", new MutableConfiguration<>());
    cache.put("k", "v");
    assertEquals(-1, redis.number("PTTL", prefix + ":eternal:k"));
  }

  @Test
  void expiredEntriesLeaveNothingBehind() throws InterruptedException {
    Cache<String, String> cache = manager.createCache("short", new MutableConfiguration<String, String>()
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 200))));
    for (int i = 0; i < 50; i++) {
      cache.put("k" + i, "v");
    }
    // Redis removes expired keys by itself (lazily and by its active expiry cycle); nothing reads them here.
    await().pollInSameThread().atMost(20, TimeUnit.SECONDS).until(() -> redis.keys(prefix + ":short:*").isEmpty());
    assertEquals(List.of(), redis.keys(prefix + ":short:*"));
  }

  @Test
  void longKeysAreStoredAsTheirHashAndIterateAsThemselves() {
    Cache<String, Integer> cache = manager.createCache("long", new MutableConfiguration<String, Integer>()
        .setTypes(String.class, Integer.class));
    String longKey = "x".repeat(1000);
    cache.put(longKey, 1);
    cache.put("short", 2);
    List<String> keys = redis.keys(prefix + ":long:~#*");
    assertEquals(1, keys.size());
    assertTrue(keys.get(0).matches(".*:~#[0-9a-f]{64}"), keys.get(0));
    assertEquals(1, cache.get(longKey));
    Set<String> iterated = new HashSet<>();
    for (Cache.Entry<String, Integer> entry : cache) {
      iterated.add(entry.getKey());
    }
    assertEquals(Set.of(longKey, "short"), iterated);
  }

  @Test
  void cacheNamesThatPrefixEachOtherStayApart() {
    Cache<String, String> outer = manager.createCache("a", new MutableConfiguration<>());
    Cache<String, String> inner = manager.createCache("a:b", new MutableConfiguration<>());
    Cache<String, String> glob = manager.createCache("a*", new MutableConfiguration<>());
    outer.put("k", "outer");
    inner.put("k", "inner");
    glob.put("k", "glob");
    outer.clear();
    assertEquals("inner", inner.get("k"));
    assertEquals("glob", glob.get("k"));
    glob.clear();
    assertEquals("inner", inner.get("k"));
  }

  @Test
  void destroyCacheDeletesItsKeys() {
    Cache<String, String> cache = manager.createCache("doomed", new MutableConfiguration<>());
    for (int i = 0; i < 1200; i++) {
      cache.put("k" + i, "v");
    }
    manager.destroyCache("doomed");
    assertEquals(List.of(), redis.keys(prefix + ":doomed:*"));
  }
}
