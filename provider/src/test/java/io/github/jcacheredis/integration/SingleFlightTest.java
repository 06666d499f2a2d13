package io.github.jcacheredis.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.RedisCache;
import io.github.jcacheredis.RedisCacheConfiguration;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestCluster;
import io.github.jcacheredis.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CompletionListenerFuture;
import org.junit.jupiter.api.Test;

/**
 * Single flight within one JVM, on one Redis and on a Redis Cluster: two CacheManagers (each with its own local
 * coalescing, so they meet only through Redis, as two JVMs do) and many threads read absent keys spread over every
 * master; each key is loaded once. A failed load releases its lease at once; a cache that has the switch off loads
 * once per caller; a present key takes no lease.
 */
class SingleFlightTest {

  private static final int THREADS = 6;

  /** A loader counting its calls per key, each taking {@code millis}. */
  static final class Counting implements CacheLoader<String, String> {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final long millis;
    volatile boolean failing;

    Counting(long millis) {
      this.millis = millis;
    }

    @Override
    public String load(String key) {
      calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      pause(millis);
      if (failing) {
        throw new IllegalStateException("down");
      }
      return "v:" + key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> values = new HashMap<>();
      List<String> list = new ArrayList<>();
      keys.forEach(list::add);
      list.forEach(key -> calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet());
      pause(millis);
      list.forEach(key -> values.put(key, "v:" + key));
      return values;
    }

