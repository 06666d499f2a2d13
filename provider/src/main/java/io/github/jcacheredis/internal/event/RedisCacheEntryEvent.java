package io.github.jcacheredis.internal.event;

import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.jspecify.annotations.Nullable;

/**
 * One created, updated, removed or expired event. For removed and expired events the value is the value the
 * entry held, reported both as value and as old value, as the reference implementation and Caffeine do.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class RedisCacheEntryEvent<K, V> extends CacheEntryEvent<K, V> {

  private static final long serialVersionUID = 1L;

  private final K key;
  private final transient @Nullable V value;
  private final transient @Nullable V oldValue;
  private final boolean oldValueAvailable;

  RedisCacheEntryEvent(Cache<K, V> source, EventType type, K key, @Nullable V value, @Nullable V oldValue,
      boolean oldValueAvailable) {
    super(source, type);
    this.key = key;
    this.value = value;
    this.oldValue = oldValue;
    this.oldValueAvailable = oldValueAvailable;
  }

  /** @return this event as a listener that did not ask for old values sees it */
  RedisCacheEntryEvent<K, V> withoutOldValue() {
    if (!oldValueAvailable) {
      return this;
    }
    @SuppressWarnings("unchecked")
    Cache<K, V> cache = (Cache<K, V>) getSource();
    // For removed and expired events the value is the old value, so it is withheld too (TCK 1.1).
    boolean valueIsOld = getEventType() == EventType.REMOVED || getEventType() == EventType.EXPIRED;
    return new RedisCacheEntryEvent<>(cache, getEventType(), key, valueIsOld ? null : value, null, false);
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public @Nullable V getValue() {
    return value;
  }

  @Override
  public @Nullable V getOldValue() {
    return oldValue;
  }

  @Override
  public boolean isOldValueAvailable() {
    return oldValueAvailable;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("Cannot unwrap " + getClass().getName() + " to " + clazz.getName());
  }

  @Override
  public String toString() {
    return "CacheEntryEvent[" + getEventType() + " " + key + "]";
  }
}
