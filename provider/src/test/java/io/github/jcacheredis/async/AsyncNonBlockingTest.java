package io.github.jcacheredis.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.AsyncCache;
import io.github.jcacheredis.NearCacheConfiguration;
import io.github.jcacheredis.RedisCacheConfiguration;
import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.PrivateRedis;
import io.github.jcacheredis.launcher.RedisServerProcess;
import io.github.jcacheredis.testing.TestRedis;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operations AsyncCache sends without parking a thread hold none while Redis has not answered: with the
 * manager's asynchronous executor a single thread and the Redis process frozen (SIGSTOP), hundreds of calls of every such operation are
 * issued, and that one thread still runs another task while every one of them is outstanding; once Redis runs
 * again, every call completes with the right answer. (Were any call holding the thread during its round trip, the
 * task could only run after Redis answered.)
 */
class AsyncNonBlockingTest {

  private static final int PER_OPERATION = 50;

  /** On an instance field: each test freezes its server, so each gets a fresh one. */
  @RegisterExtension
  final PrivateRedis<RedisServerProcess> redis = PrivateRedis.server();

  private RedisServerProcess server;
  private ExecutorService single;
  private CacheManager manager;

  @BeforeEach
  void start(RedisServerProcess started) {
    server = started;
    single = Executors.newSingleThreadExecutor();
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, server.url());
    properties.setProperty(ProviderSettings.KEY_PREFIX, "nonblocking");
    // Far longer than Redis is kept frozen: no call may time out while the test looks at them.
    properties.setProperty(ProviderSettings.TIMEOUT_MILLIS, "60000");
    properties.put(AsyncCache.EXECUTOR_PROPERTY, single);
    manager = TestRedis.provider().getCacheManager(URI.create("nonblocking://" + UUID.randomUUID()),
        TestRedis.provider().getDefaultClassLoader(), properties);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      signal("-CONT");
      manager.close();
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void aPlainCacheHoldsNoThreadDuringRedisIo() throws Exception {
    assertNoThreadHeld(manager.createCache("plain", new RedisCacheConfiguration<String, String>()
        .setTypes(String.class, String.class).setStatisticsEnabled(true)));
  }

  @Test
  void aCacheWithANearCacheAListenerAndADynamicPolicyHoldsNoThreadDuringRedisIo() throws Exception {
    assertNoThreadHeld(manager.createCache("busy", new RedisCacheConfiguration<String, String>()
        .setTypes(String.class, String.class).setStatisticsEnabled(true)
        .setExpiryPolicyFactory(FactoryBuilder.factoryOf(HourPolicy.class))
        .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(Quiet.class), null, true, true))));
    Cache<String, String> near = manager.createCache("near", new RedisCacheConfiguration<String, String>()
        .setTypes(String.class, String.class).setNearCache(NearCacheConfiguration.ofMaximumSize(1000)));
    signal("-CONT");
    assertNoThreadHeld(near);
  }

  /**
   * Freezes Redis, issues every non-blocking operation {@value #PER_OPERATION} times, has the single executor
   * thread report how many of them had completed, and lets Redis run again.
   */
  private void assertNoThreadHeld(Cache<String, String> cache) throws Exception {
    AsyncCache<String, String> async = cache.unwrap(AsyncCache.class);
    for (int i = 0; i < PER_OPERATION; i++) {
      cache.put("present" + i, "v" + i);
      cache.put("cas" + i, "c");
      cache.put("doomed" + i, "x");
    }
    List<Function<Integer, CompletableFuture<?>>> operations = List.of(
        i -> async.containsKeyAsync("present" + i).toCompletableFuture(),
        i -> async.getAsync("absent" + i).toCompletableFuture(),
        i -> async.putAsync("put" + i, "p").toCompletableFuture(),
        i -> async.getAndPutAsync("swap" + i, "q").toCompletableFuture(),
        i -> async.putIfAbsentAsync("new" + i, "n").toCompletableFuture(),
        i -> async.replaceAsync("present" + i, "r").toCompletableFuture(),
        i -> async.getAndReplaceAsync("absent" + i, "r").toCompletableFuture(),
        i -> async.removeAsync("gone" + i).toCompletableFuture(),
        i -> async.getAndRemoveAsync("gone" + i).toCompletableFuture(),
        i -> async.replaceAsync("cas" + i, "c", "d").toCompletableFuture(),
        i -> async.removeAsync("absent" + i, "x").toCompletableFuture(),
        i -> async.getAllAsync(Set.of("present" + i, "absent" + i)).toCompletableFuture(),
        i -> async.putAllAsync(Map.of("all" + i, "a", "more" + i, "m")).toCompletableFuture(),
        i -> async.removeAllAsync(Set.of("doomed" + i, "absent" + i)).toCompletableFuture());
    signal("-STOP");
    List<CompletableFuture<?>> calls = new ArrayList<>();
    for (Function<Integer, CompletableFuture<?>> operation : operations) {
      for (int i = 0; i < PER_OPERATION; i++) {
        calls.add(operation.apply(i));
      }
    }
    long doneWhileFrozen = CompletableFuture.supplyAsync(
        () -> calls.stream().filter(CompletableFuture::isDone).count(), single).get(30, TimeUnit.SECONDS);
    assertEquals(0, doneWhileFrozen, "calls completed while Redis was frozen");
    signal("-CONT");
    CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
    for (int i = 0; i < PER_OPERATION; i++) {
      assertEquals(Boolean.TRUE, calls.get(i).join(), "containsKeyAsync");
      assertEquals("r", cache.get("present" + i));
      assertEquals("p", cache.get("put" + i));
      assertEquals("q", cache.get("swap" + i));
      assertEquals("n", cache.get("new" + i));
      assertEquals("d", cache.get("cas" + i));
      assertEquals("a", cache.get("all" + i));
      assertEquals("m", cache.get("more" + i));
      assertFalse(cache.containsKey("doomed" + i));
    }
    assertTrue(calls.stream().noneMatch(CompletableFuture::isCompletedExceptionally));
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(server.pid())).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill " + signal + " failed");
  }

  /** A policy JSR-107 does not define (so asked per operation): an hour for everything. */
  public static final class HourPolicy implements ExpiryPolicy, Serializable {
    @Override
    public Duration getExpiryForCreation() {
      return Duration.ONE_HOUR;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return Duration.ONE_HOUR;
    }

    @Override
    public Duration getExpiryForAccess() {
      return Duration.ONE_HOUR;
    }
  }

  /** A synchronous listener that does nothing. */
  public static final class Quiet implements CacheEntryCreatedListener<String, String>, Serializable {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
    }
  }
}
