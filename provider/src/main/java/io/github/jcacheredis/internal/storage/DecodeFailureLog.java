package io.github.jcacheredis.internal.storage;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs undecodable values (or events) of one cache without flooding: the first failure at once, then at most one
 * line per interval with the number of failures since the last line.
 */
public final class DecodeFailureLog {

  private static final Logger LOG = LoggerFactory.getLogger(DecodeFailureLog.class);
  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final String cacheName;
  private final String consequence;
  private final AtomicLong suppressed = new AtomicLong();
  private final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());

  /** @param cacheName the cache reported on */
  public DecodeFailureLog(String cacheName) {
    this(cacheName, "an entry in Redis could not be decoded and was read as a miss");
  }

  /**
   * @param cacheName   the cache reported on
   * @param consequence what happened, e.g. "an event from another JVM was dropped"
   */
  public DecodeFailureLog(String cacheName, String consequence) {
    this.cacheName = cacheName;
    this.consequence = consequence;
  }

  /**
   * Reports one failure.
   *
   * @param failure what was wrong
   */
  public void report(CorruptValueException failure) {
    report(failure.getMessage());
  }

  /**
   * Reports one failure.
   *
   * @param reason what was wrong
   */
  public void report(@Nullable String reason) {
    long now = System.nanoTime();
    long due = nextLogAt.get();
    if (now - due >= 0 && nextLogAt.compareAndSet(due, now + INTERVAL_NANOS)) {
      long others = suppressed.getAndSet(0);
      LOG.warn("Cache '{}': {} ({}){}", cacheName, consequence, reason,
          others == 0 ? "" : "; " + others + " more since the last report");
    } else {
      suppressed.incrementAndGet();
    }
  }
}
