package io.github.jcacheredis.hibernate;

import org.hibernate.cache.spi.access.EntityDataAccess;
import org.hibernate.cache.spi.access.SoftLock;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

/** READ_WRITE access to an entity region whose check-then-writes are atomic in Redis ({@link AtomicReadWriteAccess}). */
final class AtomicEntityReadWriteAccess extends AtomicReadWriteAccess<EntityDataAccess> implements EntityDataAccess {

  AtomicEntityReadWriteAccess(EntityDataAccess delegate, AtomicStorageAccess storage) {
    super(delegate, storage);
  }

  @Override
  public Object generateCacheKey(Object id, EntityPersister rootEntityDescriptor, SessionFactoryImplementor factory,
      String tenantIdentifier) {
    return delegate.generateCacheKey(id, rootEntityDescriptor, factory, tenantIdentifier);
  }

  @Override
  public Object getCacheKeyId(Object cacheKey) {
    return delegate.getCacheKeyId(cacheKey);
  }

  // READ_WRITE caches nothing before the transaction completes: insert and update return false.
  @Override
  public boolean insert(SharedSessionContractImplementor session, Object key, Object value, Object version) {
    return delegate.insert(session, key, value, version);
  }

  /** Caches the new entity only if no other node has cached or locked it meanwhile. */
  @Override
  public boolean afterInsert(SharedSessionContractImplementor session, Object key, Object value, Object version) {
    return storage.atomically(key, () -> delegate.afterInsert(session, key, value, version));
  }

  @Override
  public boolean update(SharedSessionContractImplementor session, Object key, Object value, Object currentVersion,
      Object previousVersion) {
    return delegate.update(session, key, value, currentVersion, previousVersion);
  }

  /** Replaces this transaction's soft lock by the new version only if the lock is still there. */
  @Override
  public boolean afterUpdate(SharedSessionContractImplementor session, Object key, Object value,
      Object currentVersion, Object previousVersion, SoftLock lock) {
    return storage.atomically(key,
        () -> delegate.afterUpdate(session, key, value, currentVersion, previousVersion, lock));
  }
}
