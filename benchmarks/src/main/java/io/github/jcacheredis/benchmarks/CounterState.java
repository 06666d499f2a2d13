package io.github.jcacheredis.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** One provider's cache of {@code Long} counters, {@value KeySpace#SIZE} of them, all starting at 0. */
@State(Scope.Benchmark)
public class CounterState {

  /** Which implementation: see {@link Providers#ALL}. */
  @Param({Providers.OURS, Providers.REDISSON_JCACHE, Providers.RAW_REDISSON})
  public String provider;

  Target<Long> target;
  KeySpace<Long> keys;

  /** Opens the cache and sets every counter to 0. */
  @Setup(Level.Trial)
  public void open() {
    target = Providers.open(provider, "bench-" + provider + "-counters", Long.class);
    keys = new KeySpace<>(target.keyPrefix(), 0L);
    Populate.all(target, keys, 0L);
  }

  /** Deletes the counters and closes the clients. */
  @TearDown(Level.Trial)
  public void close() {
    target.close();
    Providers.close();
  }
}
