package io.github.jcacheredis.internal.near;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.NearCacheConfiguration;
import io.github.jcacheredis.RedisCache;
import io.github.jcacheredis.RedisCacheConfiguration;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The near cache in one JVM: hits stay local, copies stay private, and any change in Redis drops them. */
class NearCacheTest {

  private String prefix;
  private CacheManager manager;
  private RespClient redis;

  @BeforeEach
  void open() {
    prefix = TestRedis.uniquePrefix("near");
    manager = TestRedis.newManager(prefix);
    redis = TestRedis.client();
  }

  @AfterEach
  void close() {
    manager.close();
    redis.close();
  }

  private Cache<String, ArrayList<String>> nearCache(String name) {
    return manager.createCache(name, new RedisCacheConfiguration<String, ArrayList<String>>()
        .setNearCache(NearCacheConfiguration.ofMaximumSize(1000)));
  }


  @Test
  void aSecondReadIsServedLocally() throws InterruptedException {
    Cache<String, ArrayList<String>> cache = nearCache("local");
    cache.put("k", new ArrayList<>(List.of("a")));
    // Redis also announces our own put on the invalidation connection; let that message pass first, or it
    // would drop the copy the next read makes. There is no condition to poll for a message that drops nothing.
    Thread.sleep(100);
    cache.get("k");
    long getsBefore = redis.commandCount("get");
    for (int i = 0; i < 100; i++) {
      assertEquals(List.of("a"), cache.get("k"));
    }
    assertEquals(getsBefore, redis.commandCount("get"));
    assertEquals(1, cache.unwrap(RedisCache.class).nearCache().size());
  }

  @Test
  void everyReaderGetsItsOwnCopy() {
    Cache<String, ArrayList<String>> cache = nearCache("copies");
    cache.put("k", new ArrayList<>(List.of("a")));
    ArrayList<String> first = cache.get("k");
    first.add("mutated by a caller");
    ArrayList<String> second = cache.get("k");
    assertNotSame(first, second);
    assertEquals(List.of("a"), second);
  }

  @Test
  void aWriteByAnotherClientDropsTheCopy() throws InterruptedException {
    Cache<String, ArrayList<String>> cache = nearCache("foreign");
    cache.put("k", new ArrayList<>(List.of("old")));
    cache.put("other", new ArrayList<>(List.of("new")));
    assertEquals(List.of("old"), cache.get("k"));
    // Another program (here: a raw connection) copies other's bytes over k.
    redis.call("SET", prefix + ":foreign:k", redis.call("GET", prefix + ":foreign:other"));
    await().pollInSameThread().atMost(5, TimeUnit.SECONDS).until(() -> List.of("new").equals(cache.get("k")));
  }

  @Test
  void aDeleteByAnotherClientDropsTheCopy() throws InterruptedException {
    Cache<String, ArrayList<String>> cache = nearCache("deleted");
    cache.put("k", new ArrayList<>(List.of("v")));
    cache.get("k");
    redis.call("DEL", prefix + ":deleted:k");
    await().pollInSameThread().atMost(5, TimeUnit.SECONDS).until(() -> cache.get("k") == null);
  }

  @Test
  void writesThroughThisCacheAreReadBackAtOnce() {
    Cache<String, ArrayList<String>> cache = nearCache("own");
    for (int i = 0; i < 200; i++) {
      cache.put("k", new ArrayList<>(List.of("v" + i)));
      assertEquals(List.of("v" + i), cache.get("k"));
    }
    cache.remove("k");
    assertNull(cache.get("k"));
  }

  @Test
  void aCopyNeverOutlivesTheEntrysTtl() throws InterruptedException {
    Cache<String, String> cache = manager.createCache("ttl", new RedisCacheConfiguration<String, String>()
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 300)))
        .setNearCache(NearCacheConfiguration.ofMaximumSize(10)));
    cache.put("k", "v");
    assertEquals("v", cache.get("k"));
    Thread.sleep(400); // the behaviour under test: the 300 ms TTL elapses
    assertNull(cache.get("k"));
  }

  @Test
  void aPolicyThatRenewsOnReadIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> manager.createCache("accessed", new RedisCacheConfiguration<String, String>()
            .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(Duration.ONE_MINUTE))
            .setNearCache(NearCacheConfiguration.ofMaximumSize(10))));
    assertTrue(refused.getMessage().contains("accessed"), refused.getMessage());
  }
}
