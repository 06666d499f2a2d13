package io.github.jcacheredis.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The JSR-107 operations of issue 5, one benchmark each, over {@value KeySpace#SIZE} String keys chosen
 * uniformly at random. Thread count comes from JMH's {@code -t} (run.sh runs 1 and 4).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CacheOperations {

  /** get of a key that is present. */
  @Benchmark
  public Object getHit(CacheState cache) {
    return cache.target.get(cache.keys.anyPresent());
  }

  /** get of a key that is never written. */
  @Benchmark
  public Object getMiss(CacheState cache) {
    return cache.target.get(cache.keys.anyAbsent());
  }

  /** put over an existing entry. */
  @Benchmark
  public void put(CacheState cache) {
    cache.target.put(cache.keys.anyPresent(), cache.sample);
  }

  /** putIfAbsent of a key never written before (so it always writes). */
  @Benchmark
  public boolean putIfAbsent(CacheState cache, NewKeys newKeys) {
    return cache.fresh.putIfAbsent(newKeys.next(), cache.sample);
  }

  /** remove of a present key, then put of it again (two operations per invocation). */
  @Benchmark
  public boolean removeThenPut(CacheState cache) {
    String key = cache.keys.anyPresent();
    boolean removed = cache.target.remove(key);
    cache.target.put(key, cache.sample);
    return removed;
  }

  /** getAll of 100 distinct present keys. */
  @Benchmark
  public Map<String, Object> getAll100(CacheState cache) {
    return cache.target.getAll(cache.keys.anyBatch());
  }

  /** putAll of 100 entries over existing ones. */
  @Benchmark
  public void putAll100(CacheState cache) {
    cache.target.putAll(cache.keys.anyBatch());
  }
}
