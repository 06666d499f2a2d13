package io.github.jcacheredis.event;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registered listener: the listener and filter its configuration's factories created, and, for an
 * asynchronous listener, the single thread that delivers its events in the order they happened.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class ListenerRegistration<K, V> implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(ListenerRegistration.class);

  private final CacheEntryListenerConfiguration<K, V> configuration;
  private final CacheEntryListener<? super K, ? super V> listener;
  private final CacheEntryEventFilter<? super K, ? super V> filter;
  private final ExecutorService asyncExecutor;

  ListenerRegistration(CacheEntryListenerConfiguration<K, V> configuration, String cacheName) {
    this.configuration = configuration;
    this.listener = configuration.getCacheEntryListenerFactory().create();
    Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
        configuration.getCacheEntryEventFilterFactory();
    this.filter = filterFactory == null ? null : filterFactory.create();
    this.asyncExecutor = configuration.isSynchronous() ? null : Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "jcache-redis-listener-" + cacheName);
      thread.setDaemon(true);
      return thread;
    });
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
   * Queues delivery on this listener's own thread, preserving order; failures, {@code Error}s included, are
   * logged (an escaping Error would cost the executor its thread and print to standard error).
   */
  void deliverAsync(RedisCacheEntryEvent<K, V> event) {
    asyncExecutor.execute(() -> {
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
      asyncExecutor.shutdown();
      try {
        asyncExecutor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (listener instanceof Closeable) {
      ((Closeable) listener).close();
    }
    if (filter instanceof Closeable) {
      ((Closeable) filter).close();
    }
  }
}
