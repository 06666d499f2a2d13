package io.github.jcacheredis;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import javax.cache.Cache;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;
import org.jspecify.annotations.Nullable;

/**
 * The {@link CompletionStage} form of every {@link Cache} operation, obtained with
 * {@code cache.unwrap(AsyncCache.class)}. Each method has the semantics of the blocking method of the same name
 * (JSR-107 clause cited per method): the same statistics, events, expiry, near cache, loader, writer and
 * degraded-mode behaviour, because it either is the blocking method's Redis steps sent without waiting, or is the
 * blocking method itself, run on the asynchronous executor.
 *
 * <p><b>Threads.</b> Stages complete on the asynchronous executor, never on Redisson's I/O threads, so neither the
 * cache's own continuations (decoding, listeners) nor the caller's dependent stages ever run there. By default the
 * executor is a pool owned by the CacheManager of at most {@code max(4, 2 x available processors)} threads with an
 * unbounded queue, shut down when the manager closes; an application can supply its own {@code Executor} as the
 * CacheManager property {@value #EXECUTOR_PROPERTY} (an object value in the {@code Properties}), which the
 * manager then never shuts down.
 *
 * <p>What never parks a thread: {@code getAsync}, {@code getAllAsync}, {@code containsKeyAsync}, {@code putAsync},
 * {@code getAndPutAsync}, {@code putAllAsync}, {@code putIfAbsentAsync}, both {@code removeAsync},
 * {@code getAndRemoveAsync}, both {@code replaceAsync}, {@code getAndReplaceAsync} and {@code removeAllAsync(keys)},
 * whatever the cache's configuration (near cache, listeners, expiry policy, loader, writer, degraded mode): their
 * Redis commands (for the bulk ones, the blocking call's MGETs or pipeline) are in flight without a thread. Where
 * user code runs between round trips (a writer, including {@code writeAll}/{@code deleteAll}, a custom expiry
 * policy, a read-through miss's loader, synchronous listeners), only that step runs on the executor; a read-through
 * miss of {@code getAsync} or {@code getAllAsync} loads, and stores what it loaded, as the blocking call does
 * (single flight included) on an executor thread. A near-cache hit completes at once. {@code removeAllAsync()}
 * (a SCAN page by page, each page's deletes waited for), {@code invokeAsync} and {@code invokeAllAsync} (entry
 * processors are user code between a read and a compare-and-set, and may block by contract, JSR-107 §11) run the
 * blocking operation on the executor, holding one of its threads for their duration. Synchronous listeners run on the executor in either case
 * (JSR-107 §8.2: before the operation's stage completes); should Redis answer before the call has returned, the
 * step may instead run on the calling thread, never on Redisson's.
 *
 * <p><b>Failures.</b> A null or mistyped argument is thrown at once ({@link NullPointerException},
 * {@link ClassCastException}), as by the blocking method; every other failure (a closed cache:
 * {@link IllegalStateException}; Redis: {@link javax.cache.CacheException}; a loader, writer, listener or
 * processor exception) fails the returned stage with the exception the blocking method would throw (possibly
 * wrapped in a {@link java.util.concurrent.CompletionException}, as {@code CompletableFuture} does).
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface AsyncCache<K, V> {

  /**
   * The CacheManager property holding the {@link java.util.concurrent.Executor} on which asynchronous operations
   * run and complete (optional).
   */
  String EXECUTOR_PROPERTY = "io.github.jcacheredis.asyncExecutor";

  /**
   * {@link Cache#get}: the value, loaded through the loader on a miss of a read-through cache (JSR-107 §10.1),
   * the access expiry applied; completes with {@code null} when absent.
   *
   * @param key the key
   * @return the value or {@code null}
   */
  CompletionStage<@Nullable V> getAsync(K key);

  /**
   * {@link Cache#getAll}: the present values, missing ones loaded for a read-through cache (JSR-107 §10.1).
   *
   * @param keys the keys
   * @return the entries found or loaded
   */
  CompletionStage<Map<K, V>> getAllAsync(Set<? extends K> keys);

  /**
   * {@link Cache#containsKey}: whether an entry exists; no loader, no statistics, no expiry change (JSR-107
   * §4.1).
   *
   * @param key the key
   * @return whether the entry exists
   */
  CompletionStage<Boolean> containsKeyAsync(K key);

  /**
   * {@link Cache#put}: writes through the writer first (JSR-107 §9.2), then stores with the creation or update
   * expiry; created or updated event.
   *
   * @param key   the key
   * @param value the value
   * @return completes once stored
   */
  CompletionStage<Void> putAsync(K key, V value);

  /**
   * {@link Cache#getAndPut}: as {@code put}, completing with the previous value.
   *
   * @param key   the key
   * @param value the value
   * @return the previous value or {@code null}
   */
  CompletionStage<@Nullable V> getAndPutAsync(K key, V value);

  /**
   * {@link Cache#putAll}: as {@code put} for every entry, with the writer's {@code writeAll} (JSR-107 §9.2).
   *
   * @param map the entries
   * @return completes once stored
   */
  CompletionStage<Void> putAllAsync(Map<? extends K, ? extends V> map);

  /**
   * {@link Cache#putIfAbsent}: stores only when absent; the writer is called only when it will be stored.
   *
   * @param key   the key
   * @param value the value
   * @return whether it was stored
   */
  CompletionStage<Boolean> putIfAbsentAsync(K key, V value);

  /**
   * {@link Cache#remove(Object)}: the writer's {@code delete} first, then removal; removed event.
   *
   * @param key the key
   * @return whether an entry was removed
   */
  CompletionStage<Boolean> removeAsync(K key);

  /**
   * {@link Cache#remove(Object, Object)}: removes only while the entry holds a value equal to {@code oldValue},
   * atomically across JVMs.
   *
   * @param key      the key
   * @param oldValue the expected value
   * @return whether it was removed
   */
  CompletionStage<Boolean> removeAsync(K key, V oldValue);

  /**
   * {@link Cache#getAndRemove}: removes, completing with the removed value.
   *
   * @param key the key
   * @return the removed value or {@code null}
   */
  CompletionStage<@Nullable V> getAndRemoveAsync(K key);

  /**
   * {@link Cache#replace(Object, Object, Object)}: replaces only while the entry holds a value equal to
   * {@code oldValue}, atomically across JVMs.
   *
   * @param key      the key
   * @param oldValue the expected value
   * @param newValue the new value
   * @return whether it was replaced
   */
  CompletionStage<Boolean> replaceAsync(K key, V oldValue, V newValue);

  /**
   * {@link Cache#replace(Object, Object)}: stores only when present.
   *
   * @param key   the key
   * @param value the value
   * @return whether it was replaced
   */
  CompletionStage<Boolean> replaceAsync(K key, V value);

  /**
   * {@link Cache#getAndReplace}: stores only when present, completing with the previous value.
   *
   * @param key   the key
   * @param value the value
   * @return the previous value, or {@code null} when nothing was replaced
   */
  CompletionStage<@Nullable V> getAndReplaceAsync(K key, V value);

  /**
   * {@link Cache#removeAll(Set)}: the writer's {@code deleteAll} first (keys it leaves are not removed), then
   * removal; removed events.
   *
   * @param keys the keys
   * @return completes once removed
   */
  CompletionStage<Void> removeAllAsync(Set<? extends K> keys);

  /**
   * {@link Cache#removeAll()}: every entry, with the writer and events.
   *
   * @return completes once removed
   */
  CompletionStage<Void> removeAllAsync();

  /**
   * {@link Cache#invoke}: runs the processor against the entry, atomically across JVMs (JSR-107 §11).
   *
   * @param key       the key
   * @param processor the processor
   * @param arguments its arguments
   * @param <T>       its result type
   * @return the processor's result
   */
  <T> CompletionStage<@Nullable T> invokeAsync(K key, EntryProcessor<K, V, T> processor, Object... arguments);

  /**
   * {@link Cache#invokeAll}: runs the processor against each entry (JSR-107 §11).
   *
   * @param keys      the keys
   * @param processor the processor
   * @param arguments its arguments
   * @param <T>       its result type
   * @return the results by key
   */
  <T> CompletionStage<Map<K, EntryProcessorResult<T>>> invokeAllAsync(Set<? extends K> keys,
      EntryProcessor<K, V, T> processor, Object... arguments);
}
