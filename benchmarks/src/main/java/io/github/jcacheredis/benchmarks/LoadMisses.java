package io.github.jcacheredis.benchmarks;

import io.github.jcacheredis.RedisCacheConfiguration;
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Factory;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.integration.CacheLoader;
import javax.cache.spi.CachingProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A read-through get of a key never read before (always a miss) whose loader answers at once, with single-flight
 * loads on and off: the difference is what single flight costs per miss (taking the key's lease, a second look at
 * the entry, and the unawaited release), with no contention. A hit costs the same either way (no lease is taken),
 * so it is not measured here; see CacheOperations.getHit.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LoadMisses {

  /** A cache of ours with a loader that answers a 100-character String without delay. */
  @State(Scope.Benchmark)
  public static class LoadMissState {

    /** Whether loads are single-flight. */
    @Param({"on", "off"})
    public String singleFlight;

    private CacheManager manager;
    Cache<String, String> cache;
    private final AtomicLong next = new AtomicLong();
    private String name;

    /** Opens the cache; entries live a minute, so the misses of a long run do not fill Redis. */
    @Setup(Level.Trial)
    public void open() {
      CachingProvider provider = Caching.getCachingProvider(Providers.OURS_CLASS, getClass().getClassLoader());
      Properties properties = new Properties();
      properties.setProperty("jcacheredis.url", RedisUrl.get());
      manager = provider.getCacheManager(URI.create("jcache-redis://load-misses"), getClass().getClassLoader(),
          properties);
      String value = "v".repeat(100);
      name = "bench-load-misses-" + singleFlight + "-" + System.nanoTime();
      cache = manager.createCache(name, new RedisCacheConfiguration<String, String>()
          .setTypes(String.class, String.class)
          .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_MINUTE))
          .setReadThrough(true)
          .setCacheLoaderFactory((Factory<CacheLoader<String, String>>) () -> new CacheLoader<>() {
            @Override
            public String load(String key) {
              return value;
            }

            @Override
            public java.util.Map<String, String> loadAll(Iterable<? extends String> keys) {
              java.util.Map<String, String> values = new java.util.HashMap<>();
              keys.forEach(key -> values.put(key, value));
              return values;
            }
          })
          .setSingleFlight("on".equals(singleFlight)));
    }

    String nextKey() {
      return "miss-" + next.incrementAndGet();
    }

    /** Drops the cache and closes the manager. */
    @TearDown(Level.Trial)
    public void close() {
      manager.destroyCache(name);
      manager.close();
    }
  }

  /** get of a key never read before: a miss, loaded and stored. */
  @Benchmark
  public String getMiss(LoadMissState state) {
    return state.cache.get(state.nextKey());
  }
}
