package io.github.jcacheredis.internal.management;

import io.github.jcacheredis.RedisCacheStatistics;
import java.util.concurrent.atomic.LongAdder;

/**
 * The statistics of one cache in this JVM (JSR-107 §12.4), kept in {@link LongAdder}s so that recording costs
 * no contention on the hot path. Times are recorded in nanoseconds and reported as averages in microseconds.
 */
public final class CacheStatistics implements RedisCacheStatistics {

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();
  private final LongAdder decodeErrors = new LongAdder();
  private final LongAdder unverified = new LongAdder();
  // Counts not yet added to the cluster-wide totals in Redis (see ClusterStatistics).
  private final LongAdder unsharedHits = new LongAdder();
  private final LongAdder unsharedMisses = new LongAdder();
  private final LongAdder unsharedPuts = new LongAdder();
  private final LongAdder unsharedRemovals = new LongAdder();
  private final LongAdder degradedReads = new LongAdder();
  private final LongAdder degradedWrites = new LongAdder();
  private final LongAdder droppedEvents = new LongAdder();
  private final LongAdder refreshFailures = new LongAdder();
  private final LongAdder loadWaitTimeouts = new LongAdder();
  private volatile boolean enabled;

  /** @param enabled whether recording starts enabled */
  public CacheStatistics(boolean enabled) {
    this.enabled = enabled;
  }

  /** @return whether recording is on */
  public boolean isEnabled() {
    return enabled;
  }

  /** @param enabled whether to record from now on */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Records {@code count} hits. */
  public void recordHits(long count) {
    if (enabled) {
      hits.add(count);
      unsharedHits.add(count);
    }
  }

  /** Records {@code count} misses. */
  public void recordMisses(long count) {
    if (enabled) {
      misses.add(count);
      unsharedMisses.add(count);
    }
  }

  /** Records {@code count} puts. */
  public void recordPuts(long count) {
    if (enabled) {
      puts.add(count);
      unsharedPuts.add(count);
    }
  }

  /** Records {@code count} removals. */
  public void recordRemovals(long count) {
    if (enabled) {
      removals.add(count);
      unsharedRemovals.add(count);
    }
  }

  /** Records the time one get-like operation took. */
  public void recordGetTime(long startNanos) {
    if (enabled) {
      getNanos.add(System.nanoTime() - startNanos);
    }
  }

  /** Records the time one put-like operation took. */
  public void recordPutTime(long startNanos) {
    if (enabled) {
      putNanos.add(System.nanoTime() - startNanos);
    }
  }

  /** Records the time one remove-like operation took. */
  public void recordRemoveTime(long startNanos) {
    if (enabled) {
      removeNanos.add(System.nanoTime() - startNanos);
    }
  }

  /** Records bytes in Redis that did not decode (counted even while statistics are disabled). */
  public void recordDecodeError() {
    decodeErrors.increment();
  }

  /**
   * Records a value or event refused unread because no signing key verifies its signature (counted even while
   * statistics are disabled).
   */
  public void recordUnverified() {
    unverified.increment();
  }

  /**
   * @return how many stored values read as misses, and how many events from other JVMs were dropped, because
   *         signing keys are configured and none verified their signature (unsigned, signed with an unknown key,
   *         or moved from another key); these are not decode errors
   */
  @Override
  public long getUnverifiedValues() {
    return unverified.sum();
  }

  /**
   * Takes the counts recorded since the last call, for the cluster-wide totals.
   *
   * @return {hits, misses, puts, removals}
   */
  public StatisticsDelta takeUnshared() {
    return new StatisticsDelta(unsharedHits.sumThenReset(), unsharedMisses.sumThenReset(), unsharedPuts.sumThenReset(),
        unsharedRemovals.sumThenReset());
  }

