package io.github.jcacheredis.internal.event;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;
import io.github.jcacheredis.internal.threads.SerialExecutor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registered listener: the listener and filter its configuration's factories created, and, for an
 * asynchronous listener, the queue that delivers its events in the order they happened, on the CacheManager's
 * delivery pool.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class ListenerRegistration<K, V> implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(ListenerRegistration.class);

  private final CacheEntryListenerConfiguration<K, V> configuration;
  private final CacheEntryListener<? super K, ? super V> listener;
  private final @Nullable CacheEntryEventFilter<? super K, ? super V> filter; // null: every event passes
  private final @Nullable SerialExecutor asyncExecutor; // null for a synchronous listener

  ListenerRegistration(CacheEntryListenerConfiguration<K, V> configuration, String cacheName, Executor delivery) {
    this.configuration = configuration;
    this.listener = configuration.getCacheEntryListenerFactory().create();
    Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
        configuration.getCacheEntryEventFilterFactory();
    this.filter = filterFactory == null ? null : filterFactory.create();
    this.asyncExecutor = configuration.isSynchronous() ? null
        : new SerialExecutor(delivery, "Cache '" + cacheName + "': asynchronous listener " + listener);
  }

  CacheEntryListenerConfiguration<K, V> configuration() {
    return configuration;
  }

  boolean isSynchronous() {
    return asyncExecutor == null;
  }

  boolean listensTo(EventType type) {
    switch (type) {
      case CREATED:
        return listener instanceof CacheEntryCreatedListener;
      case UPDATED:
        return listener instanceof CacheEntryUpdatedListener;
      case REMOVED:
        return listener instanceof CacheEntryRemovedListener;
      case EXPIRED:
        return listener instanceof CacheEntryExpiredListener;
      default:
        return false;
    }
  }

  /** Delivers now, on the caller's thread; listener and filter exceptions propagate. */
  void deliver(RedisCacheEntryEvent<K, V> event) {
    RedisCacheEntryEvent<K, V> seen = configuration.isOldValueRequired() ? event : event.withoutOldValue();
    if (filter != null && !filter.evaluate(seen)) {
      return;
    }
    List<RedisCacheEntryEvent<K, V>> events = List.of(seen);
    invoke(event.getEventType(), events);
  }

  /**
   * Queues delivery for this listener, preserving order; failures, {@code Error}s included, are logged.
   */
  void deliverAsync(RedisCacheEntryEvent<K, V> event) {
    SerialExecutor executor = asyncExecutor;
    if (executor == null) {
      throw new IllegalStateException("listener " + listener + " is synchronous: deliver it the event instead");
    }
    executor.execute(() -> {
      try {
        deliver(event);
      } catch (Throwable e) {
        LOG.warn("Asynchronous cache entry listener {} failed on {}", listener, event, e);
      }
    });
  }

  @SuppressWarnings("unchecked")
  private void invoke(EventType type, List<RedisCacheEntryEvent<K, V>> events) {
    Iterable<javax.cache.event.CacheEntryEvent<? extends K, ? extends V>> iterable =
        (Iterable<javax.cache.event.CacheEntryEvent<? extends K, ? extends V>>) (Iterable<?>) events;
    switch (type) {
      case CREATED:
        ((CacheEntryCreatedListener<K, V>) listener).onCreated(iterable);
        break;
      case UPDATED:
        ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(iterable);
        break;
      case REMOVED:
        ((CacheEntryRemovedListener<K, V>) listener).onRemoved(iterable);
        break;
      case EXPIRED:
        ((CacheEntryExpiredListener<K, V>) listener).onExpired(iterable);
        break;
      default:
        break;
    }
  }

  /** Waits for queued asynchronous events, then closes listener and filter if they are Closeable. */
  @Override
  public void close() throws IOException {
    if (asyncExecutor != null) {
      try {
        asyncExecutor.awaitIdle(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      asyncExecutor.stop();
    }
    if (listener instanceof Closeable) {
      ((Closeable) listener).close();
    }
    if (filter instanceof Closeable) {
      ((Closeable) filter).close();
    }
  }
}
