package io.github.jcacheredis.benchmarks;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Keys never used before in this trial, distinct across threads: {@code n<thread>-<counter>}. */
@State(Scope.Thread)
public class NewKeys {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private String prefix;
  private long counter;

  /** Gives this thread its own key prefix within the cache's key space. */
  @Setup(Level.Trial)
  public void open(CacheState cache) {
    prefix = cache.fresh.keyPrefix() + "n" + THREADS.getAndIncrement() + "-";
  }

  /** @return a key not written before */
  String next() {
    return prefix + counter++;
  }
}
