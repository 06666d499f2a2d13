package io.github.jcacheredis.spring.boot.autoconfigure;

import io.github.jcacheredis.NearCacheConfiguration;
import io.github.jcacheredis.RedisCacheConfiguration;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.Factory;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * The configuration a cache is created with when the application names it ({@code @Cacheable},
 * {@code spring.cache.cache-names}) without configuring it: {@code jcache-redis.defaults.*}. A YAML file's settings
 * for the cache are merged over it by the provider, so the file wins.
 */
final class CacheDefaults {

  private CacheDefaults() {
  }

  /**
   * @param defaults {@code jcache-redis.defaults}
   * @return a fresh configuration for one cache, {@code Object} keys and values as Spring's caches have
   * @throws IllegalArgumentException naming the property when the settings contradict each other
   */
  static RedisCacheConfiguration<Object, Object> configuration(JCacheRedisProperties.Defaults defaults) {
    RedisCacheConfiguration<Object, Object> configuration = new RedisCacheConfiguration<>();
    configuration.setTypes(Object.class, Object.class);
    configuration.setExpiryPolicyFactory(expiry(defaults.getExpiry()));
    configuration.setStatisticsEnabled(defaults.isStatistics());
    configuration.setManagementEnabled(defaults.isManagement());
    configuration.setDegradeWhenUnavailable(defaults.isDegradeWhenUnavailable());
    // Spring's caches have no CacheLoader, so the provider's default (single flight only with a loader) would leave
    // Cache.get(key, valueLoader) loading once per racing instance: the starter turns it on.
    configuration.setSingleFlight(defaults.isSingleFlight());
    try {
      if (defaults.getLoadLeaseTime() != null) {
        configuration.setLoadLeaseTime(defaults.getLoadLeaseTime());
      }
      if (defaults.getLoadWaitTimeout() != null) {
        configuration.setLoadWaitTimeout(defaults.getLoadWaitTimeout());
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid jcache-redis.defaults.load-lease-time or load-wait-timeout: "
          + e.getMessage(), e);
    }
    if (defaults.getCompressionThreshold() != null) {
      long bytes = defaults.getCompressionThreshold().toBytes();
      if (bytes < 64 || bytes > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("Invalid jcache-redis.defaults.compression-threshold "
            + defaults.getCompressionThreshold() + ": it must be from 64B to 2GB");
      }
      configuration.setCompressionThreshold((int) bytes);
    }
    JCacheRedisProperties.NearCache near = defaults.getNearCache();
    if (near.getMaximumSize() != null) {
      JCacheRedisProperties.ExpiryType expiry = defaults.getExpiry().getType();
      if (expiry == JCacheRedisProperties.ExpiryType.ACCESSED || expiry == JCacheRedisProperties.ExpiryType.TOUCHED) {
        // A near hit never reaches Redis, so it could not renew the entry's TTL there.
        throw new IllegalArgumentException("jcache-redis.defaults.near-cache needs an expiry under which reads do not"
            + " extend an entry's life (eternal, created or modified), not jcache-redis.defaults.expiry.type "
            + expiry.name().toLowerCase(Locale.ROOT));
      }
      NearCacheConfiguration nearCache = NearCacheConfiguration.ofMaximumSize(near.getMaximumSize());
      configuration.setNearCache(near.getTimeToLive() == null ? nearCache : nearCache.withTimeToLive(
          near.getTimeToLive()));
    } else if (near.getTimeToLive() != null) {
      throw new IllegalArgumentException("jcache-redis.defaults.near-cache.time-to-live is set without"
          + " jcache-redis.defaults.near-cache.maximum-size, which turns the near cache on");
    }
    return configuration;
  }

  private static Factory<? extends ExpiryPolicy> expiry(JCacheRedisProperties.Expiry expiry) {
    Duration duration = expiry.getDuration();
    JCacheRedisProperties.ExpiryType type = expiry.getType() != null ? expiry.getType()
        : duration != null ? JCacheRedisProperties.ExpiryType.CREATED : JCacheRedisProperties.ExpiryType.ETERNAL;
    if (type == JCacheRedisProperties.ExpiryType.ETERNAL) {
      if (duration != null) {
        throw new IllegalArgumentException("jcache-redis.defaults.expiry.duration " + duration
            + " makes no sense with jcache-redis.defaults.expiry.type eternal");
      }
      return EternalExpiryPolicy.factoryOf();
    }
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("jcache-redis.defaults.expiry.duration must be positive with"
          + " jcache-redis.defaults.expiry.type " + type.name().toLowerCase(Locale.ROOT) + ", was "
          + duration);
    }
    javax.cache.expiry.Duration lifetime = new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS,
        duration.toMillis());
    switch (type) {
      case CREATED:
        return CreatedExpiryPolicy.factoryOf(lifetime);
      case ACCESSED:
        return AccessedExpiryPolicy.factoryOf(lifetime);
      case MODIFIED:
        return ModifiedExpiryPolicy.factoryOf(lifetime);
      default:
        return TouchedExpiryPolicy.factoryOf(lifetime);
    }
  }
}
