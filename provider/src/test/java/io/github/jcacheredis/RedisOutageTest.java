package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.RedisServerProcess;
import io.github.jcacheredis.testing.TestRedis;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Redis killed under a running workload, with the provider's default timeouts: every call returns or fails
 * with CacheException within the documented bound, and service resumes by itself once Redis is back.
 */
class RedisOutageTest {

  /** The README's bound on how long one call may block while Redis is unreachable. */
  static final long CALL_BOUND_MILLIS = 7_000;
  /** The bound on recovery once Redis is back on its address. */
  static final long RECOVERY_BOUND_MILLIS = 10_000;

  @Test
  void callsFailFastWhileRedisIsDownAndRecoverWhenItReturns() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      Properties properties = new Properties();
      properties.setProperty(ProviderSettings.URL, server.url());
      // The documented defaults, pinned: the test JVM raises timeouts for every other test (see the pom).
      properties.setProperty(ProviderSettings.TIMEOUT_MILLIS, Integer.toString(ProviderSettings.DEFAULT_TIMEOUT_MILLIS));
      properties.setProperty(ProviderSettings.CONNECT_TIMEOUT_MILLIS,
          Integer.toString(ProviderSettings.DEFAULT_CONNECT_TIMEOUT_MILLIS));
      properties.setProperty(ProviderSettings.RETRY_ATTEMPTS, Integer.toString(ProviderSettings.DEFAULT_RETRY_ATTEMPTS));
      CacheManager manager = TestRedis.provider().getCacheManager(URI.create("outage://" + server.port()),
          TestRedis.provider().getDefaultClassLoader(), properties);
      Cache<Integer, String> cache = manager.createCache("c",
          new MutableConfiguration<Integer, String>().setTypes(Integer.class, String.class));
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong longestCall = new AtomicLong();
      AtomicLong lastSuccess = new AtomicLong(System.nanoTime());
      Set<String> unexpected = ConcurrentHashMap.newKeySet();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        Thread worker = new Thread(() -> {
          int i = 0;
          while (running.get()) {
            int key = thread * 1000 + (i++ % 100);
            long start = System.nanoTime();
            try {
              if (i % 2 == 0) {
                cache.put(key, "v" + i);
              } else {
                cache.get(key);
              }
              lastSuccess.set(System.nanoTime());
            } catch (CacheException expected) {
              // the only exception allowed out of the API while Redis is away
            } catch (RuntimeException e) {
              unexpected.add(e.getClass().getName() + ": " + e.getMessage());
            }
            longestCall.accumulateAndGet(System.nanoTime() - start, Math::max);
          }
        });
        worker.start();
        workers.add(worker);
      }
      Thread.sleep(500); // the behaviour under test: the workers run against a healthy Redis first
      server.kill();
      long killedAt = System.nanoTime();
      Thread.sleep(3000); // the behaviour under test: an outage of 3 s
      long longestDuringOutage = TimeUnit.NANOSECONDS.toMillis(longestCall.get());
      server.restart();
      long restartedAt = System.nanoTime();
      while (lastSuccess.get() < restartedAt
          && System.nanoTime() - restartedAt < TimeUnit.MILLISECONDS.toNanos(RECOVERY_BOUND_MILLIS + 5_000)) {
        Thread.sleep(20);
      }
      long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(lastSuccess.get() - restartedAt);
      running.set(false);
      for (Thread worker : workers) {
        worker.join(TimeUnit.MILLISECONDS.toMillis(CALL_BOUND_MILLIS * 3));
      }
      long longestMillis = TimeUnit.NANOSECONDS.toMillis(longestCall.get());
      System.out.printf("outage: longest call %d ms (during the outage %d ms), recovered %d ms after restart,"
          + " killed %d ms before restart%n", longestMillis, longestDuringOutage, recoveryMillis,
          TimeUnit.NANOSECONDS.toMillis(restartedAt - killedAt));
      manager.close();
      assertEquals(Set.of(), unexpected);
      assertTrue(longestMillis <= CALL_BOUND_MILLIS, "a call blocked " + longestMillis + " ms");
      assertTrue(lastSuccess.get() > restartedAt, "no call succeeded after the restart");
      assertTrue(recoveryMillis <= RECOVERY_BOUND_MILLIS, "recovered after " + recoveryMillis + " ms");
    }
  }
}
