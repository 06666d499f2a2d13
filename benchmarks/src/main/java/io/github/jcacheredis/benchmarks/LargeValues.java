package io.github.jcacheredis.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** get and put of a compressible 64 KB value, with compression and without. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LargeValues {

  /** get of a present key. */
  @Benchmark
  public String getHit(LargeValueState cache) {
    return cache.target.get(cache.keys.anyPresent());
  }

  /** put over an existing entry. */
  @Benchmark
  public void put(LargeValueState cache) {
    cache.target.put(cache.keys.anyPresent(), cache.value);
  }
}
