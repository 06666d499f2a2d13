package io.github.jcacheredis.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A cache of {@value #KEYS} compressible 64 KB values (64 MB uncompressed in Redis), with our default
 * compression (values over 4 KB stored LZ4-compressed when that is smaller) and without.
 */
@State(Scope.Benchmark)
public class LargeValueState {

  /** Fewer keys than the other workloads, so Redis holds tens of megabytes, not hundreds. */
  static final int KEYS = 1_000;

  /** Which configuration. */
  @Param({Providers.OURS, Providers.OURS_UNCOMPRESSED})
  public String provider;

  Target<String> target;
  KeySpace<String> keys;
  String value;

  /** Opens the cache and writes every key. */
  @Setup(Level.Trial)
  public void open() {
    value = (String) SampleValues.of(SampleValues.JSON_64K);
    target = Providers.open(provider, "bench-" + provider + "-64k", String.class);
    keys = new KeySpace<>(target.keyPrefix(), value, KEYS);
    Populate.all(target, keys, value);
  }

  /** Deletes the entries and closes the clients. */
  @TearDown(Level.Trial)
  public void close() {
    target.close();
    Providers.close();
  }
}
