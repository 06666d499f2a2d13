package io.github.jcacheredis.internal.integration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.launcher.ChildJvm;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Single-flight loads across JVMs: two JVMs of eight threads each read one absent key whose loader takes 300 ms
 * and counts its calls in Redis; the loader runs once, and everyone gets its value. A JVM killed while loading
 * is taken over by a waiter once its lease expires.
 */
class SingleFlightAcrossJvmsTest {

  private static final int JVMS = 2;
  private static final int THREADS = 8;
  private static final long LOAD_MILLIS = 300;

  @Test
  void readThroughGetLoadsOnceForTwoJvmsOfEightThreads() throws Exception {
    race("get");
  }

  @Test
  void loadingInvokeRunsItsLoadOnceForTwoJvmsOfEightThreads() throws Exception {
    race("invoke");
  }

  private void race(String mode) throws Exception {
    String prefix = TestRedis.uniquePrefix("flight-" + mode);
    String url = TestRedis.url();
    List<ChildJvm> children = new ArrayList<>();
    try (RespClient redis = TestRedis.client()) {
      for (int i = 0; i < JVMS; i++) {
        children.add(ChildJvm.of(LoadingWorker.class).arguments(url, prefix, mode, Integer.toString(THREADS),
            Long.toString(LOAD_MILLIS), "10000", "30000", "0", "hot", "loaded:hot").start());
      }
      await().pollInSameThread().atMost(1, TimeUnit.MINUTES)
          .until(() -> number(redis, prefix + ":test:ready"), count -> count >= JVMS);
      redis.call("SET", prefix + ":test:go", "1");
      for (ChildJvm child : children) {
        child.awaitSuccess(Duration.ofSeconds(120));
      }
      assertEquals(1, number(redis, prefix + ":test:loads"), "loader calls across both JVMs");
      assertEquals(0, number(redis, prefix + ":test:timeouts"), "callers that gave up waiting");
      assertEquals(JVMS * THREADS, redis.number("LLEN", prefix + ":test:returned"));
      long loadedAt = number(redis, prefix + ":test:loadedAt");
      long last = 0;
      for (Object returned : (List<?>) redis.call("LRANGE", prefix + ":test:returned", "0", "-1")) {
        last = Math.max(last, Long.parseLong(new String((byte[]) returned)));
      }
      // Not asserted (no timing thresholds in tests): how long after the loader returned the last waiter had
      // the value. The bound is SingleFlight.MAX_POLL_MILLIS plus two round trips, plus scheduling.
      System.out.println("single flight (" + mode + "): last of " + JVMS * THREADS + " readers returned "
          + (last - loadedAt) + " ms after the loader returned");
      assertTrue(redis.keys(prefix + ":%lease:*").isEmpty(), "no lease left behind");
    } finally {
      children.forEach(ChildJvm::close);
    }
  }

  @Test
  void aWaiterTakesOverWhenTheLoadingJvmIsKilled() throws Exception {
    String prefix = TestRedis.uniquePrefix("flight-kill");
    String url = TestRedis.url();
    long leaseMillis = 1000;
    try (RespClient redis = TestRedis.client()) {
      redis.call("SET", prefix + ":test:go", "1");
      // The first JVM's loader would take a minute: it is killed while it runs, holding the lease.
      ChildJvm loading = ChildJvm.of(LoadingWorker.class).arguments(url, prefix, "get", "1", "60000",
          Long.toString(leaseMillis), "60000", "0", "hot", "loaded:hot").start();
      ChildJvm waiting = null;
      try {
        await().pollInSameThread().atMost(1, TimeUnit.MINUTES)
            .until(() -> number(redis, prefix + ":test:loads"), count -> count >= 1);
        // The second JVM's loader is quick; it waits far longer than the lease, so only the lease's expiry can
        // let it load.
        waiting = ChildJvm.of(LoadingWorker.class).arguments(url, prefix, "get", "2", "100", Long.toString(leaseMillis),
            "60000", "0", "hot", "loaded:hot").start();
        await().pollInSameThread().atMost(1, TimeUnit.MINUTES)
            .until(() -> number(redis, prefix + ":test:ready"), count -> count >= 2);
        long killedAt = System.currentTimeMillis();
        loading.kill();
        waiting.awaitSuccess(Duration.ofSeconds(60));
        assertEquals(2, number(redis, prefix + ":test:loads"), "the killed load and the takeover");
        assertEquals(0, number(redis, prefix + ":test:timeouts"), "the waiters took over by the lease, not the"
            + " wait bound");
        long last = 0;
        for (Object returned : (List<?>) redis.call("LRANGE", prefix + ":test:returned", "0", "-1")) {
          last = Math.max(last, Long.parseLong(new String((byte[]) returned)));
        }
        System.out.println("takeover: the waiters had the value " + (last - killedAt) + " ms after the kill"
            + " (lease " + leaseMillis + " ms, load 100 ms)");
      } finally {
        loading.close();
        if (waiting != null) {
          waiting.close();
        }
      }
    }
  }

  static long number(RespClient redis, String key) {
    Object value = redis.call("GET", key);
    return value == null ? 0 : Long.parseLong(new String((byte[]) value));
  }

}
