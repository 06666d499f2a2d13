package io.github.jcacheredis.internal.integration;

import static io.github.jcacheredis.internal.integration.SingleFlightAcrossJvmsTest.number;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.RedisCache;
import io.github.jcacheredis.launcher.ChildJvm;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;

/**
 * Refresh ahead: an entry older than refreshAfterWrite is served at once while one reload runs in the background,
 * once across two JVMs; a reload that fails leaves the old value in place and is counted.
 */
class RefreshAheadTest {

  private static final long LOAD_MILLIS = 2000;
  private static final long REFRESH_AFTER_MILLIS = 1000;

  @Test
  void twoJvmsServeTheStaleValueAtOnceAndReloadItOnce() throws Exception {
    String prefix = TestRedis.uniquePrefix("refresh");
    String url = TestRedis.url();
    List<ChildJvm> children = new ArrayList<>();
    try (CacheManager manager = TestRedis.newManager(prefix); RespClient redis = TestRedis.client()) {
      Cache<String, String> cache = manager.createCache(LoadingWorker.CACHE, LoadingWorker.configuration(url, prefix,
          LOAD_MILLIS, 10_000, 30_000, REFRESH_AFTER_MILLIS));
      cache.put("k", "old");
      for (int i = 0; i < 2; i++) {
        children.add(ChildJvm.of(LoadingWorker.class).arguments(url, prefix, "refresh", "8", Long.toString(LOAD_MILLIS),
            "10000", "30000", Long.toString(REFRESH_AFTER_MILLIS), "k", "old").start());
      }
      await().pollInSameThread().atMost(1, TimeUnit.MINUTES)
          .until(() -> number(redis, prefix + ":test:ready"), count -> count >= 2);
      Thread.sleep(REFRESH_AFTER_MILLIS); // the entry grows stale (it is older still, the JVMs took time to start)
      redis.call("SET", prefix + ":test:go", "1");
      for (ChildJvm child : children) {
        child.awaitSuccess(Duration.ofSeconds(120)); // each reader got "old", then each JVM saw the reloaded value
      }
      assertEquals(1, number(redis, prefix + ":test:loads"), "reloads across both JVMs");
      long slowest = 0;
      for (Object duration : (List<?>) redis.call("LRANGE", prefix + ":test:durations", "0", "-1")) {
        slowest = Math.max(slowest, Long.parseLong(new String((byte[]) duration)));
      }
      assertTrue(slowest < LOAD_MILLIS, "the stale value is served without waiting for the " + LOAD_MILLIS
          + " ms reload; the slowest read took " + slowest + " ms");
      assertEquals("loaded:k", cache.get("k"));
    } finally {
      children.forEach(ChildJvm::close);
    }
  }

  @Test
  void aFailedRefreshKeepsServingTheOldValueAndIsCounted() throws Exception {
    String prefix = TestRedis.uniquePrefix("refresh-fail");
    String url = TestRedis.url();
    try (CacheManager manager = TestRedis.newManager(prefix); RespClient redis = TestRedis.client()) {
      Cache<String, String> cache = manager.createCache(LoadingWorker.CACHE, LoadingWorker.configuration(url, prefix,
          0, 10_000, 30_000, 100));
      cache.put("bad-k", "old"); // the loader fails for keys starting with "bad"
      Thread.sleep(150);
      assertEquals("old", cache.get("bad-k"));
      RedisCache<?, ?> ours = cache.unwrap(RedisCache.class);
      await().pollInSameThread().atMost(1, TimeUnit.MINUTES)
          .until(() -> ours.statistics().getRefreshFailures(), count -> count >= 1);
      assertEquals("old", cache.get("bad-k"), "the old value stays");
      assertEquals(1, number(redis, prefix + ":test:loads"), "no retry within the pause after a failure");
    }
  }

  @Test
  void anEntryYoungerThanTheRefreshAgeIsNotReloaded() throws Exception {
    String prefix = TestRedis.uniquePrefix("refresh-young");
    String url = TestRedis.url();
    try (CacheManager manager = TestRedis.newManager(prefix); RespClient redis = TestRedis.client()) {
      Cache<String, String> cache = manager.createCache(LoadingWorker.CACHE, LoadingWorker.configuration(url, prefix,
          0, 10_000, 30_000, 60_000));
      cache.put("k", "v");
      assertEquals("v", cache.get("k"));
      assertEquals(0, number(redis, prefix + ":test:loads"));
    }
  }
}
