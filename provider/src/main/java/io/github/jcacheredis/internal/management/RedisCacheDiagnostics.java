package io.github.jcacheredis.internal.management;

import io.github.jcacheredis.RedisCacheDiagnosticsMXBean;
import io.github.jcacheredis.internal.near.NearCache;
import java.time.Duration;
import java.util.function.Supplier;
import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;

/** The diagnostics bean of one cache; reads live values, and PINGs Redis when asked about the connection. */
public final class RedisCacheDiagnostics implements RedisCacheDiagnosticsMXBean {

  private final CacheStatistics statistics;
  private final @Nullable NearCache near;
  private final Supplier<Duration> ping;
  private final Supplier<String> expiredEvents;

  /**
   * @param statistics    the cache's statistics
   * @param near          its near cache, or {@code null}
   * @param ping          a PING of every master, returning the slowest round trip
   * @param expiredEvents whether expired events reach the cache's expired listeners, and if not why
   */
  public RedisCacheDiagnostics(CacheStatistics statistics, @Nullable NearCache near, Supplier<Duration> ping,
      Supplier<String> expiredEvents) {
    this.statistics = statistics;
    this.near = near;
    this.ping = ping;
    this.expiredEvents = expiredEvents;
  }

  @Override
  public long getDecodeErrors() {
    return statistics.getDecodeErrors();
  }

  @Override
  public long getUnverifiedValues() {
    return statistics.getUnverifiedValues();
  }

  @Override
  public long getDroppedEvents() {
    return statistics.getDroppedEvents();
  }

  @Override
  public long getDegradedReads() {
    return statistics.getDegradedReads();
  }

  @Override
  public long getDegradedWrites() {
    return statistics.getDegradedWrites();
  }

  @Override
  public long getNearCacheSize() {
    return near == null ? 0 : near.size();
  }

  @Override
  public boolean isNearCacheServing() {
    return near != null && near.isEnabled();
  }

  @Override
  public long getRedisRoundTripMicros() {
    try {
      return ping.get().toNanos() / 1000;
    } catch (CacheException e) {
      return -1;
    }
  }

  @Override
  public String getExpiredEvents() {
    return expiredEvents.get();
  }

  @Override
  public String getConnectionState() {
    return getRedisRoundTripMicros() >= 0 ? "CONNECTED" : "UNAVAILABLE";
  }
}
