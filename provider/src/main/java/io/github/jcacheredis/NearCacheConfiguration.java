package io.github.jcacheredis;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a cache's near cache: a bounded in-process copy of recently read entries, kept as serialized
 * bytes in front of Redis and invalidated by Redis itself (server-assisted client-side caching) whenever any
 * client changes, deletes, expires or evicts the entry.
 *
 * <p>Immutable; build one with {@link #ofMaximumSize(long)} and {@link #withTimeToLive(Duration)}.
 */
public final class NearCacheConfiguration implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The default bound on how long an entry stays in the near cache without being read again from Redis. */
  public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(10);

  private final long maximumSize;
  private final Duration timeToLive;

  private NearCacheConfiguration(long maximumSize, Duration timeToLive) {
    if (maximumSize <= 0) {
      throw new IllegalArgumentException("near cache maximumSize must be positive, was " + maximumSize);
    }
    Objects.requireNonNull(timeToLive, "timeToLive");
    if (timeToLive.isNegative() || timeToLive.isZero()) {
      throw new IllegalArgumentException("near cache timeToLive must be positive, was " + timeToLive);
    }
    this.maximumSize = maximumSize;
    this.timeToLive = timeToLive;
  }

  /**
   * @param maximumSize the most entries kept in this JVM
   * @return settings with that bound and the default time to live
   */
  public static NearCacheConfiguration ofMaximumSize(long maximumSize) {
    return new NearCacheConfiguration(maximumSize, DEFAULT_TIME_TO_LIVE);
  }

  /**
   * @param timeToLive how long an entry may be served locally before it is read from Redis again (a bound in
   *                   addition to invalidation, and to the entry's own TTL in Redis)
   * @return a copy with that time to live
   */
  public NearCacheConfiguration withTimeToLive(Duration timeToLive) {
    return new NearCacheConfiguration(maximumSize, timeToLive);
  }

  /** @return the most entries kept in this JVM */
  public long maximumSize() {
    return maximumSize;
  }

  /** @return how long an entry may be served locally before it is read from Redis again */
  public Duration timeToLive() {
    return timeToLive;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NearCacheConfiguration && ((NearCacheConfiguration) o).maximumSize == maximumSize
        && ((NearCacheConfiguration) o).timeToLive.equals(timeToLive);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maximumSize, timeToLive);
  }

  @Override
  public String toString() {
    return "NearCache[maximumSize=" + maximumSize + ", timeToLive=" + timeToLive + "]";
  }
}
