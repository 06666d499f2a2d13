package io.github.jcacheredis.hibernate;

import org.hibernate.cache.spi.access.CollectionDataAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.collection.CollectionPersister;

/**
 * READ_WRITE access to a collection region whose check-then-writes are atomic in Redis
 * ({@link AtomicReadWriteAccess}).
 */
final class AtomicCollectionReadWriteAccess extends AtomicReadWriteAccess<CollectionDataAccess>
    implements CollectionDataAccess {

  AtomicCollectionReadWriteAccess(CollectionDataAccess delegate, AtomicStorageAccess storage) {
    super(delegate, storage);
  }

  @Override
  public Object generateCacheKey(Object id, CollectionPersister collectionDescriptor,
      SessionFactoryImplementor factory, String tenantIdentifier) {
    return delegate.generateCacheKey(id, collectionDescriptor, factory, tenantIdentifier);
  }

  @Override
  public Object getCacheKeyId(Object cacheKey) {
    return delegate.getCacheKeyId(cacheKey);
  }
}
