package io.github.jcacheredis.benchmarks;

import java.util.Map;

/**
 * One cache under test, whatever is behind it: a JSR-107 cache of some provider, or raw Redisson as the floor.
 * The benchmark methods call only this, so every provider runs the identical workload; the indirection costs a
 * few nanoseconds against a Redis round trip of tens of microseconds.
 *
 * @param <V> value type
 */
interface Target<V> extends AutoCloseable {

  /**
   * @return the prefix this target's keys need, so that a raw Redisson key space never collides with a cache's
   */
  String keyPrefix();

  /** @return the value, or {@code null} */
  V get(String key);

  /** Writes unconditionally. */
  void put(String key, V value);

  /** @return whether the value was written because the key was absent */
  boolean putIfAbsent(String key, V value);

  /** @return whether the key was present */
  boolean remove(String key);

  /** @return the values found, by key */
  Map<String, V> getAll(KeyBatch<V> batch);

  /** Writes every entry of the batch. */
  void putAll(KeyBatch<V> batch);

  /**
   * Adds one to a {@code Long} value atomically (an entry processor for a JSR-107 cache).
   *
   * @return the new value
   */
  long increment(String key);

  /** Deletes every entry. */
  void clear();

  /** Deletes every entry and releases the cache; the client is released by {@link Providers#close()}. */
  @Override
  void close();
}
