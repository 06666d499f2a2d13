package io.github.jcacheredis.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.AsyncCache;
import io.github.jcacheredis.RedisCache;
import io.github.jcacheredis.RedisCacheConfiguration;
import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.testing.TestRedis;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import io.github.jcacheredis.internal.threads.ManagerThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

/**
 * 10,000 putAsync then 10,000 getAsync issued from one thread, all in flight together: every one completes with
 * the right answer, and the JVM's thread count grows by no more than the asynchronous pool's bound (a thread per
 * call would add thousands).
 */
class AsyncConcurrencyTest {

  private static final int CALLS = 10_000;

  @Test
  void tenThousandCallsFromOneThreadCompleteOnABoundedNumberOfThreads() {
    CacheManager manager = TestRedis.newManager(TestRedis.uniquePrefix("async10k"));
    try {
      Cache<String, String> cache = manager.createCache("many", new RedisCacheConfiguration<String, String>()
          .setTypes(String.class, String.class).setStatisticsEnabled(true));
      AsyncCache<String, String> async = cache.unwrap(AsyncCache.class);
      async.putAsync("warm", "up").toCompletableFuture().join();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      int before = threads.getThreadCount();
      threads.resetPeakThreadCount();

      List<CompletableFuture<Void>> puts = new ArrayList<>(CALLS);
      for (int i = 0; i < CALLS; i++) {
        puts.add(async.putAsync("k" + i, "v" + i).toCompletableFuture());
      }
      CompletableFuture.allOf(puts.toArray(new CompletableFuture<?>[0])).join();
      List<CompletableFuture<String>> gets = new ArrayList<>(CALLS);
      for (int i = 0; i < CALLS; i++) {
        gets.add(async.getAsync("k" + i).toCompletableFuture());
      }
      CompletableFuture.allOf(gets.toArray(new CompletableFuture<?>[0])).join();

      for (int i = 0; i < CALLS; i++) {
        assertEquals("v" + i, gets.get(i).join());
      }
      int grown = threads.getPeakThreadCount() - before;
      int bound = ManagerThreads.ASYNC_THREADS;
      long poolThreads = Thread.getAllStackTraces().keySet().stream()
          .filter(thread -> thread.getName().startsWith("jcache-redis-async-")
              && thread.getName().contains(manager.getURI().toString()))
          .count();
      System.out.println("10,000 putAsync + 10,000 getAsync: " + before + " threads before, peak "
          + threads.getPeakThreadCount() + "; " + poolThreads + " async pool threads (bound " + bound + ")");
      assertTrue(poolThreads <= bound, poolThreads + " async pool threads");
      // The rest is Redisson's own fixed pools, started lazily as the burst opens connections: its I/O event loop
      // (nettyThreads, 32) and its executor (threads, 16), whatever the number of calls. A thread per call would
      // add thousands.
      assertTrue(grown <= bound + 32 + 16 + 2, "threads grew by " + grown);
      assertEquals(CALLS + 1, cache.unwrap(RedisCache.class).statistics().getCachePuts());
      assertEquals(CALLS, cache.unwrap(RedisCache.class).statistics().getCacheHits());
    } finally {
      manager.close();
    }
  }

  @Test
  void anExecutorTheApplicationSuppliesRunsTheOperations() {
    AtomicInteger ran = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, TestRedis.url());
    properties.setProperty(ProviderSettings.KEY_PREFIX, TestRedis.uniquePrefix("asyncexec"));
    properties.put(AsyncCache.EXECUTOR_PROPERTY, (java.util.concurrent.Executor) task -> {
      ran.incrementAndGet();
      pool.execute(task);
    });
    CachingProvider provider = TestRedis.provider();
    CacheManager manager = provider.getCacheManager(URI.create("async-executor://" + ran.hashCode()),
        provider.getDefaultClassLoader(), properties);
    try {
      AsyncCache<String, String> async = manager.createCache("supplied",
          new RedisCacheConfiguration<String, String>().setTypes(String.class, String.class))
          .unwrap(AsyncCache.class);
      async.putAsync("k", "v").toCompletableFuture().join();
      assertEquals("v", async.getAsync("k").toCompletableFuture().join());
      assertEquals(true, async.removeAsync("k").toCompletableFuture().join());
      assertTrue(ran.get() >= 3, "operations on the supplied executor: " + ran.get());
    } finally {
      manager.close();
      assertTrue(!pool.isShutdown(), "the manager leaves a supplied executor running");
      pool.shutdown();
    }
  }
}
