package io.github.jcacheredis;

import io.github.jcacheredis.internal.cache.EntryCodec;
import io.github.jcacheredis.internal.cache.EntryWrites;
import io.github.jcacheredis.internal.expiry.ExpiryCalculator;
import io.github.jcacheredis.internal.management.CacheStatistics;
import io.github.jcacheredis.internal.storage.EntryStore;
import io.github.jcacheredis.internal.storage.KeyCodec.EncodedKey;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;

/**
 * The {@link AsyncCache} of one {@link RedisCache}. Two operations have a path that parks no thread while Redis
 * answers, taken when the cache's configuration allows: {@code getAsync} (no near cache, no read-through, a fixed
 * expiry policy: one GET or GETEX) and {@code putAsync} (no writer, a fixed expiry policy: the one command the
 * blocking put sends). Their Redis answers are interpreted on the executor with the same steps as the blocking
 * method (decode, statistics, events). Every other operation, and those two otherwise, runs the blocking method on
 * the executor: JSR-107 lets loaders, writers and entry processors block, so they need a thread anyway, and running
 * the very blocking method keeps one implementation of each operation's semantics (including any cluster-wide
 * single-flight loading it does).
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
  private final Executor executor;
  private final boolean directGet;
  private final boolean directPut;

  /**
   * @param directGet whether getAsync may send its GET without the blocking method (see the class comment)
   * @param directPut whether putAsync may
   */
  public RedisAsyncCache(RedisCache<K, V> cache, EntryCodec<K, V> codec, EntryStore store, EntryWrites writes,
      ExpiryCalculator expiry, CacheStatistics statistics, Executor executor, boolean directGet, boolean directPut) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.store = Objects.requireNonNull(store, "store");
    this.writes = Objects.requireNonNull(writes, "writes");
    this.expiry = Objects.requireNonNull(expiry, "expiry");
    this.statistics = Objects.requireNonNull(statistics, "statistics");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.directGet = directGet && expiry.isFixed();
    this.directPut = directPut && expiry.isFixed();
  }

  @Override
  public CompletionStage<V> getAsync(K key) {
    cache.checkKey(key);
    if (!directGet) {
      return onExecutor(() -> cache.get(key));
    }
    try {
      cache.checkOpen();
      long start = statistics.start();
      EncodedKey encoded = codec.key(key);
      // As RedisCache.get under a fixed policy: GET, or GETEX when the policy renews on access.
      return store.getAndExpireAsync(encoded.bytes(), expiry.forAccess(), executor).thenApply(bytes -> {
        V value = codec.decode(key, encoded, bytes);
        if (value != null) {
          statistics.recordHits(1);
        } else {
          statistics.recordMisses(1);
        }
        statistics.recordGetTime(start);
        return value;
      });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<Map<K, V>> getAllAsync(Set<? extends K> keys) {
    cache.checkKeys(keys);
    Set<K> copy = new LinkedHashSet<>(keys); // the caller may change its set once we have returned
    return onExecutor(() -> cache.getAll(copy));
  }

  @Override
  public CompletionStage<Boolean> containsKeyAsync(K key) {
    cache.checkKey(key);
    return onExecutor(() -> cache.containsKey(key));
  }

  @Override
  public CompletionStage<Void> putAsync(K key, V value) {
    cache.checkKey(key);
    cache.checkValue(value);
    if (!directPut) {
      return onExecutor(() -> {
        cache.put(key, value);
        return null;
      });
    }
    try {
      cache.checkOpen();
      long start = statistics.start();
      EncodedKey encoded = codec.key(key);
      byte[] bytes = codec.value(key, encoded, value);
      // Whether listeners want the previous value is decided now, as the blocking put decides it before writing.
      return writes.writeAsync(encoded.bytes(), bytes, EntryWrites.ALWAYS, cache.hasListeners(), executor)
          .thenApply(outcome -> {
            if (outcome.written()) {
              statistics.recordPuts(1);
              statistics.recordPutTime(start);
              cache.publishPut(key, encoded, value, outcome);
            }
            return null;
          });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletionStage<V> getAndPutAsync(K key, V value) {
    cache.checkKey(key);
    cache.checkValue(value);
    return onExecutor(() -> cache.getAndPut(key, value));
  }

  @Override
  public CompletionStage<Void> putAllAsync(Map<? extends K, ? extends V> map) {
    Objects.requireNonNull(map, "map");
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      cache.checkKey(entry.getKey());
      cache.checkValue(entry.getValue());
    }
    Map<K, V> copy = new java.util.LinkedHashMap<>(map);
    return onExecutor(() -> {
      cache.putAll(copy);
      return null;
    });
  }

  @Override
  public CompletionStage<Boolean> putIfAbsentAsync(K key, V value) {
    cache.checkKey(key);
    cache.checkValue(value);
    return onExecutor(() -> cache.putIfAbsent(key, value));
  }

  @Override
  public CompletionStage<Boolean> removeAsync(K key) {
    cache.checkKey(key);
    return onExecutor(() -> cache.remove(key));
  }

  @Override
  public CompletionStage<Boolean> removeAsync(K key, V oldValue) {
    cache.checkKey(key);
    cache.checkValue(oldValue);
    return onExecutor(() -> cache.remove(key, oldValue));
  }

  @Override
  public CompletionStage<V> getAndRemoveAsync(K key) {
    cache.checkKey(key);
    return onExecutor(() -> cache.getAndRemove(key));
  }

  @Override
  public CompletionStage<Boolean> replaceAsync(K key, V oldValue, V newValue) {
    cache.checkKey(key);
    cache.checkValue(oldValue);
    cache.checkValue(newValue);
    return onExecutor(() -> cache.replace(key, oldValue, newValue));
  }

  @Override
  public CompletionStage<Boolean> replaceAsync(K key, V value) {
    cache.checkKey(key);
    cache.checkValue(value);
    return onExecutor(() -> cache.replace(key, value));
  }

  @Override
  public CompletionStage<V> getAndReplaceAsync(K key, V value) {
    cache.checkKey(key);
    cache.checkValue(value);
    return onExecutor(() -> cache.getAndReplace(key, value));
  }

  @Override
  public CompletionStage<Void> removeAllAsync(Set<? extends K> keys) {
    cache.checkKeys(keys);
    Set<K> copy = new LinkedHashSet<>(keys);
    return onExecutor(() -> {
      cache.removeAll(copy);
      return null;
    });
  }

  @Override
  public CompletionStage<Void> removeAllAsync() {
    return onExecutor(() -> {
      cache.removeAll();
      return null;
    });
  }

  @Override
  public <T> CompletionStage<T> invokeAsync(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
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
