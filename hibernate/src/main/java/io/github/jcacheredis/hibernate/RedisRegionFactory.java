package io.github.jcacheredis.hibernate;

import io.github.jcacheredis.RedisCachingProvider;
import java.util.Map;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.cache.CacheException;
import org.hibernate.cache.cfg.spi.DomainDataRegionBuildingContext;
import org.hibernate.cache.cfg.spi.DomainDataRegionConfig;
import org.hibernate.cache.jcache.ConfigSettings;
import org.hibernate.cache.jcache.internal.JCacheRegionFactory;
import org.hibernate.cache.spi.DomainDataRegion;

/**
 * Hibernate's second-level cache in jcache-redis, selected with
 * {@code hibernate.cache.region.factory_class=jcache-redis}: hibernate-jcache's region factory, with every setting
 * of it, on jcache-redis's caches, whose READ_WRITE regions make each check-then-write of Hibernate's soft-lock
 * protocol one atomic step in Redis instead of a {@code get} and a {@code put} guarded by a lock of one JVM. Nodes
 * sharing a Redis then never cache an entity older than the last committed update, where hibernate-jcache can,
 * when an eviction or a load on one node interleaves with an update on another.
 *
 * <p>Everything else is hibernate-jcache's: the query cache and update-timestamps regions, READ_ONLY and
 * NONSTRICT_READ_WRITE, statistics, regions created on demand ({@code hibernate.javax.cache.missing_cache_strategy}),
 * the configuration URI ({@code hibernate.javax.cache.uri}). The JCache provider is jcache-redis's even when others
 * are on the class path; naming another one is refused.
 */
public final class RedisRegionFactory extends JCacheRegionFactory {

  /** The short name that selects this factory: {@code hibernate.cache.region.factory_class=jcache-redis}. */
  public static final String SHORT_NAME = "jcache-redis";

  /** Hibernate's timestamps hold the millisecond shifted left by 12 bits, a counter below (and its timeout too). */
  private static final int TIMESTAMP_COUNTER_BITS = 12;

  /** A factory with Hibernate's default cache keys, as Hibernate creates it from its short name. */
  public RedisRegionFactory() {
  }

  @Override
  public DomainDataRegion buildDomainDataRegion(DomainDataRegionConfig regionConfig,
      DomainDataRegionBuildingContext buildingContext) {
    return new RedisDomainDataRegion(regionConfig, this,
        new AtomicStorageAccess(getOrCreateCache(regionConfig.getRegionName(), buildingContext.getSessionFactory())),
        getImplicitCacheKeysFactory(), buildingContext);
  }

  /**
   * Timestamps that compare the same way in every JVM: the millisecond, without the counter Hibernate adds to order
   * timestamps within one millisecond in one JVM ({@code SimpleTimestamper}). READ_WRITE lets a load write over an
   * unlocked soft lock only if its transaction began after the unlock ({@code txTimestamp > unlock time}); with
   * per-JVM counters, a load that began on one node just before another node's unlock, in the same millisecond,
   * could count as later and cache the row it read before the update committed. At millisecond granularity such a
   * load counts as not later, and is simply not cached. (The nodes' clocks must agree, as for hibernate-jcache.)
   *
   * @return the current time in milliseconds, shifted as Hibernate's timestamps are
   */
  @Override
  public long nextTimestamp() {
    return System.currentTimeMillis() << TIMESTAMP_COUNTER_BITS;
  }

  @Override
  protected CachingProvider getCachingProvider(Map<String, Object> properties) {
    if (properties == null || properties.get(ConfigSettings.PROVIDER) == null) {
      // Found by name rather than by Caching.getCachingProvider(), which fails when several are on the class path.
      return Caching.getCachingProvider(RedisCachingProvider.class.getName());
    }
    return super.getCachingProvider(properties);
  }

  @Override
  protected void prepareForUse(SessionFactoryOptions settings, Map<String, Object> configValues) {
    super.prepareForUse(settings, configValues);
    CachingProvider provider = getCacheManager().getCachingProvider();
    if (!(provider instanceof RedisCachingProvider)) {
      // The atomic steps rely on jcache-redis's invoke: an entry processor run on the calling thread, written back
      // by a compare-and-set in Redis. Another provider's invoke may be atomic in one JVM only, or serialize it.
      throw new CacheException("hibernate.cache.region.factory_class=" + SHORT_NAME + " needs jcache-redis's"
          + " provider, but the CacheManager comes from " + provider.getClass().getName() + " (set by "
          + ConfigSettings.PROVIDER + " or " + ConfigSettings.CACHE_MANAGER + "); remove that setting, or use"
          + " hibernate.cache.region.factory_class=jcache");
    }
  }
}
