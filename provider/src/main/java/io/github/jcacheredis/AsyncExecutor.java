package io.github.jcacheredis;

import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool a CacheManager owns for its caches' asynchronous operations when the application supplies none (see
 * {@link AsyncCache#EXECUTOR_PROPERTY}): at most {@link #threads()} daemon threads, each ending after a minute
 * idle, and an unbounded queue, so a burst of calls waits rather than fails and the thread count never grows
 * with it.
 */
final class AsyncExecutor {

  private AsyncExecutor() {
  }

  /** @return the most threads the default pool runs: {@code max(4, 2 x available processors)} */
  static int threads() {
    return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }

  /**
   * @param uri the CacheManager's URI, for thread names
   * @return a new pool; the manager shuts it down when it closes
   */
  static ExecutorService create(URI uri) {
    AtomicInteger count = new AtomicInteger();
    int threads = threads();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "jcache-redis-async-" + count.incrementAndGet() + "-" + uri);
          thread.setDaemon(true);
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
