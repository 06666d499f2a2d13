package io.github.jcacheredis.internal.cache;

import io.github.jcacheredis.RedisCacheConfiguration;
import io.github.jcacheredis.internal.management.CacheStatistics;
import io.github.jcacheredis.internal.storage.OutagePolicy;
import io.github.jcacheredis.internal.storage.RedisUnavailableException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache's degraded mode (opt-in, {@link RedisCacheConfiguration#setDegradeWhenUnavailable}): while Redis
 * cannot be reached, a read is a miss (a read-through loader still answers) and a write is skipped (a
 * write-through writer still runs, so the system of record never misses a write). Each skipped command is
 * counted; the log gets one line when the outage is first seen and then at most one a minute.
 */
public final class Degradation implements OutagePolicy {

  private static final Logger LOG = LoggerFactory.getLogger(Degradation.class);
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final String cacheName;
  private final CacheStatistics statistics;
  private final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());
  private final AtomicLong sinceLastLog = new AtomicLong();

  public Degradation(String cacheName, CacheStatistics statistics) {
    this.cacheName = cacheName;
    this.statistics = statistics;
  }

  @Override
  public boolean absorb(RedisUnavailableException failure, boolean write) {
    statistics.recordDegraded(write);
    long now = System.nanoTime();
    long due = nextLogAt.get();
    if (now - due >= 0 && nextLogAt.compareAndSet(due, now + LOG_INTERVAL_NANOS)) {
      long others = sinceLastLog.getAndSet(0);
      LOG.warn("Cache '{}' is degraded: Redis is unavailable ({}); reads are misses and writes are skipped{}",
          cacheName, failure.getMessage(), others == 0 ? "" : " (" + others + " more since the last report)");
    } else {
      sinceLastLog.incrementAndGet();
    }
    return true;
  }
}
