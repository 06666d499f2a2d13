package io.github.jcacheredis.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A cache of {@value KeySpace#SIZE} {@link Product}s (about 1 KB each), ours without signing keys and with one
 * ({@code jcacheredis.signingKeys}), so the cost of signing every put and verifying every get can be read off.
 */
@State(Scope.Benchmark)
public class SigningState {

  /** Which configuration. */
  @Param({Providers.OURS, Providers.OURS_SIGNED})
  public String provider;

  Target<Product> target;
  KeySpace<Product> keys;
  Product value;

  /** Opens the cache and writes every key (signed, for {@code ours-signed}). */
  @Setup(Level.Trial)
  public void open() {
    value = Product.sample();
    target = Providers.open(provider, "bench-" + provider + "-signing", Product.class);
    keys = new KeySpace<>(target.keyPrefix(), value);
    Populate.all(target, keys, value);
  }

  /** Deletes the entries and closes the clients. */
  @TearDown(Level.Trial)
  public void close() {
    target.close();
    Providers.close();
  }
}
