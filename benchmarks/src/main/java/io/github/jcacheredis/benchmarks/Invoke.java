package io.github.jcacheredis.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** invoke with an entry processor adding one to a {@code Long}, on a key chosen uniformly at random. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Invoke {

  /** One atomic increment (raw Redisson: get, then compareAndSet until it wins). */
  @Benchmark
  public long increment(CounterState counters) {
    return counters.target.increment(counters.keys.anyPresent());
  }
}