  /** Gives back counts {@link #takeUnshared} took but could not add to Redis, so they are not lost. */
  public void returnUnshared(StatisticsDelta counts) {
    unsharedHits.add(counts.hits());
    unsharedMisses.add(counts.misses());
    unsharedPuts.add(counts.puts());
    unsharedRemovals.add(counts.removals());
  }

  /** Records a refresh-ahead reload that failed (counted even while statistics are disabled). */
  public void recordRefreshFailure() {
    refreshFailures.increment();
  }

  /** @return how many refresh-ahead reloads failed, leaving the old value in place */
  @Override
  public long getRefreshFailures() {
    return refreshFailures.sum();
  }

  /**
   * Records a caller that waited its longest for another caller's single-flight load and loaded on its own
   * (counted even while statistics are disabled).
   */
  public void recordLoadWaitTimeout() {
    loadWaitTimeouts.increment();
  }

  /** @return how many callers stopped waiting for another's load at the bound and loaded on their own */
  @Override
  public long getLoadWaitTimeouts() {
    return loadWaitTimeouts.sum();
  }

  /** Records a command skipped in degraded mode (counted even while statistics are disabled). */
  public void recordDegraded(boolean write) {
    (write ? degradedWrites : degradedReads).increment();
  }

  /** @return how many reads degraded mode answered as misses because Redis was unavailable */
  @Override
  public long getDegradedReads() {
    return degradedReads.sum();
  }

  /** @return how many writes degraded mode skipped because Redis was unavailable */
  @Override
  public long getDegradedWrites() {
    return degradedWrites.sum();
  }

  /**
   * Records an event from another JVM that was dropped unheard because this JVM's listeners had fallen too far
   * behind (counted even while statistics are disabled).
   */
  public void recordDroppedEvent() {
    droppedEvents.increment();
  }

  /** @return how many events from other JVMs were dropped because the listeners here had fallen behind */
  @Override
  public long getDroppedEvents() {
    return droppedEvents.sum();
  }

  /**
   * @return how many stored values failed to decode and were read as misses, and how many events from other JVMs
   *         were dropped as undecodable or impossible (a key or value of the wrong type, no key, a type of event
   *         the provider never sends)
   */
  @Override
  public long getDecodeErrors() {
    return decodeErrors.sum();
  }

  /** @return a start time for the {@code record*Time} methods, or 0 when disabled */
  public long start() {
    return enabled ? System.nanoTime() : 0;
  }

  @Override
  public void clear() {
    hits.reset();
    misses.reset();
    puts.reset();
    removals.reset();
    evictions.reset();
    getNanos.reset();
    putNanos.reset();
    removeNanos.reset();
  }

  @Override
  public long getCacheHits() {
    return hits.sum();
  }

  @Override
  public float getCacheHitPercentage() {
    long h = getCacheHits();
    long total = h + getCacheMisses();
    return total == 0 ? 0 : (float) h / total * 100.0f;
  }

  @Override
  public long getCacheMisses() {
    return misses.sum();
  }

  @Override
  public float getCacheMissPercentage() {
    long m = getCacheMisses();
    long total = m + getCacheHits();
    return total == 0 ? 0 : (float) m / total * 100.0f;
  }

  @Override
  public long getCacheGets() {
    return getCacheHits() + getCacheMisses();
  }

  @Override
  public long getCachePuts() {
    return puts.sum();
  }

  @Override
  public long getCacheRemovals() {
    return removals.sum();
  }

  @Override
  public long getCacheEvictions() {
    return evictions.sum();
  }

  @Override
  public float getAverageGetTime() {
    return average(getNanos.sum(), getCacheGets());
  }

  @Override
  public float getAveragePutTime() {
    return average(putNanos.sum(), getCachePuts());
  }

  @Override
  public float getAverageRemoveTime() {
    return average(removeNanos.sum(), getCacheRemovals());
  }

  private static float average(long nanos, long count) {
    return count == 0 ? 0 : (float) nanos / count / 1000f;
  }
}
