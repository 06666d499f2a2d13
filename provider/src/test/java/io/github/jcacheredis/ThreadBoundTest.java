package io.github.jcacheredis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.testing.TestCluster;
import io.github.jcacheredis.testing.TestRedis;
import io.github.jcacheredis.internal.threads.ManagerThreads;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The threads a CacheManager costs do not grow with its caches: a hundred caches, each with a near cache and with
 * synchronous and asynchronous listeners, on a three-master cluster, add at most {@link ManagerThreads}' bound
 * and the shared Redisson client's own pools, and closing the manager takes them all away again.
 */
class ThreadBoundTest {

  private static final int CACHES = 100;
  /** Redisson's own pools for one client, at their defaults: 32 Netty event-loop threads and 16 executor threads. */
  private static final int REDISSON_CLIENT_THREADS = 32 + 16;
  /** Redisson's timer and DNS resolver, and Netty's cleaner and global executor: a few of each kind at most. */
  private static final int HOUSEKEEPING_THREADS = 8;

  static final AtomicInteger HEARD = new AtomicInteger();

  /** Counts created events. */
  public static final class Counter implements CacheEntryCreatedListener<String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(event -> HEARD.incrementAndGet());
    }
  }

  @Test
  void aHundredNearCachedListenedCachesOnAClusterCostABoundedNumberOfThreadsAndCloseLeavesNone() {
    TestCluster.cluster();
    int before = liveThreads();
    String namesBefore = names();
    CacheManager manager = TestCluster.newManager(TestRedis.uniquePrefix("threads"));
    int during;
    try {
      for (int i = 0; i < CACHES; i++) {
        Cache<String, String> cache = manager.createCache("c" + i, new RedisCacheConfiguration<String, String>()
            .setNearCache(NearCacheConfiguration.ofMaximumSize(100))
            .addCacheEntryListenerConfiguration(listener(true))
            .addCacheEntryListenerConfiguration(listener(false)));
        cache.put("k", "v");
        assertEquals("v", cache.get("k"));
      }
      await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> HEARD.get() == 2 * CACHES);
      during = liveThreads();
    } finally {
      manager.close();
    }
    int bound = ManagerThreads.MAX_THREADS + REDISSON_CLIENT_THREADS + HOUSEKEEPING_THREADS;
    System.out.printf("threads: %d before, %d with %d caches (at most %d more allowed), closing...%n", before,
        during, CACHES, bound);
    assertTrue(during - before <= bound, "with " + CACHES + " caches: " + before + " threads before, " + during
        + " after; at most " + bound + " more were allowed");
    try {
      // Polled on this thread: Awaitility's own poller would be counted.
      await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> liveThreads() <= before);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("threads before: " + namesBefore + "; left after close: " + names(), e);
    }
  }

  private static String names() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).sorted()
        .toList().toString();
  }

  private static MutableCacheEntryListenerConfiguration<String, String> listener(boolean synchronous) {
    return new MutableCacheEntryListenerConfiguration<>(FactoryBuilder.factoryOf(Counter.class), null, false,
        synchronous);
  }

  /** Live threads, but the JVM's common pool's (shared by the whole JVM, and idle for a minute before it ends). */
  private static int liveThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .filter(thread -> !thread.getName().startsWith("ForkJoinPool.commonPool")).count();
  }
}
