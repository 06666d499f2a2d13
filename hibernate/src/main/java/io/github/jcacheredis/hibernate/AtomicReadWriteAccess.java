package io.github.jcacheredis.hibernate;

import java.util.Objects;
import org.hibernate.cache.spi.DomainDataRegion;
import org.hibernate.cache.spi.access.AccessType;
import org.hibernate.cache.spi.access.CachedDomainDataAccess;
import org.hibernate.cache.spi.access.SoftLock;
import org.hibernate.cache.spi.support.AbstractDomainDataRegion;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Hibernate's READ_WRITE access to a region (its {@code EntityReadWriteAccess}, {@code CollectionReadWriteAccess} or
 * {@code NaturalIdReadWriteAccess}, whose decisions and stored classes are unchanged), with each of its
 * check-then-writes run as one atomic step in Redis ({@link AtomicStorageAccess#atomically}) instead of under a
 * lock of one JVM: {@code putFromLoad} writes only if the entry is still what it judged writable; taking, releasing
 * and replacing a soft lock are compare-and-sets.
 *
 * <p>Eviction never erases a soft lock, and leaves in place of an entry what Hibernate itself leaves when a lock
 * expires: an unlocked soft lock stamped with the eviction's time. Only a transaction begun after the eviction
 * may then cache the entity again, so a load that read the database before an update cannot cache what it read
 * after the update's entry was evicted. (Hibernate's own eviction deletes whatever is there, soft lock included,
 * which across JVMs lets the old version be cached after the update commits.)
 *
 * @param <D> Hibernate's access, which this one decorates
 */
abstract class AtomicReadWriteAccess<D extends CachedDomainDataAccess>
    implements CachedDomainDataAccess, AbstractDomainDataRegion.Destructible {

  /** Hibernate's own access, whose storage is {@link #storage}. */
  final D delegate;
  /** Where the delegate's reads and writes go. */
  final AtomicStorageAccess storage;

  AtomicReadWriteAccess(D delegate, AtomicStorageAccess storage) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.storage = Objects.requireNonNull(storage, "storage");
  }

  @Override
  public DomainDataRegion getRegion() {
    return delegate.getRegion();
  }

  @Override
  public AccessType getAccessType() {
    return delegate.getAccessType();
  }

  // A read has nothing to make atomic: one GET, and Hibernate decides whether the item is readable.
  @Override
  public Object get(SharedSessionContractImplementor session, Object key) {
    return delegate.get(session, key);
  }

  @Override
  public boolean putFromLoad(SharedSessionContractImplementor session, Object key, Object value, Object version) {
    return storage.atomically(key, () -> delegate.putFromLoad(session, key, value, version));
  }

  @Override
  public boolean putFromLoad(SharedSessionContractImplementor session, Object key, Object value, Object version,
      boolean minimalPutOverride) {
    return storage.atomically(key,
        () -> delegate.putFromLoad(session, key, value, version, minimalPutOverride));
  }

  @Override
  public SoftLock lockItem(SharedSessionContractImplementor session, Object key, Object version) {
    return storage.atomically(key, () -> delegate.lockItem(session, key, version));
  }

  @Override
  public void unlockItem(SharedSessionContractImplementor session, Object key, SoftLock lock) {
    storage.atomically(key, () -> {
      delegate.unlockItem(session, key, lock);
      return null;
    });
  }

  // READ_WRITE keeps a soft lock it finds rather than removing it: the check and the removal are one step.
  @Override
  public void remove(SharedSessionContractImplementor session, Object key) {
    storage.atomically(key, () -> {
      delegate.remove(session, key);
      return null;
    });
  }

  @Override
  public void removeAll(SharedSessionContractImplementor session) {
    delegate.removeAll(session);
  }

  @Override
  public boolean contains(Object key) {
    return delegate.contains(key);
  }

  @Override
  public SoftLock lockRegion() {
    return delegate.lockRegion();
  }

  // Hibernate evicts the whole region once a bulk update or delete completes: with this access's eviction.
  @Override
  public void unlockRegion(SoftLock lock) {
    evictAll();
  }

  @Override
  public void evict(Object key) {
    storage.atomically(key, () -> evictStep(key));
  }

  @Override
  public void evictAll() {
    storage.eachAtomically(this::evictStep);
  }

  /**
   * One entry's eviction, inside a step: a soft lock stays (it is never readable, and what it allows is the
   * protocol's); an item is replaced by the unlocked soft lock that Hibernate's code makes when it locks an empty
   * entry and unlocks it at once, which no transaction begun before now may overwrite.
   */
  private Object evictStep(Object key) {
    Object current = storage.getFromCache(key, null);
    if (current == null || current instanceof SoftLock) {
      return null;
    }
    storage.removeFromCache(key, null);
    // Neither call uses the session beyond handing it to the storage, which a step does not need.
    SoftLock lock = delegate.lockItem(null, key, null);
    delegate.unlockItem(null, key, lock);
    return null;
  }

  @Override
  public void destroy() {
    if (delegate instanceof AbstractDomainDataRegion.Destructible destructible) {
      destructible.destroy();
    }
  }
}
