package io.github.jcacheredis.benchmarks;

import io.github.jcacheredis.RedisCache;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A cache of {@value KeySpace#SIZE} {@link Product}s for reads that may be served in-process: ours without a
 * near cache (every read a round trip), ours with one large enough for every key, and Caffeine's JCache.
 */
@State(Scope.Benchmark)
public class NearCacheState {

  /** Which implementation. */
  @Param({Providers.OURS, Providers.OURS_NEAR, Providers.CAFFEINE_JCACHE})
  public String provider;

  Target<Product> target;
  KeySpace<Product> keys;

  /**
   * Opens the cache, writes every key and reads every key until the near cache holds them all: filling it by
   * random reads during warm-up alone would take {@code SIZE * ln(SIZE)}, some 90,000 reads, mostly at Redis
   * speed. The writes' own invalidations arrive asynchronously and may drop a copy read just before, hence the
   * repeated passes.
   */
  @Setup(Level.Trial)
  public void open() {
    Product value = Product.sample();
    target = Providers.open(provider, "bench-" + provider + "-near", Product.class);
    keys = new KeySpace<>(target.keyPrefix(), value);
    Populate.all(target, keys, value);
    if (Providers.OURS_NEAR.equals(provider)) {
      io.github.jcacheredis.NearCacheState near = ((JCacheTarget<Product>) target).unwrap(RedisCache.class).nearCache();
      for (int pass = 0; pass < 10 && near.size() < KeySpace.SIZE; pass++) {
        for (String key : keys.all()) {
          target.get(key);
        }
      }
      if (near.size() < KeySpace.SIZE) {
        throw new IllegalStateException("The near cache holds " + near.size() + " of " + KeySpace.SIZE
            + " keys after reading each of them 10 times");
      }
    }
  }

  /** Deletes the entries and closes the clients. */
  @TearDown(Level.Trial)
  public void close() {
    target.close();
    Providers.close();
  }
}
