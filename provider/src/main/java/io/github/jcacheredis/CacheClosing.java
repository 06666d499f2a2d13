package io.github.jcacheredis;

import io.github.jcacheredis.internal.threads.ManagerThreads;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a CacheManager's caches all at once, each on its own short-lived thread, and waits for them against
 * one deadline. Closing a cache may wait on Redis (its last statistics, its event publisher); one after the
 * other, a Redis that hangs would hold a CacheManager's close for one timeout per cache.
 */
final class CacheClosing {

  private static final Logger LOG = LoggerFactory.getLogger(CacheClosing.class);

  // Closing waits mostly for Redis (a cache's last statistics, its event backlog): a few threads are enough.
  private static final int CLOSING_THREADS = 8;

  private CacheClosing() {
  }

  /**
   * Closes every cache and returns when all have closed or the deadline has passed; a cache still closing
   * then finishes on its own (its waits are bounded by the same deadline and by Redis's timeouts).
   *
   * @param caches        the caches
   * @param deadlineNanos a {@link System#nanoTime()} after which nothing more is waited for
   */
  public static void closeAll(List<RedisCache<?, ?>> caches, long deadlineNanos) {
    if (caches.size() == 1) {
      closeQuietly(caches.get(0), deadlineNanos);
      return;
    }
    CountDownLatch closed = new CountDownLatch(caches.size());
    ExecutorService closers = ManagerThreads.pool(CLOSING_THREADS, "jcache-redis-close");
    for (RedisCache<?, ?> cache : caches) {
      closers.execute(() -> {
        try {
          closeQuietly(cache, deadlineNanos);
        } finally {
          closed.countDown();
        }
      });
    }
    closers.shutdown();
    try {
      if (!closed.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        LOG.warn("{} of {} caches were still closing when the CacheManager's close gave up waiting for Redis",
            closed.getCount(), caches.size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(RedisCache<?, ?> cache, long deadlineNanos) {
    try {
      cache.close(deadlineNanos);
    } catch (RuntimeException e) {
      // One cache failing to close must not keep the others (or the connection) open.
      LOG.warn("Closing cache '{}' failed", cache.getName(), e);
    }
  }
}
