package io.github.jcacheredis.internal.config;

import io.github.jcacheredis.NearCacheConfiguration;
import io.github.jcacheredis.RedisCacheConfiguration;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what a configuration file says about a cache to the configuration an application asked for: the
 * file wins (operators tune expiry, statistics and the near cache without a rebuild), and every setting it
 * overrides is logged, so nobody wonders why a cache does not behave as its code says.
 */
public final class CacheConfigurationMerger {

  private static final Logger LOG = LoggerFactory.getLogger(CacheConfigurationMerger.class);

  private CacheConfigurationMerger() {
  }

  /**
   * @param cacheName the cache
   * @param requested the application's configuration (a private copy; it may be modified)
   * @param template  the file's settings for this cache
   * @param file      the file's name, for log lines and errors
   * @return the configuration to create the cache with
   */
  public static <K, V> MutableConfiguration<K, V> merge(String cacheName, MutableConfiguration<K, V> requested,
      CacheTemplate template, String file) {
    return merge(cacheName, requested, template, file, true);
  }

  /** @param fromApplication whether {@code requested} is the application's, whose replaced settings are logged */
  private static <K, V> MutableConfiguration<K, V> merge(String cacheName, MutableConfiguration<K, V> requested,
      CacheTemplate template, String file, boolean fromApplication) {
    boolean needsOurs = template.nearCacheMaximumSize() != null || template.compressionThreshold() != null
        || template.degradeWhenUnavailable() != null || template.singleFlight() != null
        || template.loadLeaseTime() != null || template.loadWaitTimeout() != null
        || template.refreshAfterWrite() != null;
    MutableConfiguration<K, V> merged = needsOurs && !(requested instanceof RedisCacheConfiguration)
        ? new RedisCacheConfiguration<>(requested) : requested;
    checkType(cacheName, "keyType", template.keyType(), requested.getKeyType(), file);
    checkType(cacheName, "valueType", template.valueType(), requested.getValueType(), file);
    if (template.expiryType() != null) {
      Factory<? extends ExpiryPolicy> expiry = expiryFactory(template.expiryType(), template.expiryDuration());
      if (fromApplication && !requested.getExpiryPolicyFactory().equals(EternalExpiryPolicy.factoryOf())
          && !requested.getExpiryPolicyFactory().equals(expiry)) {
        LOG.info("Cache '{}': expiry {} {} from {} replaces the application's {}", cacheName,
            template.expiryType(), template.expiryDuration() == null ? "" : template.expiryDuration(), file,
            requested.getExpiryPolicyFactory());
      }
      merged.setExpiryPolicyFactory(expiry);
    }
    if (template.statistics() != null) {
      logOverride(fromApplication, cacheName, "statistics", requested.isStatisticsEnabled(), template.statistics(),
          file);
      merged.setStatisticsEnabled(template.statistics());
    }
    if (template.management() != null) {
      logOverride(fromApplication, cacheName, "management", requested.isManagementEnabled(), template.management(),
          file);
      merged.setManagementEnabled(template.management());
    }
    if (merged instanceof RedisCacheConfiguration) {
      RedisCacheConfiguration<K, V> ours = (RedisCacheConfiguration<K, V>) merged;
      if (template.nearCacheMaximumSize() != null) {
        NearCacheConfiguration near = NearCacheConfiguration.ofMaximumSize(template.nearCacheMaximumSize());
        ours.setNearCache(template.nearCacheTimeToLive() == null ? near
            : near.withTimeToLive(template.nearCacheTimeToLive()));
      }
      if (template.compressionThreshold() != null) {
        ours.setCompressionThreshold(template.compressionThreshold());
      }
      if (template.degradeWhenUnavailable() != null) {
        ours.setDegradeWhenUnavailable(template.degradeWhenUnavailable());
      }
      if (template.singleFlight() != null) {
        ours.setSingleFlight(template.singleFlight());
      }
      if (template.loadLeaseTime() != null) {
        ours.setLoadLeaseTime(template.loadLeaseTime());
      }
      if (template.loadWaitTimeout() != null) {
        ours.setLoadWaitTimeout(template.loadWaitTimeout());
      }
      if (template.refreshAfterWrite() != null) {
        ours.setRefreshAfterWrite(template.refreshAfterWrite());
      }
    }
    return merged;
  }

  /**
   * The configuration of a cache the file declares, created with the CacheManager. Nothing is logged as replaced:
   * the application asked for nothing, the defaults it starts from are the manager's own.
   *
   * @param classLoader resolves the declared key and value types
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static MutableConfiguration<Object, Object> declared(String cacheName, CacheTemplate template, String file,
      ClassLoader classLoader) {
    RedisCacheConfiguration configuration = new RedisCacheConfiguration<>();
    configuration.setTypes(resolve(template.keyType(), "caches." + cacheName + ".keyType", file, classLoader),
        resolve(template.valueType(), "caches." + cacheName + ".valueType", file, classLoader));
    return merge(cacheName, configuration, template, file, false);
  }

  private static Class<?> resolve(@Nullable String className, String setting, String file, ClassLoader classLoader) {
    if (className == null) {
      return Object.class;
    }
    try {
      return Class.forName(className, false, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CacheException("Invalid setting " + setting + " in " + file + ": class " + className
          + " cannot be loaded (" + e + ")", e);
    }
  }

  private static void checkType(String cacheName, String setting, @Nullable String declared, Class<?> requested,
      String file) {
    if (declared != null && requested != Object.class && !requested.getName().equals(declared)) {
      throw new CacheException("Cache '" + cacheName + "': the application asks for " + setting + " "
          + requested.getName() + " but " + file + " declares " + declared);
    }
  }

  private static void logOverride(boolean fromApplication, String cacheName, String setting, boolean requested,
      boolean fromFile, String file) {
    if (fromApplication && requested != fromFile) {
      LOG.info("Cache '{}': {} {} from {} replaces the application's {}", cacheName, setting, fromFile, file,
          requested);
    }
  }

  /** @param length the duration, which {@link CacheTemplate#parse} requires of every type but eternal */
  private static Factory<? extends ExpiryPolicy> expiryFactory(CacheTemplate.ExpiryType type,
      java.time.@Nullable Duration length) {
    if (type == CacheTemplate.ExpiryType.ETERNAL) {
      return EternalExpiryPolicy.factoryOf();
    }
    if (length == null) {
      throw new IllegalStateException("expiry type " + type + " without a duration");
    }
    Duration duration = new Duration(TimeUnit.MILLISECONDS, length.toMillis());
    switch (type) {
      case CREATED:
        return CreatedExpiryPolicy.factoryOf(duration);
      case ACCESSED:
        return AccessedExpiryPolicy.factoryOf(duration);
      case MODIFIED:
        return ModifiedExpiryPolicy.factoryOf(duration);
      default:
        return TouchedExpiryPolicy.factoryOf(duration);
    }
  }
}
