package io.github.jcacheredis.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** get and put of a 1 KB POJO, without signing keys and with one: the price of authenticated bytes. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Signing {

  /** get of a present key: one HMAC verified before Kryo reads the bytes. */
  @Benchmark
  public Product getHit(SigningState cache) {
    return cache.target.get(cache.keys.anyPresent());
  }

  /** put over an existing entry: one HMAC computed over the encoded bytes. */
  @Benchmark
  public void put(SigningState cache) {
    cache.target.put(cache.keys.anyPresent(), cache.value);
  }
}
