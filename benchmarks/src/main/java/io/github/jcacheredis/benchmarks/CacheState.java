package io.github.jcacheredis.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One provider's cache of one value type, shared by all benchmark threads: {@value KeySpace#SIZE} entries
 * written before measuring (so a hit is a hit), plus an empty second cache for writes of new keys, emptied
 * after every iteration so that it does not grow without bound.
 */
@State(Scope.Benchmark)
public class CacheState {

  /** Which implementation: see {@link Providers#ALL}. */
  @Param({Providers.OURS, Providers.REDISSON_JCACHE, Providers.RAW_REDISSON})
  public String provider;

  /** Which value: see {@link SampleValues}. */
  @Param({SampleValues.POJO_1K, SampleValues.STRING_100})
  public String value;

  Target<Object> target;
  Target<Object> fresh;
  KeySpace<Object> keys;
  Object sample;

  /** Opens both caches and writes every present key. */
  @Setup(Level.Trial)
  @SuppressWarnings("unchecked")
  public void open() {
    sample = SampleValues.of(value);
    Class<Object> type = (Class<Object>) sample.getClass();
    target = Providers.open(provider, "bench-" + provider + "-" + value, type);
    fresh = Providers.open(provider, "bench-" + provider + "-" + value + "-new", type);
    keys = new KeySpace<>(target.keyPrefix(), sample);
    Populate.all(target, keys, sample);
  }

  /** Drops what putIfAbsent on new keys wrote during the iteration. */
  @TearDown(Level.Iteration)
  public void dropNewKeys() {
    fresh.clear();
  }

  /** Deletes both caches' data and closes the clients. */
  @TearDown(Level.Trial)
  public void close() {
    target.close();
    fresh.close();
    Providers.close();
  }
}
