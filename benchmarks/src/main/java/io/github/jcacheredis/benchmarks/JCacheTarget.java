package io.github.jcacheredis.benchmarks;

import java.util.Map;
import java.util.Objects;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * A cache of any JSR-107 provider, used only through the javax.cache API.
 *
 * @param <V> value type
 */
final class JCacheTarget<V> implements Target<V> {

  private final CacheManager manager;
  private final Cache<String, V> cache;

  JCacheTarget(CacheManager manager, Cache<String, V> cache) {
    this.manager = Objects.requireNonNull(manager, "manager");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  @Override
  public String keyPrefix() {
    return "";
  }

  @Override
  public V get(String key) {
    return cache.get(key);
  }

  @Override
  public void put(String key, V value) {
    cache.put(key, value);
  }

  @Override
  public boolean putIfAbsent(String key, V value) {
    return cache.putIfAbsent(key, value);
  }

  @Override
  public boolean remove(String key) {
    return cache.remove(key);
  }

  @Override
  public Map<String, V> getAll(KeyBatch<V> batch) {
    return cache.getAll(batch.keySet());
  }

  @Override
  public void putAll(KeyBatch<V> batch) {
    cache.putAll(batch.entries());
  }

  @Override
  @SuppressWarnings("unchecked")
  public long increment(String key) {
    return ((Cache<String, Long>) cache).invoke(key, IncrementProcessor.INSTANCE);
  }

  /** @return the provider's own cache class, as {@link Cache#unwrap} gives it */
  <T> T unwrap(Class<T> type) {
    return cache.unwrap(type);
  }

  @Override
  public void clear() {
    cache.clear();
  }

  @Override
  public void close() {
    manager.destroyCache(cache.getName());
  }
}
