package io.github.jcacheredis.benchmarks;

import io.github.jcacheredis.AsyncCache;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code getAsync} throughput from one caller thread, which keeps {@value #WINDOW} reads in flight at a time,
 * against the blocking {@code get} (run it at {@code -t 1} and {@code -t 4}). Both read present keys of our
 * cache of {@link Product}s; scores are reads per second.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'AsyncReads' -f 1 -wi 1 -i 2 -t 1
 * java -jar benchmarks/target/benchmarks.jar 'AsyncReads.getBlocking' -f 1 -wi 1 -i 2 -t 4
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AsyncReads {

  /** Reads one caller keeps in flight. */
  static final int WINDOW = 64;

  /** Our cache, with its asynchronous view. */
  @State(Scope.Benchmark)
  public static class AsyncState {
    JCacheTarget<Product> target;
    AsyncCache<String, Product> async;
    KeySpace<Product> keys;

    /** Opens the cache and writes every key. */
    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void open() {
      Product value = Product.sample();
      target = (JCacheTarget<Product>) Providers.open(Providers.OURS, "bench-async", Product.class);
      keys = new KeySpace<>(target.keyPrefix(), value);
      Populate.all(target, keys, value);
      async = target.unwrap(AsyncCache.class);
    }

    /** Deletes the entries and closes the clients. */
    @TearDown(Level.Trial)
    public void close() {
      target.close();
      Providers.close();
    }
  }

  /** {@value #WINDOW} getAsync issued together, then awaited together. */
  @Benchmark
  @OperationsPerInvocation(WINDOW)
  public Object getAsync(AsyncState state) {
    CompletableFuture<?>[] reads = new CompletableFuture<?>[WINDOW];
    for (int i = 0; i < WINDOW; i++) {
      reads[i] = state.async.getAsync(state.keys.anyPresent()).toCompletableFuture();
    }
    return CompletableFuture.allOf(reads).join();
  }

  /** One blocking get. */
  @Benchmark
  public Object getBlocking(AsyncState state) {
    return state.target.get(state.keys.anyPresent());
  }
}
