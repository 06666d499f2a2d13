package io.github.jcacheredis.integration;

import io.github.jcacheredis.RedisCache;
import io.github.jcacheredis.RedisCacheConfiguration;
import io.github.jcacheredis.config.ProviderSettings;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.integration.CacheLoader;
import javax.cache.spi.CachingProvider;

/**
 * A child JVM of the loading tests: reads one key from several threads at once, through read-through
 * {@code get} or a loading {@code invoke}, with a loader that counts its calls in Redis ({@code INCR
 * {prefix}:test:loads}) and takes a set time. Every reader checks the value it got; the exit code says whether
 * all did. Each reader's finishing time and duration go to Redis lists for the parent to look at.
 *
 * <p>Arguments: url, prefix, mode ({@code get}, {@code invoke}, {@code refresh}), threads, load millis, lease
 * millis, wait millis, refresh-after millis (0: off), key, expected value.
 */
public final class LoadingWorker {

  static final String CACHE = "loading";

  private LoadingWorker() {
  }

  /** The cache every JVM of a test creates alike. */
  static RedisCacheConfiguration<String, String> configuration(String url, String prefix, long loadMillis,
      long leaseMillis, long waitMillis, long refreshMillis) {
    RedisCacheConfiguration<String, String> configuration = new RedisCacheConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setReadThrough(true)
        .setCacheLoaderFactory((Factory<CacheLoader<String, String>>) () -> new CountingLoader(url, prefix,
            loadMillis))
        .setLoadLeaseTime(Duration.ofMillis(leaseMillis))
        .setLoadWaitTimeout(Duration.ofMillis(waitMillis));
    if (refreshMillis > 0) {
      configuration.setRefreshAfterWrite(Duration.ofMillis(refreshMillis));
    }
    return configuration;
  }

  static RespClient client(String url) {
    URI uri = URI.create(url);
    return new RespClient(uri.getHost(), uri.getPort());
  }

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String prefix = args[1];
    String mode = args[2];
    int threads = Integer.parseInt(args[3]);
    long loadMillis = Long.parseLong(args[4]);
    String key = args[8];
    String expected = args[9];
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, url);
    properties.setProperty(ProviderSettings.KEY_PREFIX, prefix);
    properties.setProperty(ProviderSettings.CONNECT_TIMEOUT_MILLIS, "10000");
    CachingProvider provider = TestRedis.provider();
    CacheManager manager = provider.getCacheManager(URI.create("worker://" + prefix + "/" + ProcessHandle.current()
        .pid()), provider.getDefaultClassLoader(), properties);
    Cache<String, String> cache = manager.createCache(CACHE, configuration(url, prefix, loadMillis,
        Long.parseLong(args[5]), Long.parseLong(args[6]), Long.parseLong(args[7])));
    int exitCode = 0;
    // Warm up encoding and decoding, so the timings the parent prints are not those of a cold JVM.
    String warm = "warm-" + ProcessHandle.current().pid();
    cache.put(warm, "x");
    cache.get(warm);
    cache.remove(warm);
    try (RespClient redis = client(url)) {
      redis.call("INCR", prefix + ":test:ready");
      long giveUp = System.currentTimeMillis() + 60_000;
      while (redis.call("GET", prefix + ":test:go") == null) {
        if (System.currentTimeMillis() > giveUp) {
          throw new IllegalStateException("no go signal");
        }
        Thread.sleep(2);
      }
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<String>> readers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        readers.add(pool.submit(() -> read(cache, mode, key, loadMillis, url, prefix)));
      }
      for (Future<String> reader : readers) {
        try {
          String value = reader.get();
          if (!expected.equals(value)) {
            System.err.println("reader got " + value + " instead of " + expected);
            exitCode = 1;
          }
        } catch (ExecutionException e) {
          e.getCause().printStackTrace();
          exitCode = 1;
        }
      }
      pool.shutdownNow();
      if (mode.equals("refresh")) {
        // Stay until the refreshed value is there, so that a reload this JVM runs is not cut short.
        long until = System.currentTimeMillis() + 30_000;
        while (expected.equals(cache.get(key)) && System.currentTimeMillis() < until) {
          Thread.sleep(10);
        }
      }
      RedisCache<?, ?> ours = cache.unwrap(RedisCache.class);
      redis.call("INCRBY", prefix + ":test:timeouts", Long.toString(ours.statistics().getLoadWaitTimeouts()));
    }
    manager.close();
    System.exit(exitCode); // a failed reader must not leave the parent waiting on live pool threads
  }

  private static String read(Cache<String, String> cache, String mode, String key, long loadMillis, String url,
      String prefix) throws Exception {
    long start = System.nanoTime();
    String value;
    if (mode.equals("invoke")) {
      // What Spring's JCacheCache.get(key, valueLoader) does: load inside the processor when the entry is absent.
      value = cache.invoke(key, (entry, arguments) -> {
        if (entry.exists()) {
          return entry.getValue();
        }
        String loaded = CountingLoader.load(url, prefix, key, loadMillis);
        entry.setValue(loaded);
        return loaded;
      });
    } else {
      value = cache.get(key);
    }
    long end = System.currentTimeMillis();
    try (RespClient redis = client(url)) {
      redis.call("RPUSH", prefix + ":test:returned", Long.toString(end));
      redis.call("RPUSH", prefix + ":test:durations", Long.toString((System.nanoTime() - start) / 1_000_000));
    }
    return value;
  }

  /** Counts each call in Redis, takes its time, then answers {@code loaded:<key>} (or fails for keys "bad*"). */
  static final class CountingLoader implements CacheLoader<String, String> {
    private final String url;
    private final String prefix;
    private final long millis;

    CountingLoader(String url, String prefix, long millis) {
      this.url = url;
      this.prefix = prefix;
      this.millis = millis;
    }

    static String load(String url, String prefix, String key, long millis) {
      try (RespClient redis = client(url)) {
        redis.call("INCR", prefix + ":test:loads");
        Thread.sleep(millis);
        if (key.startsWith("bad")) {
          throw new IllegalStateException("the system of record is down");
        }
        String value = "loaded:" + key;
        redis.call("SET", prefix + ":test:loadedAt", Long.toString(System.currentTimeMillis()));
        return value;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String load(String key) {
      return load(url, prefix, key, millis);
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> values = new java.util.HashMap<>();
      for (String key : keys) {
        values.put(key, load(key));
      }
      return values;
    }
  }
}
