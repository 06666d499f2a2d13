package io.github.jcacheredis;

import io.github.jcacheredis.event.EventDispatcher;
import io.github.jcacheredis.expiry.ExpiryCalculator;
import io.github.jcacheredis.expiry.Ttl;
import io.github.jcacheredis.integration.ReadThrough;
import io.github.jcacheredis.integration.WriteThrough;
import io.github.jcacheredis.management.CacheStatistics;
import io.github.jcacheredis.processor.ProcessorEntry;
import io.github.jcacheredis.storage.EntryStore;
import io.github.jcacheredis.storage.EntryStore.CasOutcome;
import io.github.jcacheredis.storage.KeyCodec.EncodedKey;
import java.util.function.Consumer;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;

/**
 * Runs entry processors atomically across JVMs without a lock: read the entry, run the processor on a private
 * copy, then write back what it did with one compare-and-set that succeeds only if the entry still holds the
 * bytes that were read; otherwise run the processor again on the new value. Two round trips per invoke when
 * nothing interferes.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class EntryProcessorRunner<K, V> {

  private final String cacheName;
  private final EntryStore store;
  private final EntryCodec<K, V> codec;
  private final ExpiryCalculator expiry;
  private final ReadThrough<K, V> readThrough;
  private final WriteThrough<K, V> writeThrough;
  private final EventDispatcher<K, V> events;
  private final CacheStatistics statistics;
  private final Consumer<V> valueCheck;

  EntryProcessorRunner(String cacheName, EntryStore store, EntryCodec<K, V> codec, ExpiryCalculator expiry,
      ReadThrough<K, V> readThrough, WriteThrough<K, V> writeThrough, EventDispatcher<K, V> events,
      CacheStatistics statistics, Consumer<V> valueCheck) {
    this.cacheName = cacheName;
    this.store = store;
    this.codec = codec;
    this.expiry = expiry;
    this.readThrough = readThrough;
    this.writeThrough = writeThrough;
    this.events = events;
    this.statistics = statistics;
    this.valueCheck = valueCheck;
  }

  <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    EncodedKey encoded = codec.key(key);
    long start = statistics.start();
    byte[] bytes = store.get(encoded.bytes());
    while (true) {
      V original = codec.decode(key, encoded, bytes);
      ProcessorEntry<K, V> entry = new ProcessorEntry<>(key, original,
          readThrough.isReadThrough() ? readThrough::load : null);
      T result;
      try {
        result = processor.process(entry, arguments);
      } catch (EntryProcessorException e) {
        throw e;
      } catch (Exception e) {
        throw new EntryProcessorException("Entry processor failed on key " + key + " of cache '" + cacheName + "'",
            e);
      }
      CasOutcome outcome = writeBack(key, encoded, bytes, entry);
      if (outcome == null || outcome.matched()) {
        record(key, entry, start);
        return result;
      }
      if (bytes == null && outcome.current() == null) {
        // "absent" cannot mismatch "absent": the write was skipped (degraded mode while Redis is away)
        return result;
      }
      bytes = outcome.current();
    }
  }

  /** @return {@code null} when nothing needed writing, else the compare-and-set's outcome */
  private CasOutcome writeBack(K key, EncodedKey encoded, byte[] read, ProcessorEntry<K, V> entry) {
    char action;
    byte[] value = null;
    long ttl;
    switch (entry.operation()) {
      case NONE:
        return null;
      case ACCESS:
        ttl = expiry.forAccess();
        if (ttl != Ttl.KEEP) {
          // The processor changed nothing, so only renew the TTL of the value it saw, and never retry.
          store.compareAndSet(encoded.bytes(), read, 'T', null, ttl, Ttl.KEEP);
        }
        return null;
      case LOAD:
        action = 'S';
        value = codec.value(key, encoded, entry.value());
        ttl = expiry.forCreation();
        break;
      case CREATE:
      case UPDATE:
        valueCheck.accept(entry.value());
        writeThrough.write(new RedisCacheEntry<>(key, entry.value()));
        action = 'S';
        value = codec.value(key, encoded, entry.value());
        ttl = entry.original() == null ? expiry.forCreation() : expiry.forUpdate();
        break;
      case REMOVE:
        writeThrough.delete(key);
        action = 'D';
        ttl = Ttl.KEEP;
        break;
      default:
        throw new IllegalStateException("operation " + entry.operation());
    }
    if (action == 'S' && ttl == Ttl.EXPIRE_NOW) {
      action = 'D';
    }
    return store.compareAndSet(encoded.bytes(), read, action, value, ttl, Ttl.KEEP);
  }

  private void record(K key, ProcessorEntry<K, V> entry, long start) {
    if (entry.original() != null) {
      statistics.recordHits(1);
    } else {
      statistics.recordMisses(1);
    }
    statistics.recordGetTime(start);
    switch (entry.operation()) {
      case LOAD:
      case CREATE:
        statistics.recordPuts(1);
        statistics.recordPutTime(start);
        events.created(key, entry.value());
        break;
      case UPDATE:
        statistics.recordPuts(1);
        statistics.recordPutTime(start);
        events.updated(key, entry.value(), entry.original());
        break;
      case REMOVE:
        if (entry.original() != null) {
          statistics.recordRemovals(1);
          statistics.recordRemoveTime(start);
          events.removed(key, entry.original());
        }
        break;
      default:
        break;
    }
  }
}
