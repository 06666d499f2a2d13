package io.github.jcacheredis.internal.expiry;

import javax.cache.expiry.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The lifetime to give a Redis key, as one {@code long}: a positive number of milliseconds, or one of the
 * constants below. A primitive keeps the hot path free of allocation.
 */
public final class Ttl {

  /** Leave the key's current lifetime as it is (JSR-107: an expiry policy answered {@code null}). */
  public static final long KEEP = -1;
  /** The key never expires. */
  public static final long ETERNAL = -2;
  /** The entry is expired as soon as it is written ({@link Duration#ZERO}): remove it instead. */
  public static final long EXPIRE_NOW = 0;

  private Ttl() {
  }

  /**
   * Converts a JSR-107 duration.
   *
   * @param duration the duration, or {@code null} for "unchanged"
   * @return the TTL code
   */
  public static long of(@Nullable Duration duration) {
    if (duration == null) {
      return KEEP;
    }
    if (duration.isEternal()) {
      return ETERNAL;
    }
    if (duration.isZero()) {
      return EXPIRE_NOW;
    }
    long millis = duration.getTimeUnit().toMillis(duration.getDurationAmount());
    // A duration below one millisecond still means "not yet expired" at the time of the write.
    return Math.max(1, millis);
  }
}
