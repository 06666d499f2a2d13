package io.github.jcacheredis;

import io.github.jcacheredis.RedisCache.Prepared;
import io.github.jcacheredis.internal.cache.EntryCodec;
import io.github.jcacheredis.internal.cache.EntryWrites;
import io.github.jcacheredis.internal.cache.RedisCacheEntry;
import io.github.jcacheredis.internal.cache.EntryCodec.Timed;
import io.github.jcacheredis.internal.expiry.ExpiryCalculator;
import io.github.jcacheredis.internal.expiry.Ttl;
import io.github.jcacheredis.internal.integration.WriteThrough;
import io.github.jcacheredis.internal.management.CacheStatistics;
import io.github.jcacheredis.internal.near.NearCache;
import io.github.jcacheredis.internal.storage.RemainingTtl;
import io.github.jcacheredis.internal.storage.CasAction;
import io.github.jcacheredis.internal.storage.WriteCondition;
import io.github.jcacheredis.internal.storage.EntryStore;
import io.github.jcacheredis.internal.storage.EntryStore.PutOutcome;
import io.github.jcacheredis.internal.storage.KeyCodec.EncodedKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import javax.cache.integration.CacheWriterException;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;
import org.jspecify.annotations.Nullable;

/**
 * The {@link AsyncCache} of one {@link RedisCache}. The single-entry operations send the same Redis commands as
 * the blocking ones through {@link EntryStore}'s and {@link EntryWrites}' {@code *Async} forms, which answer on
 * the executor, and then run the very step the blocking method runs after Redis has answered (RedisCache's
 * {@code counted}, {@code stored}, {@code removed}, {@code storedIfAbsent}... : statistics, events, near cache), so
 * each operation's semantics are written once. User code between round trips (a writer, a dynamic expiry policy)
 * runs in a stage on the executor ({@code thenComposeAsync}); a read-through miss calls the blocking get's load
 * there. The bulk operations getAll, putAll and removeAll(keys) do the same with RedisCache's bulk steps
 * ({@code readAllAsync}, {@code storePreparedAsync}, {@code deleteAllAsync}: one MGET per slot or one pipeline,
 * sent through {@link EntryStore.Pipeline#executeAsync}), the writer's {@code writeAll}/{@code deleteAll} and a
 * read-through getAll's load (getAll's own, single flight included) on the executor. removeAll() (a SCAN, page
 * after page) and the entry processors (user code between a read and a compare-and-set) still run the blocking
 * method on the executor.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class RedisAsyncCache<K, V> implements AsyncCache<K, V> {

  private final RedisCache<K, V> cache;
  private final EntryCodec<K, V> codec;
  private final EntryStore store;
  private final EntryWrites writes;
  private final ExpiryCalculator expiry;
  private final CacheStatistics statistics;
  private final WriteThrough<K, V> writeThrough;
  private final @Nullable NearCache near;
  private final Executor executor;

  /**
   * @param writeThrough the cache's writer (possibly disabled)
   * @param near         the cache's near cache, or {@code null}
   * @param executor     where user code runs and stages complete
   */
  RedisAsyncCache(RedisCache<K, V> cache, EntryCodec<K, V> codec, EntryStore store, EntryWrites writes,
      ExpiryCalculator expiry, CacheStatistics statistics, WriteThrough<K, V> writeThrough, @Nullable NearCache near,
      Executor executor) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.store = Objects.requireNonNull(store, "store");
    this.writes = Objects.requireNonNull(writes, "writes");
    this.expiry = Objects.requireNonNull(expiry, "expiry");
    this.statistics = Objects.requireNonNull(statistics, "statistics");
    this.writeThrough = Objects.requireNonNull(writeThrough, "writeThrough");
    this.near = near;
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public CompletionStage<@Nullable V> getAsync(K key) {
    cache.checkKey(key);
    try {
      cache.checkOpen();
      long start = statistics.start();
      EncodedKey encoded = codec.key(key);
      CompletableFuture<V> value = readAsync(key, encoded).thenApply(found -> cache.counted(key, encoded, found));
      if (cache.isReadThrough()) {
        // A miss goes to the loader on the executor, through the blocking get's own load (and its single flight).
        value = value.thenCompose(found -> found != null ? CompletableFuture.completedFuture(found)
            : onExecutor(() -> cache.loadMissing(key, encoded)));
      }
      return value.thenApply(found -> {
        statistics.recordGetTime(start);
        return found;
      });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * RedisCache.read without waiting: a near copy at once, else one command (GET, GETEX, or GET and PTTL for a
   * near-cache miss), and under a dynamic policy the access TTL after a hit.
   */
  private CompletableFuture<Timed<V>> readAsync(K key, EncodedKey encoded) {
    byte[] redisKey = encoded.bytes();
    NearCache near = this.near;
    if (near != null) {
      Timed<V> local = cache.nearHit(near, key, encoded);
      if (local != null) {
        return CompletableFuture.completedFuture(local);
      }
      long stamp = near.stamp(redisKey);
      if (cache.nearCopiesMayExpire()) {
        return store.getWithTtlAsync(redisKey, executor)
            .thenApply(answer -> cache.nearMiss(near, key, encoded, answer.value(), answer.ttl(), stamp));
      }
      return store.getAsync(redisKey, executor).thenApply(bytes -> cache.nearMiss(near, key, encoded, bytes,
          RemainingTtl.NONE, stamp));
    }
    if (expiry.isFixed()) {
      return store.getAndExpireAsync(redisKey, expiry.forAccess(), executor)
          .thenApply(bytes -> codec.decodeTimed(key, encoded, bytes));
    }
    return store.getAsync(redisKey, executor).thenCompose(bytes -> {
      Timed<V> found = codec.decodeTimed(key, encoded, bytes);
      return found == null ? CompletableFuture.completedFuture(null)
          : writes.touchAsync(redisKey, executor).thenApply(done -> found);
    });
  }

  @Override
  public CompletionStage<Map<K, V>> getAllAsync(Set<? extends K> keys) {
    cache.checkKeys(keys);
    try {
      cache.checkOpen();
      long start = statistics.start();
      List<K> requested = new ArrayList<>(keys); // the caller may change its set once we have returned
      List<EncodedKey> encoded = codec.keys(requested);
      return cache.readAllAsync(encoded, executor).thenCompose(answers -> {
        // RedisCache.getAll's steps, each round trip sent without waiting.
        Map<K, V> result = new LinkedHashMap<>(requested.size() * 2);
        List<K> missing = new ArrayList<>();
        List<byte[]> missingRedisKeys = new ArrayList<>();
        List<CompletableFuture<Void>> touched = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
          K key = requested.get(i);
          V value = codec.decode(key, encoded.get(i), answers.get(i));
          if (value != null) {
            result.put(key, value);
            if (!expiry.isFixed()) {
              touched.add(writes.touchAsync(encoded.get(i).bytes(), executor));
            }
          } else {
            missing.add(key);
            missingRedisKeys.add(encoded.get(i).bytes());
          }
        }
        statistics.recordHits(result.size());
        statistics.recordMisses(missing.size());
        CompletableFuture<Void> read = CompletableFuture.allOf(touched.toArray(new CompletableFuture<?>[0]));
        if (!missing.isEmpty() && cache.isReadThrough()) {
          // The loader on the executor, through the blocking getAll's own load (and its single flight).
          read = read.thenCompose(done -> onExecutor(() -> {
            cache.loadMissingInto(missing, missingRedisKeys, result);
            return null;
          }));
        }
        return read.thenApply(done -> {
          statistics.recordGetTime(start);
          return result;
        });
      });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Boolean> containsKeyAsync(K key) {
    cache.checkKey(key);
    try {
      cache.checkOpen();
      EncodedKey encoded = codec.key(key);
      if (near != null && near.get(encoded.bytes()) != null) {
        return CompletableFuture.completedFuture(true);
      }
      return store.contentAsync(encoded.bytes(), executor).thenApply(cache::contained);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Void> putAsync(K key, V value) {
    cache.checkKey(key);
    cache.checkValue(value);
    try {
      cache.checkOpen();
      long start = statistics.start();
      EncodedKey encoded = codec.key(key);
      byte[] bytes = codec.value(key, encoded, value);
      // Whether listeners want the previous value is decided after the writer, as the blocking put decides it.
      return writer(() -> writeThrough.write(new RedisCacheEntry<>(key, value)))
          .thenCompose(written -> writes.writeAsync(encoded.bytes(), bytes, WriteCondition.ALWAYS, cache.hasListeners(),
              executor))
          .thenApply(outcome -> {
            cache.stored(key, encoded, value, outcome, start);
            return null;
          });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<@Nullable V> getAndPutAsync(K key, V value) {
    cache.checkKey(key);
    cache.checkValue(value);
    try {
      cache.checkOpen();
      long start = statistics.start();
      EncodedKey encoded = codec.key(key);
      byte[] bytes = codec.value(key, encoded, value);
      return writer(() -> writeThrough.write(new RedisCacheEntry<>(key, value)))
          .thenCompose(written -> writes.writeAsync(encoded.bytes(), bytes, WriteCondition.ALWAYS, true, executor))
          .thenApply(outcome -> cache.putAndGot(key, encoded, value, outcome, start));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Void> putAllAsync(Map<? extends K, ? extends V> map) {
    Objects.requireNonNull(map, "map");
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      cache.checkKey(entry.getKey());
      cache.checkValue(entry.getValue());
    }
    try {
      cache.checkOpen();
      long start = statistics.start();
      Map<K, V> toStore = new LinkedHashMap<>(map); // the caller may change its map once we have returned
      // Every value is encoded here, before the writer or Redis sees any, as putAll does (all or nothing).
      Map<K, Prepared<K, V>> prepared = cache.prepare(toStore);
      CompletableFuture<CacheWriterException> written = writeThrough.isEnabled()
          ? onExecutor(() -> cache.writeAllThrough(toStore, prepared)) : CompletableFuture.completedFuture(null);
      return written.thenCompose(failure -> cache.storePreparedAsync(prepared, WriteCondition.ALWAYS, executor)
          .thenApply(stored -> {
            statistics.recordPuts(stored);
            statistics.recordPutTime(start);
            if (failure != null) {
              throw failure;
            }
            return null;
          }));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Boolean> putIfAbsentAsync(K key, V value) {
    cache.checkKey(key);
    cache.checkValue(value);
    try {
      cache.checkOpen();
      long start = statistics.start();
      EncodedKey encoded = codec.key(key);
      byte[] bytes = codec.value(key, encoded, value);
      if (!writeThrough.isEnabled()) {
        return writes.writeAsync(encoded.bytes(), bytes, WriteCondition.IF_ABSENT, false, executor)
            .thenApply(outcome -> cache.storedIfAbsent(key, value, outcome, start));
      }
      // JSR-107 §9.2: the writer sees only writes that happen, so learn first whether this one will.
      return store.existsAsync(encoded.bytes(), executor).thenComposeAsync(exists -> {
        if (exists) {
          statistics.recordHits(1);
          return CompletableFuture.completedFuture(false);
        }
        writeThrough.write(new RedisCacheEntry<>(key, value));
        return writes.writeAsync(encoded.bytes(), bytes, WriteCondition.IF_ABSENT, false, executor)
            .thenApply(outcome -> cache.storedIfAbsent(key, value, outcome, start));
      }, executor);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Boolean> removeAsync(K key) {
    cache.checkKey(key);
    try {
      cache.checkOpen();
      long start = statistics.start();
      return writer(() -> writeThrough.delete(key)).thenCompose(deleted -> {
        EncodedKey encoded = codec.key(key);
        if (cache.hasListeners()) {
          return store.getAndDeleteAsync(encoded.bytes(), executor)
              .thenApply(previous -> cache.removed(key, encoded, previous != null, previous, start));
        }
        return store.deleteAsync(encoded.bytes(), executor)
            .thenApply(removed -> cache.removed(key, encoded, removed, null, start));
      });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Boolean> removeAsync(K key, V oldValue) {
    cache.checkKey(key);
    cache.checkValue(oldValue);
    try {
      cache.checkOpen();
      long start = statistics.start();
      EncodedKey encoded = codec.key(key);
      return compareAndApplyAsync(key, encoded, oldValue, null, () -> writeThrough.delete(key))
          .thenApply(done -> cache.removedIfEqual(key, oldValue, done, start));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<@Nullable V> getAndRemoveAsync(K key) {
    cache.checkKey(key);
    try {
      cache.checkOpen();
      long start = statistics.start();
      return writer(() -> writeThrough.delete(key)).thenCompose(deleted -> {
        EncodedKey encoded = codec.key(key);
        return store.getAndDeleteAsync(encoded.bytes(), executor)
            .thenApply(previous -> cache.removedAndGot(key, encoded, previous, start));
      });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Boolean> replaceAsync(K key, V oldValue, V newValue) {
    cache.checkKey(key);
    cache.checkValue(oldValue);
    cache.checkValue(newValue);
    try {
      cache.checkOpen();
      long start = statistics.start();
      EncodedKey encoded = codec.key(key);
      byte[] replacement = codec.value(key, encoded, newValue);
      return compareAndApplyAsync(key, encoded, oldValue, replacement,
          () -> writeThrough.write(new RedisCacheEntry<>(key, newValue)))
          .thenApply(done -> cache.replacedIfEqual(key, oldValue, newValue, done, start));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * RedisCache.compareAndApply without waiting, with the same turns: when the writer must see only what will
   * happen, or a dynamic policy may be asked for the update TTL only once the update is certain, each turn reads
   * the entry and compares on the executor (where the writer and the policy run) before its compare-and-set;
   * otherwise the compare-and-set goes first and a mismatch of bytes is settled by {@code equals}.
   *
   * @return {@code null} if there was no entry, else whether the change was applied
   */
  private CompletableFuture<Boolean> compareAndApplyAsync(K key, EncodedKey encoded, V expected,
      byte @Nullable [] replacement, Runnable writerCall) {
    if (writeThrough.isEnabled() || !expiry.isFixed()) {
      return confirmedTurn(key, encoded, expected, replacement, writerCall);
    }
    return optimisticTurn(key, encoded, expected, codec.value(key, encoded, expected), replacement,
        expiry.forAccess());
  }

  private CompletableFuture<Boolean> optimisticTurn(K key, EncodedKey encoded, V expected, byte[] expectedBytes,
      byte @Nullable [] replacement, long accessTtl) {
    long ttl = replacement == null ? Ttl.KEEP : expiry.forUpdate();
    CasAction action = replacement == null || ttl == Ttl.EXPIRE_NOW ? CasAction.DELETE : CasAction.SET;
    return store.compareAndSetAsync(encoded.bytes(), expectedBytes, action, replacement, ttl, accessTtl, executor)
        .thenCompose(outcome -> {
          if (outcome.matched()) {
            return CompletableFuture.completedFuture(true);
          }
          byte[] found = outcome.current();
          V current = codec.decode(key, encoded, found);
          if (found == null || current == null) {
            return CompletableFuture.completedFuture(null);
          }
          if (!current.equals(expected)) {
            return CompletableFuture.completedFuture(false); // the script already applied the access TTL
          }
          return optimisticTurn(key, encoded, expected, found, replacement, accessTtl);
        });
  }

  private CompletableFuture<Boolean> confirmedTurn(K key, EncodedKey encoded, V expected,
      byte @Nullable [] replacement, Runnable writerCall) {
    byte[] redisKey = encoded.bytes();
    return store.getAsync(redisKey, executor).thenComposeAsync(bytes -> {
      V current = codec.decode(key, encoded, bytes);
      if (current == null) {
        return CompletableFuture.completedFuture(null);
      }
      if (!current.equals(expected)) {
        return mismatchAccessAsync(redisKey).thenApply(done -> false);
      }
      writerCall.run();
      long ttl = replacement == null ? Ttl.KEEP : expiry.forUpdate();
      CasAction action = replacement == null || ttl == Ttl.EXPIRE_NOW ? CasAction.DELETE : CasAction.SET;
      return store.compareAndSetAsync(redisKey, bytes, action, replacement, ttl, Ttl.KEEP, executor)
          .thenCompose(outcome -> outcome.matched() ? CompletableFuture.completedFuture(true)
              : confirmedTurn(key, encoded, expected, replacement, writerCall)); // changed meanwhile: again
    }, executor);
  }

  /** RedisCache.mismatchAccess without waiting: the access TTL of an entry read but not changed. */
  private CompletableFuture<Void> mismatchAccessAsync(byte[] redisKey) {
    if (!expiry.isFixed()) {
      return writes.touchAsync(redisKey, executor);
    }
    long accessTtl = expiry.forAccess();
    return accessTtl == Ttl.KEEP ? CompletableFuture.completedFuture(null)
        : store.expireAsync(redisKey, accessTtl, executor);
  }

  @Override
  public CompletionStage<Boolean> replaceAsync(K key, V value) {
    cache.checkKey(key);
    cache.checkValue(value);
    try {
      return replaceExistingAsync(key, value, cache.hasListeners(), statistics.start())
          .thenApply(PutOutcome::written);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<@Nullable V> getAndReplaceAsync(K key, V value) {
    cache.checkKey(key);
    cache.checkValue(value);
    try {
      long start = statistics.start();
      return replaceExistingAsync(key, value, true, start)
          .thenApply(outcome -> cache.replacedAndGot(key, outcome, start));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** RedisCache.replaceExisting without waiting: a write only over an existing entry. */
  private CompletableFuture<PutOutcome> replaceExistingAsync(K key, V value, boolean wantPrevious, long start) {
    cache.checkOpen();
    EncodedKey encoded = codec.key(key);
    byte[] bytes = codec.value(key, encoded, value);
    CompletableFuture<PutOutcome> outcome;
    if (writeThrough.isEnabled()) {
      // JSR-107 §9.2: the writer sees only writes that happen, so learn first whether this one will.
      outcome = store.existsAsync(encoded.bytes(), executor).thenComposeAsync(exists -> {
        if (!exists) {
          return CompletableFuture.completedFuture(new PutOutcome(false, false, null));
        }
        writeThrough.write(new RedisCacheEntry<>(key, value));
        return writes.writeAsync(encoded.bytes(), bytes, WriteCondition.IF_PRESENT, wantPrevious, executor);
      }, executor);
    } else {
      outcome = writes.writeAsync(encoded.bytes(), bytes, WriteCondition.IF_PRESENT, wantPrevious, executor);
    }
    return outcome.thenApply(written -> cache.replacedExisting(key, encoded, value, written, start));
  }

  @Override
  public CompletionStage<Void> removeAllAsync(Set<? extends K> keys) {
    cache.checkKeys(keys);
    try {
      cache.checkOpen();
      long start = statistics.start();
      List<K> toRemove = new ArrayList<>(keys); // the caller may change its set once we have returned
      CompletableFuture<CacheWriterException> deleted = writeThrough.isEnabled()
          ? onExecutor(() -> cache.deleteAllThrough(toRemove)) : CompletableFuture.completedFuture(null);
      return deleted.thenCompose(failure -> cache.deleteAllAsync(toRemove, executor).thenApply(removed -> {
        statistics.recordRemovals(removed);
        statistics.recordRemoveTime(start);
        if (failure != null) {
          throw failure;
        }
        return null;
      }));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Void> removeAllAsync() {
    return onExecutor(() -> {
      cache.removeAll();
      return null;
    });
  }

  @Override
  public <T> CompletionStage<@Nullable T> invokeAsync(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    cache.checkKey(key);
    Objects.requireNonNull(processor, "entry processor");
    return onExecutor(() -> cache.invoke(key, processor, arguments));
  }

  @Override
  public <T> CompletionStage<Map<K, EntryProcessorResult<T>>> invokeAllAsync(Set<? extends K> keys,
      EntryProcessor<K, V, T> processor, Object... arguments) {
    cache.checkKeys(keys);
    Objects.requireNonNull(processor, "entry processor");
    Set<K> copy = new LinkedHashSet<>(keys);
    return onExecutor(() -> cache.invokeAll(copy, processor, arguments));
  }

  /**
   * Calls the writer (user code JSR-107 lets block) on the executor; no writer, no hop.
   */
  private CompletableFuture<Void> writer(Runnable call) {
    if (!writeThrough.isEnabled()) {
      return CompletableFuture.completedFuture(null);
    }
    return onExecutor(() -> {
      call.run();
      return null;
    });
  }

  /** Runs the blocking operation on the executor; a refusal (a shut-down pool) fails the stage. */
  private <T> CompletableFuture<T> onExecutor(Supplier<T> operation) {
    try {
      return CompletableFuture.supplyAsync(operation, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new IllegalStateException("Cache '" + cache.getName()
          + "': the asynchronous executor refused the operation (is the CacheManager closed?)", e));
    }
  }

  @Override
  public String toString() {
    return "AsyncCache[" + cache.getName() + "]";
  }
}
