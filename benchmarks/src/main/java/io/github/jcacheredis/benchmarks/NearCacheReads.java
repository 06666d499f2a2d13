package io.github.jcacheredis.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * get of a present 1 KB POJO where the answer can come from this JVM. The near cache fills during warm-up
 * (its first read of each key goes to Redis); every read returns a private copy, as store-by-value requires.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NearCacheReads {

  /** get of a present key. */
  @Benchmark
  public Product getHit(NearCacheState cache) {
    return cache.target.get(cache.keys.anyPresent());
  }
}
