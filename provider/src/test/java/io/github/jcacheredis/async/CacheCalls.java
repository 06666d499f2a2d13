package io.github.jcacheredis.async;

import io.github.jcacheredis.AsyncCache;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import javax.cache.Cache;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;

/**
 * The cache operations a scenario calls, made either through the blocking {@link Cache} or through its
 * {@link AsyncCache} (joined, a failure rethrown as its cause): one scenario, one set of expectations, both APIs.
 */
interface CacheCalls {

  String get(String key);

  Map<String, String> getAll(Set<String> keys);

  boolean containsKey(String key);

  void put(String key, String value);

  String getAndPut(String key, String value);

  void putAll(Map<String, String> map);

  boolean putIfAbsent(String key, String value);

  boolean remove(String key);

  boolean remove(String key, String oldValue);

  String getAndRemove(String key);

  boolean replace(String key, String oldValue, String newValue);

  boolean replace(String key, String value);

  String getAndReplace(String key, String value);

  void removeAll(Set<String> keys);

  void removeAll();

  <T> T invoke(String key, EntryProcessor<String, String, T> processor, Object... arguments);

  <T> Map<String, EntryProcessorResult<T>> invokeAll(Set<String> keys, EntryProcessor<String, String, T> processor,
      Object... arguments);

  /** The two ways in. */
  enum Api {
    BLOCKING, ASYNC;

    CacheCalls on(Cache<String, String> cache) {
      return this == BLOCKING ? blocking(cache) : async(cache.unwrap(AsyncCache.class));
    }
  }

  static CacheCalls blocking(Cache<String, String> cache) {
    return new CacheCalls() {
      public String get(String key) {
        return cache.get(key);
      }

      public Map<String, String> getAll(Set<String> keys) {
        return cache.getAll(keys);
      }

      public boolean containsKey(String key) {
        return cache.containsKey(key);
      }

      public void put(String key, String value) {
        cache.put(key, value);
      }

      public String getAndPut(String key, String value) {
        return cache.getAndPut(key, value);
      }

      public void putAll(Map<String, String> map) {
        cache.putAll(map);
      }

      public boolean putIfAbsent(String key, String value) {
        return cache.putIfAbsent(key, value);
      }

      public boolean remove(String key) {
        return cache.remove(key);
      }

      public boolean remove(String key, String oldValue) {
        return cache.remove(key, oldValue);
      }

      public String getAndRemove(String key) {
        return cache.getAndRemove(key);
      }

      public boolean replace(String key, String oldValue, String newValue) {
        return cache.replace(key, oldValue, newValue);
      }

      public boolean replace(String key, String value) {
        return cache.replace(key, value);
      }

      public String getAndReplace(String key, String value) {
        return cache.getAndReplace(key, value);
      }

      public void removeAll(Set<String> keys) {
        cache.removeAll(keys);
      }

      public void removeAll() {
        cache.removeAll();
      }

      public <T> T invoke(String key, EntryProcessor<String, String, T> processor, Object... arguments) {
        return cache.invoke(key, processor, arguments);
      }

      public <T> Map<String, EntryProcessorResult<T>> invokeAll(Set<String> keys,
          EntryProcessor<String, String, T> processor, Object... arguments) {
        return cache.invokeAll(keys, processor, arguments);
      }
    };
  }

  @SuppressWarnings("unchecked")
  static CacheCalls async(AsyncCache<String, String> cache) {
    return new CacheCalls() {
      public String get(String key) {
        return join(cache.getAsync(key));
      }

      public Map<String, String> getAll(Set<String> keys) {
        return join(cache.getAllAsync(keys));
      }

      public boolean containsKey(String key) {
        return join(cache.containsKeyAsync(key));
      }

      public void put(String key, String value) {
        join(cache.putAsync(key, value));
      }

      public String getAndPut(String key, String value) {
        return join(cache.getAndPutAsync(key, value));
      }

      public void putAll(Map<String, String> map) {
        join(cache.putAllAsync(map));
      }

      public boolean putIfAbsent(String key, String value) {
        return join(cache.putIfAbsentAsync(key, value));
      }

      public boolean remove(String key) {
        return join(cache.removeAsync(key));
      }

      public boolean remove(String key, String oldValue) {
        return join(cache.removeAsync(key, oldValue));
      }

      public String getAndRemove(String key) {
        return join(cache.getAndRemoveAsync(key));
      }

      public boolean replace(String key, String oldValue, String newValue) {
        return join(cache.replaceAsync(key, oldValue, newValue));
      }

      public boolean replace(String key, String value) {
        return join(cache.replaceAsync(key, value));
      }

      public String getAndReplace(String key, String value) {
        return join(cache.getAndReplaceAsync(key, value));
      }

      public void removeAll(Set<String> keys) {
        join(cache.removeAllAsync(keys));
      }

      public void removeAll() {
        join(cache.removeAllAsync());
      }

      public <T> T invoke(String key, EntryProcessor<String, String, T> processor, Object... arguments) {
        return join(cache.invokeAsync(key, processor, arguments));
      }

      public <T> Map<String, EntryProcessorResult<T>> invokeAll(Set<String> keys,
          EntryProcessor<String, String, T> processor, Object... arguments) {
        return join(cache.invokeAllAsync(keys, processor, arguments));
      }
    };
  }

  /** Waits for a stage, throwing what failed it as the blocking call would have thrown it. */
  static <T> T join(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }
}
