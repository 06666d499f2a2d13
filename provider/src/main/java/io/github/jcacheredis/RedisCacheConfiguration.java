package io.github.jcacheredis;

import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;

/**
 * A {@link MutableConfiguration} with the settings only a Redis-backed cache has. Pass it to
 * {@code CacheManager.createCache} like any other configuration; a plain {@code MutableConfiguration} gets the
 * defaults below.
 *
 * <ul>
 *   <li>{@link #setNearCache near cache}: off by default;</li>
 *   <li>{@link #setCompressionThreshold compression}: values whose encoded form exceeds 4 KB are stored LZ4
 *       compressed when that makes them smaller;</li>
 *   <li>{@link #setDegradeWhenUnavailable degraded mode}: off by default.</li>
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

  private NearCacheConfiguration nearCache;
  private int compressionThreshold = DEFAULT_COMPRESSION_THRESHOLD;
  private boolean degradeWhenUnavailable;

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
    }
  }

  /** @return the near cache settings, or {@code null} when the cache has none */
  public NearCacheConfiguration getNearCache() {
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
  public RedisCacheConfiguration<K, V> setNearCache(NearCacheConfiguration nearCache) {
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
        && java.util.Objects.equals(nearCache, other.nearCache);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + java.util.Objects.hash(nearCache, compressionThreshold, degradeWhenUnavailable);
  }
}
