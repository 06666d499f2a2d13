package io.github.jcacheredis.hibernate;

import org.hibernate.cache.cfg.spi.CollectionDataCachingConfig;
import org.hibernate.cache.cfg.spi.DomainDataRegionBuildingContext;
import org.hibernate.cache.cfg.spi.DomainDataRegionConfig;
import org.hibernate.cache.cfg.spi.EntityDataCachingConfig;
import org.hibernate.cache.cfg.spi.NaturalIdDataCachingConfig;
import org.hibernate.cache.jcache.internal.JCacheDomainDataRegionImpl;
import org.hibernate.cache.spi.CacheKeysFactory;
import org.hibernate.cache.spi.access.AccessType;
import org.hibernate.cache.spi.access.CollectionDataAccess;
import org.hibernate.cache.spi.access.EntityDataAccess;
import org.hibernate.cache.spi.access.NaturalIdDataAccess;
import org.hibernate.cache.spi.support.CollectionReadWriteAccess;
import org.hibernate.cache.spi.support.EntityReadWriteAccess;
import org.hibernate.cache.spi.support.NaturalIdReadWriteAccess;
import org.hibernate.cache.spi.support.RegionFactoryTemplate;

/**
 * hibernate-jcache's region of entities, collections and natural ids, whose READ_WRITE accesses are Hibernate's
 * own run as atomic steps ({@link AtomicReadWriteAccess}). READ_ONLY and NONSTRICT_READ_WRITE are
 * hibernate-jcache's: neither reads an entry to decide a write (READ_ONLY puts immutable data, NONSTRICT_READ_WRITE
 * removes the entry on every change).
 */
final class RedisDomainDataRegion extends JCacheDomainDataRegionImpl {

  RedisDomainDataRegion(DomainDataRegionConfig regionConfig, RegionFactoryTemplate regionFactory,
      AtomicStorageAccess storageAccess, CacheKeysFactory defaultKeysFactory,
      DomainDataRegionBuildingContext buildingContext) {
    super(regionConfig, regionFactory, storageAccess, defaultKeysFactory, buildingContext);
  }

  // The generate methods run inside the super constructor, once the storage is set and before any field of
  // this class is: they read the storage through getCacheStorageAccess().

  @Override
  public EntityDataAccess generateEntityAccess(EntityDataCachingConfig config) {
    if (config.getAccessType() != AccessType.READ_WRITE) {
      return super.generateEntityAccess(config);
    }
    return new AtomicEntityReadWriteAccess(
        new EntityReadWriteAccess(this, getEffectiveKeysFactory(), storage(), config), storage());
  }

  @Override
  public CollectionDataAccess generateCollectionAccess(CollectionDataCachingConfig config) {
    if (config.getAccessType() != AccessType.READ_WRITE) {
      return super.generateCollectionAccess(config);
    }
    return new AtomicCollectionReadWriteAccess(
        new CollectionReadWriteAccess(this, getEffectiveKeysFactory(), storage(), config), storage());
  }

  @Override
  public NaturalIdDataAccess generateNaturalIdAccess(NaturalIdDataCachingConfig config) {
    if (config.getAccessType() != AccessType.READ_WRITE) {
      return super.generateNaturalIdAccess(config);
    }
    return new AtomicNaturalIdReadWriteAccess(
        new NaturalIdReadWriteAccess(this, getEffectiveKeysFactory(), storage(), config), storage());
  }

  private AtomicStorageAccess storage() {
    return (AtomicStorageAccess) getCacheStorageAccess();
  }
}
