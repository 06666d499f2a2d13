package io.github.jcacheredis.internal.cache;

import java.util.Objects;
import javax.cache.Cache;

/**
 * An entry as the iterator and cache writers see it: a key and a copy of its value.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class RedisCacheEntry<K, V> implements Cache.Entry<K, V> {

  private final K key;
  private final V value;

  /**
   * @param key   the key
   * @param value the value
   */
  public RedisCacheEntry(K key, V value) {
    this.key = Objects.requireNonNull(key, "key");
    this.value = value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    return value;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("Cannot unwrap a cache entry to " + clazz.getName());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Cache.Entry)) {
      return false;
    }
    Cache.Entry<?, ?> other = (Cache.Entry<?, ?>) o;
    return key.equals(other.getKey()) && Objects.equals(value, other.getValue());
  }

  @Override
  public int hashCode() {
    return key.hashCode() ^ Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return "Entry[" + key + "]";
  }
}
