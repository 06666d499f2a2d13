package io.github.jcacheredis.internal.cache;

import io.github.jcacheredis.internal.event.EventDispatcher;
import io.github.jcacheredis.internal.expiry.ExpiryCalculator;
import io.github.jcacheredis.internal.expiry.Ttl;
import io.github.jcacheredis.internal.integration.ReadThrough;
import io.github.jcacheredis.internal.integration.SingleFlight;
import io.github.jcacheredis.internal.integration.WriteThrough;
import io.github.jcacheredis.internal.management.CacheStatistics;
import io.github.jcacheredis.internal.processor.ProcessorEntry;
import io.github.jcacheredis.internal.storage.CasAction;
import io.github.jcacheredis.internal.storage.EntryStore;
import io.github.jcacheredis.internal.storage.EntryStore.Queued;
import io.github.jcacheredis.internal.storage.EntryStore.CasOutcome;
import io.github.jcacheredis.internal.storage.KeyCodec.EncodedKey;
import io.github.jcacheredis.internal.storage.UnstorableValueException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.cache.processor.EntryProcessorResult;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import org.jspecify.annotations.Nullable;

/**
 * Runs entry processors atomically across JVMs without a lock: read the entry, run the processor on a private
 * copy, then write back what it did with one compare-and-set that succeeds only if the entry still holds the
 * bytes that were read; otherwise run the processor again on the new value. Two round trips per invoke when
 * nothing interferes.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class EntryProcessorRunner<K, V> {

  private final String cacheName;
  private final EntryStore store;
  private final EntryCodec<K, V> codec;
  private final ExpiryCalculator expiry;
  private final ReadThrough<K, V> readThrough;
  private final WriteThrough<K, V> writeThrough;
  private final EventDispatcher<K, V> events;
  private final CacheStatistics statistics;
  private final Consumer<V> valueCheck;
  private final @Nullable SingleFlight flight;

  /** @param flight makes processors on absent entries single-flight; {@code null} when the cache does not */
  public EntryProcessorRunner(String cacheName, EntryStore store, EntryCodec<K, V> codec, ExpiryCalculator expiry,
      ReadThrough<K, V> readThrough, WriteThrough<K, V> writeThrough, EventDispatcher<K, V> events,
      CacheStatistics statistics, Consumer<V> valueCheck, @Nullable SingleFlight flight) {
    this.flight = flight;
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

  /**
   * With single flight, a processor that finds the entry absent runs only under the key's load lease, so that
   * one absent key sees one processor at a time across the cluster (a loading processor, such as Spring's
   * {@code Cache.get(key, valueLoader)}, loads once); the others wait for the entry and then run on it. A
   * present entry costs nothing more.
   *
   * @return what the processor returned, which may be {@code null} (JSR-107 {@code Cache.invoke})
   */
  public <T> @Nullable T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    EncodedKey encoded = codec.key(key);
    long start = statistics.start();
    byte[] bytes = store.get(encoded.bytes());
    if (bytes != null || flight == null) {
      return invoke(key, encoded, bytes, start, processor, arguments);
    }
    Result<T> answer = flight.run(encoded.bytes(), () -> {
      byte[] now = store.get(encoded.bytes());
      return now == null ? null : new Result<>(invoke(key, encoded, now, start, processor, arguments));
    }, () -> new Result<>(invoke(key, encoded, null, start, processor, arguments)));
    return Objects.requireNonNull(answer, "the load step always answers a Result, so the flight answers one").value();
  }

  /** A processor's result, which may be {@code null}, as the single flight's answer, which may not. */
  private record Result<T>(@Nullable T value) {
  }

  private <T> @Nullable T invoke(K key, EncodedKey encoded, byte @Nullable [] read, long start,
      EntryProcessor<K, V, T> processor, Object... arguments) {
    byte[] bytes = read;
    while (true) {
      ProcessorEntry<K, V> entry = entry(key, encoded, bytes);
      T result = run(processor, entry, arguments);
      Write write;
      try {
        write = plan(key, encoded, entry);
      } catch (UnstorableValueException e) {
        // JSR-107 §9.3: what goes wrong while applying a processor's work surfaces as EntryProcessorException.
        throw new EntryProcessorException(e.getMessage(), e);
      }
      if (write == null) {
        record(key, entry, start);
        return result;
      }
      write.callWriter();
      CasOutcome outcome = store.compareAndSet(encoded.bytes(), bytes, write.action, write.value, write.ttl,
          Ttl.KEEP);
      if (outcome.matched() || !write.retryOnMismatch) {
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

  /**
   * invokeAll in two round trips per node when nothing interferes: every entry read at once (MGET per slot),
   * every processor run, every write-back pipelined. An entry that changed meanwhile is retried on its own.
   */
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(List<K> keys, EntryProcessor<K, V, T> processor,
      Object... arguments) {
    long start = statistics.start();
    List<EncodedKey> encoded = codec.keys(keys);
    List<byte[]> redisKeys = new ArrayList<>(keys.size());
    encoded.forEach(key -> redisKeys.add(key.bytes()));
    Map<byte[], byte[]> read = store.getAll(redisKeys);
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    // First every processor runs and every new value is encoded; only then do writers and Redis see anything,
    // so a value that cannot be stored refuses the whole call instead of leaving part of it written.
    List<Planned<K, V, T>> planned = new ArrayList<>();
    UnstorableValueException unstorable = null;
    List<K> absent = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      K key = keys.get(i);
      byte[] bytes = read.get(encoded.get(i).bytes());
      if (bytes == null && flight != null) {
        absent.add(key); // single flight: each absent key on its own, under its lease, below
        continue;
      }
      try {
        ProcessorEntry<K, V> entry = entry(key, encoded.get(i), bytes);
        T result = run(processor, entry, arguments);
        planned.add(new Planned<>(key, encoded.get(i), entry, result, plan(key, encoded.get(i), entry), bytes));
      } catch (UnstorableValueException e) {
        unstorable = unstorable == null ? e : unstorable;
      } catch (RuntimeException e) {
        fail(results, key, e);
      }
    }
    if (unstorable != null) {
      EntryProcessorException refused = new EntryProcessorException("invokeAll on cache '" + cacheName
          + "' wrote nothing: " + unstorable.getMessage(), unstorable);
      for (K key : keys) {
        fail(results, key, refused);
      }
      return results;
    }
    EntryStore.Pipeline pipeline = store.pipeline();
    List<Pending<K, V, T>> pending = new ArrayList<>();
    for (Planned<K, V, T> plan : planned) {
      try {
        Write write = plan.write;
        if (write == null) {
          record(plan.key, plan.entry, start);
          succeed(results, plan.key, plan.result);
        } else {
          write.callWriter();
          pending.add(new Pending<>(plan, write, pipeline.compareAndSet(plan.encoded.bytes(), plan.read,
              write.action, write.value, write.ttl, Ttl.KEEP)));
        }
      } catch (RuntimeException e) {
        fail(results, plan.key, e);
      }
    }
    pipeline.execute();
    for (K key : absent) {
      try {
        succeed(results, key, invoke(key, processor, arguments));
      } catch (RuntimeException e) {
        fail(results, key, e);
      }
    }
    for (Pending<K, V, T> sent : pending) {
      Planned<K, V, T> plan = sent.plan;
      try {
        CasOutcome outcome = CasOutcome.of(pipeline.result(sent.future));
        if (outcome.matched() || !sent.write.retryOnMismatch
            || (plan.entry.original() == null && outcome.current() == null)) {
          record(plan.key, plan.entry, start);
          succeed(results, plan.key, plan.result);
        } else {
          succeed(results, plan.key, invoke(plan.key, processor, arguments)); // changed meanwhile: again, alone
        }
      } catch (RuntimeException e) {
        fail(results, plan.key, e);
      }
    }
    return results;
  }

  private ProcessorEntry<K, V> entry(K key, EncodedKey encoded, byte @Nullable [] bytes) {
    return new ProcessorEntry<>(key, codec.decode(key, encoded, bytes),
        readThrough.isReadThrough() ? readThrough::load : null);
  }

  private <T> @Nullable T run(EntryProcessor<K, V, T> processor, ProcessorEntry<K, V> entry, Object... arguments) {
    try {
      return processor.process(entry, arguments);
    } catch (EntryProcessorException e) {
      throw e;
    } catch (Exception e) {
      throw new EntryProcessorException("Entry processor failed on key " + entry.getKey() + " of cache '"
          + cacheName + "'", e);
    }
  }

  private static <K, T> void succeed(Map<K, EntryProcessorResult<T>> results, K key, @Nullable T result) {
    if (result != null) {
      results.put(key, () -> result);
    }
  }

  private static <K, T> void fail(Map<K, EntryProcessorResult<T>> results, K key, RuntimeException e) {
    EntryProcessorException failure = e instanceof EntryProcessorException ? (EntryProcessorException) e
        : new EntryProcessorException(e);
    results.put(key, () -> {
      throw failure;
    });
  }

  /** The one write that applies what a processor did; {@code null} when there is nothing to write. */
  private @Nullable Write plan(K key, EncodedKey encoded, ProcessorEntry<K, V> entry) {
    CasAction action;
    byte[] value = null;
    long ttl;
    Runnable writerCall = null;
    switch (entry.operation()) {
      case NONE:
        return null;
      case ACCESS:
        ttl = expiry.forAccess();
        // The processor changed nothing, so only renew the TTL of the value it saw, and never retry.
        return ttl == Ttl.KEEP ? null : new Write(CasAction.TOUCH, null, ttl, false, null);
      case LOAD:
        action = CasAction.SET;
        value = codec.value(key, encoded, leftValue(entry));
        ttl = expiry.forCreation();
        break;
      case CREATE:
      case UPDATE: {
        V left = leftValue(entry);
        valueCheck.accept(left);
        // Encoded before the writer is called: an unstorable value must not reach the system of record.
        value = codec.value(key, encoded, left);
        writerCall = () -> writeThrough.write(new RedisCacheEntry<>(key, left));
        action = CasAction.SET;
        ttl = entry.original() == null ? expiry.forCreation() : expiry.forUpdate();
        break;
      }
      case REMOVE:
        writerCall = () -> writeThrough.delete(key);
        action = CasAction.DELETE;
        ttl = Ttl.KEEP;
        break;
      default:
        throw new IllegalStateException("operation " + entry.operation());
    }
    if (action == CasAction.SET && ttl == Ttl.EXPIRE_NOW) {
      action = CasAction.DELETE;
    }
    return new Write(action, value, ttl, true, writerCall);
  }

  /**
   * The value a processor that loaded, created or updated left: only {@code setValue} (which refuses null) and a
   * load that found a value make those operations.
   */
  private static <K, V> V leftValue(ProcessorEntry<K, V> entry) {
    return Objects.requireNonNull(entry.value(), "a loaded, created or updated entry holds a value");
  }

  /** A compare-and-set to send: its action, new bytes and TTL, and whether a mismatch means "run again". */
  private static final class Write {
    final CasAction action;
    final byte @Nullable [] value;
    final long ttl;
    final boolean retryOnMismatch;
    private final @Nullable Runnable writerCall;

    Write(CasAction action, byte @Nullable [] value, long ttl, boolean retryOnMismatch, @Nullable Runnable writerCall) {
      this.action = action;
      this.value = value;
      this.ttl = ttl;
      this.retryOnMismatch = retryOnMismatch;
      this.writerCall = writerCall;
    }

    /** JSR-107 §9.2: the writer is told once the write is certain to be attempted. */
    void callWriter() {
      if (writerCall != null) {
        writerCall.run();
      }
    }
  }

  /** One key's processor run in invokeAll: what it returned, and the write that applies it. */
  private static final class Planned<K, V, T> {
    final K key;
    final EncodedKey encoded;
    final ProcessorEntry<K, V> entry;
    final @Nullable T result;
    /** {@code null} when the processor left nothing to write. */
    final @Nullable Write write;
    /** The bytes the processor ran on, {@code null} when the entry was absent. */
    final byte @Nullable [] read;

    Planned(K key, EncodedKey encoded, ProcessorEntry<K, V> entry, @Nullable T result, @Nullable Write write,
        byte @Nullable [] read) {
      this.key = key;
      this.encoded = encoded;
      this.entry = entry;
      this.result = result;
      this.write = write;
      this.read = read;
    }
  }

  /** One key's write-back queued in invokeAll's pipeline. */
  private static final class Pending<K, V, T> {
    final Planned<K, V, T> plan;
    final Write write;
    final Queued<List<Object>> future;

    Pending(Planned<K, V, T> plan, Write write, Queued<List<Object>> future) {
      this.plan = plan;
      this.write = write;
      this.future = future;
    }
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
        events.created(key, leftValue(entry));
        break;
      case UPDATE:
        statistics.recordPuts(1);
        statistics.recordPutTime(start);
        events.updated(key, leftValue(entry),
            Objects.requireNonNull(entry.original(), "an update is of an entry that was read"));
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