    int total() {
      return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static RedisCacheConfiguration<String, String> configuration(Counting loader) {
    return new RedisCacheConfiguration<String, String>().setTypes(String.class, String.class).setReadThrough(true)
        .setCacheLoaderFactory((Factory<CacheLoader<String, String>>) () -> loader)
        .setLoadLeaseTime(Duration.ofSeconds(5));
  }

  /** Runs {@code read} from THREADS threads of each cache, all released at once. */
  private static <T> List<T> together(List<Cache<String, String>> caches, Function<Cache<String, String>, T> read)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS * caches.size());
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Cache<String, String> cache : caches) {
        for (int i = 0; i < THREADS; i++) {
          futures.add(pool.submit(() -> {
            go.await();
            return read.apply(cache);
          }));
        }
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eachAbsentKeyIsLoadedOnceOnACluster() throws Exception {
    String prefix = TestRedis.uniquePrefix("flight-cluster");
    Counting loader = new Counting(200);
    try (CacheManager first = TestCluster.newManager(prefix); CacheManager second = TestCluster.newManager(prefix)) {
      List<Cache<String, String>> caches = List.of(first.createCache("c", configuration(loader)),
          second.createCache("c", configuration(loader)));
      Set<String> keys = new LinkedHashSet<>();
      for (int i = 0; i < 12; i++) {
        keys.add("key-" + i); // a dozen keys: every master holds some
      }
      List<Map<String, String>> answers = together(caches, cache -> {
        Map<String, String> seen = new HashMap<>();
        for (String key : keys) {
          seen.put(key, cache.get(key));
        }
        return seen;
      });
      for (Map<String, String> seen : answers) {
        for (String key : keys) {
          assertEquals("v:" + key, seen.get(key));
        }
      }
      for (String key : keys) {
        assertEquals(1, loader.calls.get(key).get(), "loads of " + key);
      }
      assertTrue(TestCluster.keysByMaster(prefix + ":%lease:*").values().stream().allMatch(List::isEmpty),
          "no lease left behind");
    }
  }

  @Test
  void getAllLoadsEachMissingKeyOnceOnACluster() throws Exception {
    String prefix = TestRedis.uniquePrefix("flight-cluster-all");
    Counting loader = new Counting(200);
    try (CacheManager first = TestCluster.newManager(prefix); CacheManager second = TestCluster.newManager(prefix)) {
      List<Cache<String, String>> caches = List.of(first.createCache("c", configuration(loader)),
          second.createCache("c", configuration(loader)));
      Set<String> keys = new LinkedHashSet<>();
      for (int i = 0; i < 20; i++) {
        keys.add("key-" + i);
      }
      caches.get(0).put("key-3", "present");
      for (Map<String, String> seen : together(caches, cache -> cache.getAll(keys))) {
        assertEquals(20, seen.size());
        assertEquals("present", seen.get("key-3"));
        assertEquals("v:key-7", seen.get("key-7"));
      }
      assertFalse(loader.calls.containsKey("key-3"), "a present key is not loaded");
      for (String key : keys) {
        if (!key.equals("key-3")) {
          assertEquals(1, loader.calls.get(key).get(), "loads of " + key);
        }
      }
    }
  }

  @Test
  void loadAllWithoutReplacingLoadsEachAbsentKeyOnce() throws Exception {
    String prefix = TestRedis.uniquePrefix("flight-loadall");
    Counting loader = new Counting(200);
    try (CacheManager first = TestRedis.newManager(prefix); CacheManager second = TestRedis.newManager(prefix)) {
      List<Cache<String, String>> caches = List.of(first.createCache("c", configuration(loader)),
          second.createCache("c", configuration(loader)));
      Set<String> keys = Set.of("a", "b", "c");
      together(caches, cache -> {
        CompletionListenerFuture done = new CompletionListenerFuture();
        cache.loadAll(keys, false, done);
        try {
          done.get();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
        return null;
      });
      for (String key : keys) {
        assertEquals(1, loader.calls.get(key).get(), "loads of " + key);
        assertEquals("v:" + key, caches.get(1).get(key));
      }
    }
  }

  @Test
  void aFailedLoadReleasesItsLeaseSoTheNextCallerLoadsAtOnce() throws Exception {
    String prefix = TestRedis.uniquePrefix("flight-fail");
    Counting loader = new Counting(0);
    try (CacheManager manager = TestRedis.newManager(prefix); RespClient redis = TestRedis.client()) {
      Cache<String, String> cache = manager.createCache("c", configuration(loader));
      loader.failing = true;
      assertThrows(CacheLoaderException.class, () -> cache.get("k"));
      // The release is sent without waiting; it is there long before the 5 s lease could have expired.
      long giveUp = System.currentTimeMillis() + 2000;
      while (!redis.keys(prefix + ":%lease:*").isEmpty() && System.currentTimeMillis() < giveUp) {
        Thread.sleep(2);
      }
      assertTrue(redis.keys(prefix + ":%lease:*").isEmpty(), "the lease went with the failure");
      loader.failing = false;
      assertEquals("v:k", cache.get("k"));
      assertEquals(2, loader.calls.get("k").get());
      assertEquals(0, cache.unwrap(RedisCache.class).statistics().getLoadWaitTimeouts());
    }
  }

  @Test
  void aPresentKeyTakesNoLease() throws Exception {
    String prefix = TestRedis.uniquePrefix("flight-hit");
    Counting loader = new Counting(0);
    try (CacheManager manager = TestRedis.newManager(prefix); RespClient redis = TestRedis.client()) {
      Cache<String, String> cache = manager.createCache("c", configuration(loader));
      cache.put("k", "present");
      long before = redis.commandCount("set");
      long evalBefore = redis.commandCount("evalsha") + redis.commandCount("eval");
      assertEquals("present", cache.get("k"));
      assertEquals("present", cache.invoke("k", (entry, args) -> entry.getValue()));
      assertEquals(before, redis.commandCount("set"), "no SET NX on a lease");
      assertEquals(evalBefore, redis.commandCount("evalsha") + redis.commandCount("eval"), "no lease script");
    }
  }

  @Test
  void withTheSwitchOffEveryCallerLoads() throws Exception {
    String prefix = TestRedis.uniquePrefix("flight-off");
    Counting loader = new Counting(200);
    try (CacheManager manager = TestRedis.newManager(prefix)) {
      Cache<String, String> cache = manager.createCache("c", configuration(loader).setSingleFlight(false));
      together(List.of(cache), c -> c.get("k"));
      assertTrue(loader.calls.get("k").get() > 1, "without single flight, racing callers each load");
    }
  }

  @Test
  void aWaiterPastItsBoundLoadsItselfAndIsCounted() throws Exception {
    String prefix = TestRedis.uniquePrefix("flight-bound");
    Counting loader = new Counting(1500);
    try (CacheManager first = TestRedis.newManager(prefix); CacheManager second = TestRedis.newManager(prefix)) {
      Cache<String, String> slow = first.createCache("c", configuration(loader));
      Cache<String, String> impatient = second.createCache("c", configuration(loader)
          .setLoadWaitTimeout(Duration.ofMillis(100)));
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<String> loading = pool.submit(() -> slow.get("k"));
        while (loader.total() == 0) {
          Thread.sleep(2);
        }
        assertEquals("v:k", impatient.get("k"));
        assertEquals("v:k", loading.get());
      } finally {
        pool.shutdownNow();
      }
      assertEquals(2, loader.calls.get("k").get());
      assertEquals(1, impatient.unwrap(RedisCache.class).statistics().getLoadWaitTimeouts());
    }
  }
}
