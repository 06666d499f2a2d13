package io.github.jcacheredis.hibernate;

import org.hibernate.cache.spi.access.NaturalIdDataAccess;
import org.hibernate.cache.spi.access.SoftLock;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

/**
 * READ_WRITE access to a natural-id region whose check-then-writes are atomic in Redis
 * ({@link AtomicReadWriteAccess}).
 */
final class AtomicNaturalIdReadWriteAccess extends AtomicReadWriteAccess<NaturalIdDataAccess>
    implements NaturalIdDataAccess {

  AtomicNaturalIdReadWriteAccess(NaturalIdDataAccess delegate, AtomicStorageAccess storage) {
    super(delegate, storage);
  }

  @Override
  public Object generateCacheKey(Object naturalIdValues, EntityPersister rootEntityDescriptor,
      SharedSessionContractImplementor session) {
    return delegate.generateCacheKey(naturalIdValues, rootEntityDescriptor, session);
  }

  @Override
  public Object getNaturalIdValues(Object cacheKey) {
    return delegate.getNaturalIdValues(cacheKey);
  }

  @Override
  public boolean insert(SharedSessionContractImplementor session, Object key, Object value) {
    return delegate.insert(session, key, value);
  }

  /** Caches the natural id's resolution only if no other node has cached or locked it meanwhile. */
  @Override
  public boolean afterInsert(SharedSessionContractImplementor session, Object key, Object value) {
    return storage.atomically(key, () -> delegate.afterInsert(session, key, value));
  }

  @Override
  public boolean update(SharedSessionContractImplementor session, Object key, Object value) {
    return delegate.update(session, key, value);
  }

  /** Replaces this transaction's soft lock by the new resolution only if the lock is still there. */
  @Override
  public boolean afterUpdate(SharedSessionContractImplementor session, Object key, Object value, SoftLock lock) {
    return storage.atomically(key, () -> delegate.afterUpdate(session, key, value, lock));
  }
}
