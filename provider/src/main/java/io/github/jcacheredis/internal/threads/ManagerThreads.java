package io.github.jcacheredis.internal.threads;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Every thread a CacheManager starts, whatever the number of its caches, listeners and near caches:
 * <ul>
 *   <li>the scheduler, at most {@value #SCHEDULER_THREADS} threads: sharing statistics each second, opening and
 *       watching subscriptions (near-cache invalidations, events of other JVMs, expired keys);</li>
 *   <li>the delivery pool, at most {@value #DELIVERY_THREADS} threads: asynchronous listeners and events from
 *       other JVMs and from Redis, each listener's and each cache's in order (see {@link SerialExecutor});</li>
 *   <li>the loader pool, at most {@value #LOADER_THREADS} threads: {@code Cache.loadAll}; further calls queue;</li>
 *   <li>the asynchronous pool, at most {@link #ASYNC_THREADS} threads ({@code max(4, 2 x processors)}): the
 *       operations of {@code AsyncCache} and their completions, unless the application supplies its own
 *       executor; further calls queue.</li>
 * </ul>
 * Idle threads end after {@value #IDLE_SECONDS} seconds, and {@link #close()} ends them all, so a closed manager
 * leaves no thread behind. Redis I/O runs on Redisson's event loop, shared by the managers of one connection.
 */
public final class ManagerThreads implements AutoCloseable {

  /** The most threads the scheduler runs. */
  public static final int SCHEDULER_THREADS = 2;
  /** The most threads delivering events. */
  public static final int DELIVERY_THREADS = 8;
  /** The most threads running loaders for {@code loadAll}. */
  public static final int LOADER_THREADS = 8;
  /** The most threads running asynchronous operations: {@code max(4, 2 x available processors)}. */
  public static final int ASYNC_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  /** The most threads of one CacheManager, over all its pools. */
  public static final int MAX_THREADS = SCHEDULER_THREADS + DELIVERY_THREADS + LOADER_THREADS + ASYNC_THREADS;
  private static final long IDLE_SECONDS = 10;

  private final ScheduledThreadPoolExecutor scheduler;
  private final ThreadPoolExecutor delivery;
  private final ThreadPoolExecutor loaders;
  private final ThreadPoolExecutor async;

  /** @param name the manager's name, for the threads' names */
  public ManagerThreads(String name) {
    this.scheduler = new ScheduledThreadPoolExecutor(SCHEDULER_THREADS,
        new NamedThreads("jcache-redis-scheduler-" + name));
    scheduler.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
    scheduler.allowCoreThreadTimeOut(true);
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.delivery = pool(DELIVERY_THREADS, "jcache-redis-events-" + name);
    this.loaders = pool(LOADER_THREADS, "jcache-redis-loader-" + name);
    this.async = pool(ASYNC_THREADS, "jcache-redis-async-" + name);
  }

  /**
   * @param threads the most threads
   * @param name    the threads' name prefix
   * @return a pool of daemon threads that end when idle for {@value #IDLE_SECONDS} seconds, queueing what waits
   */
  public static ThreadPoolExecutor pool(int threads, String name) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), new NamedThreads(name));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** @return the scheduler: short tasks only (a subscription's set-up may wait for Redis up to its timeout) */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** @return the pool that delivers events; wrap it in a {@link SerialExecutor} to keep an order */
  public ExecutorService delivery() {
    return delivery;
  }

  /** @return the pool that runs loaders */
  public ExecutorService loaders() {
    return loaders;
  }

  /** @return the pool that runs asynchronous operations and completes their stages */
  public ExecutorService async() {
    return async;
  }

  /**
   * Stops the threads: scheduled and queued work is dropped, running work is interrupted, and each pool is
   * waited for up to {@code millis}.
   */
  public void close(long millis) {
    scheduler.shutdownNow();
    loaders.shutdown();
    delivery.shutdown();
    async.shutdown(); // queued operations still run, and fail on their closed cache
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    try {
      for (ExecutorService pool : new ExecutorService[] {delivery, loaders, async, scheduler}) {
        if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          pool.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      delivery.shutdownNow();
      loaders.shutdownNow();
      async.shutdownNow();
    }
  }

  @Override
  public void close() {
    close(1000);
  }
}
