package io.github.jcacheredis;

import java.time.Duration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MutableConfiguration} with the settings only a Redis-backed cache has. Pass it to
 * {@code CacheManager.createCache} like any other configuration; a plain {@code MutableConfiguration} gets the
 * defaults below.
 *
 * <ul>
 *   <li>{@link #setNearCache near cache}: off by default;</li>
 *   <li>{@link #setCompressionThreshold compression}: values whose encoded form exceeds 4 KB are stored LZ4
 *       compressed when that makes them smaller;</li>
 *   <li>{@link #setDegradeWhenUnavailable degraded mode}: off by default;</li>
 *   <li>{@link #setSingleFlight single-flight loads}: on by default for a cache with a {@code CacheLoader}, with
 *       a {@link #setLoadLeaseTime lease time} of 10 s and a {@link #setLoadWaitTimeout maximum wait} of 30 s;</li>
 *   <li>{@link #setRefreshAfterWrite refresh ahead}: off by default.</li>
 * </ul>
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class RedisCacheConfiguration<K, V> extends MutableConfiguration<K, V> {

  private static final long serialVersionUID = 1L;

  /** The default compression threshold, in bytes. */
  public static final int DEFAULT_COMPRESSION_THRESHOLD = 4096;
  /** A threshold no value reaches: compression off. */
  public static final int NO_COMPRESSION = Integer.MAX_VALUE;

  /** The default load lease time. */
  public static final Duration DEFAULT_LOAD_LEASE_TIME = Duration.ofSeconds(10);
  /** The default longest wait for another caller's load. */
  public static final Duration DEFAULT_LOAD_WAIT_TIMEOUT = Duration.ofSeconds(30);

  private @Nullable NearCacheConfiguration nearCache;
  private int compressionThreshold = DEFAULT_COMPRESSION_THRESHOLD;
  private boolean degradeWhenUnavailable;
  private @Nullable Boolean singleFlight;
  private Duration loadLeaseTime = DEFAULT_LOAD_LEASE_TIME;
  private Duration loadWaitTimeout = DEFAULT_LOAD_WAIT_TIMEOUT;
  private @Nullable Duration refreshAfterWrite;

  /** A configuration with the JSR-107 defaults and ours. */
  public RedisCacheConfiguration() {
  }

  /**
   * Copies a configuration, including our settings when it is one of ours.
   *
   * @param configuration the configuration to copy
   */
  public RedisCacheConfiguration(CompleteConfiguration<K, V> configuration) {
    super(configuration);
    if (configuration instanceof RedisCacheConfiguration) {
      RedisCacheConfiguration<K, V> ours = (RedisCacheConfiguration<K, V>) configuration;
      this.nearCache = ours.nearCache;
      this.compressionThreshold = ours.compressionThreshold;
      this.degradeWhenUnavailable = ours.degradeWhenUnavailable;
      this.singleFlight = ours.singleFlight;
      this.loadLeaseTime = ours.loadLeaseTime;
      this.loadWaitTimeout = ours.loadWaitTimeout;
      this.refreshAfterWrite = ours.refreshAfterWrite;
    }
  }

  /** @return the near cache settings, or {@code null} when the cache has none */
  public @Nullable NearCacheConfiguration getNearCache() {
    return nearCache;
  }

  /**
   * Turns the near cache on (or off with {@code null}). A near cache needs an expiry policy under which reads
   * do not change an entry's lifetime (eternal, created or modified expiry): a near hit does not reach Redis,
   * so it could not renew one. Other policies are refused when the cache is created.
   *
   * @param nearCache the settings, or {@code null}
   * @return this configuration
   */
  public RedisCacheConfiguration<K, V> setNearCache(@Nullable NearCacheConfiguration nearCache) {
    this.nearCache = nearCache;
    return this;
  }

  /** @return the encoded size above which values are compressed */
  public int getCompressionThreshold() {
    return compressionThreshold;
  }

  /**
   * @param bytes the encoded size above which values are compressed; {@link #NO_COMPRESSION} turns it off
   * @return this configuration
   */
  public RedisCacheConfiguration<K, V> setCompressionThreshold(int bytes) {
    if (bytes < 64) {
      throw new IllegalArgumentException("compression threshold must be at least 64 bytes, was " + bytes);
    }
    this.compressionThreshold = bytes;
    return this;
  }

  /** @return whether the cache keeps serving (as misses and skipped writes) while Redis is unavailable */
  public boolean isDegradeWhenUnavailable() {
    return degradeWhenUnavailable;
  }

  /**
   * Degraded mode: while Redis cannot be reached, reads are misses (a read-through loader still answers, its
   * value is just not stored) and writes are skipped (a write-through writer still runs); each is counted
   * ({@code RedisCache.statistics().getDegradedReads()/getDegradedWrites()}) and logged without flooding.
   * Service resumes by itself when Redis is back. Off by default: then such calls fail with a
   * {@link javax.cache.CacheException}.
   *
   * @param degrade whether to degrade instead of failing
   * @return this configuration
   */
  public RedisCacheConfiguration<K, V> setDegradeWhenUnavailable(boolean degrade) {
    this.degradeWhenUnavailable = degrade;
    return this;
  }

  /**
   * @return whether loads of absent keys are single-flight across the cluster, or {@code null} for the default
   *     (on when the cache has a {@code CacheLoader})
   */
  public @Nullable Boolean getSingleFlight() {
    return singleFlight;
  }

  /**
   * @param loaderConfigured whether the cache has a {@code CacheLoader}
   * @return whether loads of absent keys are single-flight, the default applied
   */
  public boolean isSingleFlight(boolean loaderConfigured) {
    return singleFlight != null ? singleFlight : loaderConfigured;
  }

  /**
   * Single-flight loads: for a key that is absent, at most one load runs at a time across every JVM sharing the
   * cache, whether through read-through {@code get}, {@code getAll}, {@code loadAll} (without replacing), or an
   * {@code invoke}/{@code invokeAll} on an absent entry (Spring's {@code Cache.get(key, valueLoader)} and
   * {@code @Cacheable(sync = true)}); the other callers wait for the value and read it from Redis. The caller
   * that loads holds a lease in Redis ({@link #setLoadLeaseTime}); a caller waits at most
   * {@link #setLoadWaitTimeout} and then loads on its own. A key that exists costs nothing more; a miss costs
   * two round trips more (take the lease, look at the entry again) and one unawaited (release).
   *
   * <p>On by default for a cache with a {@code CacheLoader}; turn it on for a cache without one whose
   * {@code invoke} loads (Spring's caches), or off.
   *
   * @param singleFlight whether loads are single-flight
   * @return this configuration
   */
  public RedisCacheConfiguration<K, V> setSingleFlight(boolean singleFlight) {
    this.singleFlight = singleFlight;
    return this;
  }

  /** @return how long a load lease lasts without renewal */
  public Duration getLoadLeaseTime() {
    return loadLeaseTime;
  }

  /**
   * The lease time of single-flight loads: the JVM loading a key renews its lease every third of this while the
   * load runs, so a JVM that dies mid-load holds the others up at most this long before one of them takes over.
   * Shorter means a faster takeover; it must stay well above the longest pause of a loading JVM (a GC, say),
   * or a second JVM may start loading while the first still does.
   *
   * @param leaseTime at least 100 ms
   * @return this configuration
   */
  public RedisCacheConfiguration<K, V> setLoadLeaseTime(Duration leaseTime) {
    if (leaseTime == null || leaseTime.toMillis() < 100) {
      throw new IllegalArgumentException("loadLeaseTime must be at least 100 ms, was " + leaseTime);
    }
    this.loadLeaseTime = leaseTime;
    return this;
  }

  /** @return the longest a caller waits for another caller's load */
  public Duration getLoadWaitTimeout() {
    return loadWaitTimeout;
  }

  /**
   * The longest a caller waits for another caller's single-flight load of the same key; then it loads on its
   * own (the call does not fail), which is counted and logged. Keep it above the lease time: then only a
   * loader slower than this bound, never a dead loader, leads to a second load.
   *
   * @param waitTimeout at least 1 ms
   * @return this configuration
   */
  public RedisCacheConfiguration<K, V> setLoadWaitTimeout(Duration waitTimeout) {
    if (waitTimeout == null || waitTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("loadWaitTimeout must be at least 1 ms, was " + waitTimeout);
    }
    this.loadWaitTimeout = waitTimeout;
    return this;
  }

  /** @return the age after which a read refreshes an entry in the background, or {@code null} (off) */
  public @Nullable Duration getRefreshAfterWrite() {
    return refreshAfterWrite;
  }

  /**
   * Refresh ahead, as Caffeine's {@code refreshAfterWrite}: a {@code get} of an entry written longer ago than
   * this returns it at once and reloads it in the background through the {@code CacheLoader}, once across the
   * cluster (under the key's load lease). A failed reload keeps the old value until it expires, and is counted
   * ({@code RedisCache.statistics().getRefreshFailures()}) and logged at most once a minute; the key is not
   * retried for a second. Values of such a cache carry their write time (see the README's value format).
   * Needs a {@code CacheLoader}.
   *
   * @param age at least 1 ms, or {@code null} to turn it off
   * @return this configuration
   */
  public RedisCacheConfiguration<K, V> setRefreshAfterWrite(@Nullable Duration age) {
    if (age != null && age.toMillis() < 1) {
      throw new IllegalArgumentException("refreshAfterWrite must be at least 1 ms, was " + age);
    }
    this.refreshAfterWrite = age;
    return this;
  }

  // Covariant overrides, so a chain of setters keeps this type.

  @Override
  public RedisCacheConfiguration<K, V> setTypes(Class<K> keyType, Class<V> valueType) {
    super.setTypes(keyType, valueType);
    return this;
  }

  @Override
  public RedisCacheConfiguration<K, V> setExpiryPolicyFactory(
      javax.cache.configuration.Factory<? extends javax.cache.expiry.ExpiryPolicy> factory) {
    super.setExpiryPolicyFactory(factory);
    return this;
  }

  @Override
  public RedisCacheConfiguration<K, V> setCacheLoaderFactory(
      javax.cache.configuration.Factory<? extends javax.cache.integration.CacheLoader<K, V>> factory) {
    super.setCacheLoaderFactory(factory);
    return this;
  }

  @Override
  public RedisCacheConfiguration<K, V> setCacheWriterFactory(javax.cache.configuration.Factory<
      ? extends javax.cache.integration.CacheWriter<? super K, ? super V>> factory) {
    super.setCacheWriterFactory(factory);
    return this;
  }

  @Override
  public RedisCacheConfiguration<K, V> setReadThrough(boolean isReadThrough) {
    super.setReadThrough(isReadThrough);
    return this;
  }

  @Override
  public RedisCacheConfiguration<K, V> setWriteThrough(boolean isWriteThrough) {
    super.setWriteThrough(isWriteThrough);
    return this;
  }

  @Override
  public RedisCacheConfiguration<K, V> setStoreByValue(boolean isStoreByValue) {
    super.setStoreByValue(isStoreByValue);
    return this;
  }

  @Override
  public RedisCacheConfiguration<K, V> setStatisticsEnabled(boolean enabled) {
    super.setStatisticsEnabled(enabled);
    return this;
  }

  @Override
  public RedisCacheConfiguration<K, V> setManagementEnabled(boolean enabled) {
    super.setManagementEnabled(enabled);
    return this;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RedisCacheConfiguration) || !super.equals(o)) {
      return false;
    }
    RedisCacheConfiguration<?, ?> other = (RedisCacheConfiguration<?, ?>) o;
    return compressionThreshold == other.compressionThreshold && degradeWhenUnavailable == other.degradeWhenUnavailable
        && java.util.Objects.equals(nearCache, other.nearCache) && java.util.Objects.equals(singleFlight,
        other.singleFlight) && loadLeaseTime.equals(other.loadLeaseTime) && loadWaitTimeout.equals(
        other.loadWaitTimeout) && java.util.Objects.equals(refreshAfterWrite, other.refreshAfterWrite);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + java.util.Objects.hash(nearCache, compressionThreshold, degradeWhenUnavailable,
        singleFlight, loadLeaseTime, loadWaitTimeout, refreshAfterWrite);
  }
}
