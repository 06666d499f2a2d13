package io.github.jcacheredis.hibernate;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import javax.cache.processor.MutableEntry;
import org.hibernate.cache.jcache.internal.JCacheAccessImpl;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * hibernate-jcache's storage of a domain data region, plus steps: Hibernate code that reads one entry and then
 * writes it, run as one {@code Cache.invoke}. jcache-redis runs an entry processor on the calling thread between
 * reading the entry and a compare-and-set that writes only if Redis still holds what was read, and runs it again on
 * the new value otherwise; so a step's read and write are one atomic change of the entry across every JVM sharing
 * the Redis, and no lock is held across a round trip.
 *
 * <p>While a step runs, {@link #getFromCache}, {@link #putIntoCache}, {@link #removeFromCache} and
 * {@link #evictData(Object)} for its key read and change the processor's entry instead of Redis; Hibernate's own
 * READ_WRITE code, unchanged, is the step. Outside a step every call is hibernate-jcache's.
 */
final class AtomicStorageAccess extends JCacheAccessImpl {

  // Keys per invokeAll when a step runs on every entry of a region: one pipeline of reads and one of writes each.
  private static final int BATCH = 1_000;

  private final Cache<Object, Object> cache;
  // The entry of the step running on this thread: Hibernate's code calls the storage, not the processor.
  private final ThreadLocal<MutableEntry<Object, Object>> step = new ThreadLocal<>();

  AtomicStorageAccess(Cache<Object, Object> cache) {
    super(cache);
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /**
   * Runs {@code work}, whose storage calls for {@code key} read and change one entry, as one atomic change of it.
   * The work may run more than once (each time on the entry Redis then holds): it must have no effect but on the
   * entry, and its result is that of its last run, the one whose change was written.
   *
   * @param key  the cache key of the entry
   * @param work Hibernate's read-then-write on the entry
   * @param <T>  what the work returns
   * @return what the run that was written returned
   */
  <T> T atomically(Object key, Supplier<T> work) {
    try {
      return cache.invoke(key, new Step<>(work));
    } catch (EntryProcessorException e) {
      throw unwrapped(e);
    }
  }

  /**
   * Runs {@code work} on every entry of the region, each entry as {@link #atomically} would: the keys are read in
   * batches, and each batch's entries are read at once and their changes written back at once ({@code invokeAll}).
   *
   * @param work what to do with each key's entry
   */
  void eachAtomically(Function<Object, ?> work) {
    EntryProcessor<Object, Object, Object> processor =
        (entry, arguments) -> new Step<>(() -> work.apply(entry.getKey())).process(entry);
    Set<Object> batch = new HashSet<>();
    for (Cache.Entry<Object, Object> entry : cache) {
      batch.add(entry.getKey());
      if (batch.size() == BATCH) {
        invokeAll(batch, processor);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      invokeAll(batch, processor);
    }
  }

  private void invokeAll(Set<Object> keys, EntryProcessor<Object, Object, Object> processor) {
    for (EntryProcessorResult<Object> result : cache.invokeAll(keys, processor).values()) {
      try {
        result.get();
      } catch (EntryProcessorException e) {
        throw unwrapped(e);
      }
    }
  }

  private MutableEntry<Object, Object> entryOf(Object key) {
    MutableEntry<Object, Object> entry = step.get();
    return entry != null && entry.getKey().equals(key) ? entry : null;
  }

  @Override
  public boolean contains(Object key) {
    MutableEntry<Object, Object> entry = entryOf(key);
    return entry != null ? entry.exists() : super.contains(key);
  }

  @Override
  public Object getFromCache(Object key, SharedSessionContractImplementor session) {
    MutableEntry<Object, Object> entry = entryOf(key);
    return entry != null ? entry.getValue() : super.getFromCache(key, session);
  }

  @Override
  public void putIntoCache(Object key, Object value, SharedSessionContractImplementor session) {
    MutableEntry<Object, Object> entry = entryOf(key);
    if (entry != null) {
      entry.setValue(value);
    } else {
      super.putIntoCache(key, value, session);
    }
  }

  @Override
  public void removeFromCache(Object key, SharedSessionContractImplementor session) {
    MutableEntry<Object, Object> entry = entryOf(key);
    if (entry == null) {
      super.removeFromCache(key, session);
    } else if (entry.exists()) {
      entry.remove();
    }
  }

  @Override
  public void evictData(Object key) {
    removeFromCache(key, null);
  }

  /** The processor of one step: the entry is the storage's for this thread while the work runs. */
  private final class Step<T> implements EntryProcessor<Object, Object, T> {

    private final Supplier<T> work;

    Step(Supplier<T> work) {
      this.work = work;
    }

    @Override
    public T process(MutableEntry<Object, Object> entry, Object... arguments) {
      MutableEntry<Object, Object> outer = step.get();
      step.set(entry);
      try {
        return work.get();
      } finally {
        if (outer == null) {
          step.remove();
        } else {
          step.set(outer);
        }
      }
    }
  }

  /** JSR-107 §9.3 wraps what a processor throws; Hibernate's callers expect its own exceptions back. */
  private static RuntimeException unwrapped(EntryProcessorException e) {
    Throwable cause = e.getCause();
    if (cause instanceof Error error) {
      throw error;
    }
    return cause instanceof RuntimeException runtime ? runtime : e;
  }
}
