package io.github.jcacheredis;

/**
 * What operators need about a Redis-backed cache that the standard JSR-107 beans lack, registered as
 * {@code io.github.jcacheredis:type=RedisCache,CacheManager=<uri>,Cache=<name>}.
 */
public interface RedisCacheDiagnosticsMXBean {

  /**
   * @return stored values that did not decode (garbage, foreign bytes, changed classes) and read as misses, and
   *         events from other JVMs dropped as undecodable or impossible
   */
  long getDecodeErrors();

  /**
   * @return stored values read as misses, and events from other JVMs dropped, unread because signing keys are
   *         configured and none verified them (always 0 without signing keys); not counted as decode errors
   */
  long getUnverifiedValues();

  /** @return events from other JVMs dropped because this JVM's listeners had fallen too far behind */
  long getDroppedEvents();

  /** @return reads answered as misses in degraded mode because Redis was unavailable */
  long getDegradedReads();

  /** @return writes skipped in degraded mode because Redis was unavailable */
  long getDegradedWrites();

  /** @return entries held by the near cache (0 without one) */
  long getNearCacheSize();

  /** @return whether the near cache is serving (its invalidation connection is up); false without one */
  boolean isNearCacheServing();

  /** @return the round-trip time of a PING to the slowest master, in microseconds; -1 if Redis does not answer */
  long getRedisRoundTripMicros();

  /**
   * @return whether Redis's expiries reach this cache's expired listeners: {@code NO_EXPIRED_LISTENER} (none is
   *         registered here, so nothing is heard), {@code DELIVERING} (every master notifies expired keys and is
   *         subscribed), {@code UNAVAILABLE: why} (a master does not notify them and refused to be made to, e.g.
   *         CONFIG is disabled), or {@code CONNECTING: why} (the subscription is being re-established)
   */
  String getExpiredEvents();

  /** @return {@code CONNECTED} or {@code UNAVAILABLE}, from a PING made now */
  String getConnectionState();
}
