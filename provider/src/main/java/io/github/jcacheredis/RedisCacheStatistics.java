package io.github.jcacheredis;

import javax.cache.management.CacheStatisticsMXBean;

/**
 * A cache's statistics in this JVM, read-only: the standard JSR-107 counters (JSR-107 §12.4) and what this provider
 * counts besides. Obtained by {@link RedisCache#statistics()}; counting happens only while statistics are enabled.
 */
public interface RedisCacheStatistics extends CacheStatisticsMXBean {

  /** @return values, keys or events whose bytes could not be decoded (read as misses or dropped) */
  long getDecodeErrors();

  /** @return values and events refused unread because their signature does not verify */
  long getUnverifiedValues();

  /** @return events dropped for lack of room or as untrustworthy */
  long getDroppedEvents();

  /** @return reads answered as misses while Redis was unreachable (degraded mode) */
  long getDegradedReads();

  /** @return writes dropped while Redis was unreachable (degraded mode) */
  long getDegradedWrites();

  /** @return loads a caller ran itself after waiting its bound for another JVM's load of the same key */
  long getLoadWaitTimeouts();

  /** @return background refreshes (refresh-ahead) whose loader failed; the old value was kept */
  long getRefreshFailures();
}
