package io.github.jcacheredis.event;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a cache's events to its registered listeners: synchronous listeners on the caller's thread before
 * the operation returns (JSR-107 §8.2), asynchronous ones on their own thread in per-listener order.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class EventDispatcher<K, V> implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

  private final Cache<K, V> cache;
  private final List<ListenerRegistration<K, V>> registrations = new CopyOnWriteArrayList<>();

  /**
   * @param cache the cache events are reported from
   */
  public EventDispatcher(Cache<K, V> cache) {
    this.cache = cache;
  }

  /**
   * Registers a listener.
   *
   * @param configuration its configuration
   * @throws IllegalArgumentException if the same configuration is already registered
   */
  public void register(CacheEntryListenerConfiguration<K, V> configuration) {
    for (ListenerRegistration<K, V> registration : registrations) {
      if (registration.configuration().equals(configuration)) {
        throw new IllegalArgumentException("Listener configuration already registered on cache '"
            + cache.getName() + "'");
      }
    }
    registrations.add(new ListenerRegistration<>(configuration, cache.getName()));
  }

  /**
   * Removes a listener, closing it if it is Closeable.
   *
   * @param configuration the configuration it was registered with
   * @return whether one was registered
   */
  public boolean deregister(CacheEntryListenerConfiguration<K, V> configuration) {
    for (ListenerRegistration<K, V> registration : registrations) {
      if (registration.configuration().equals(configuration)) {
        registrations.remove(registration);
        closeQuietly(registration);
        return true;
      }
    }
    return false;
  }

  /** @return whether any listener is registered, so operations know whether to fetch previous values */
  public boolean hasListeners() {
    return !registrations.isEmpty();
  }

  /** Reports a new entry. */
  public void created(K key, V value) {
    publish(EventType.CREATED, key, value, null, false);
  }

  /** Reports a changed entry. */
  public void updated(K key, V value, V oldValue) {
    publish(EventType.UPDATED, key, value, oldValue, true);
  }

  /** Reports a removed entry. */
  public void removed(K key, V oldValue) {
    publish(EventType.REMOVED, key, oldValue, oldValue, true);
  }

  /** Reports an entry this JVM saw expire. */
  public void expired(K key, V oldValue) {
    publish(EventType.EXPIRED, key, oldValue, oldValue, true);
  }

  private void publish(EventType type, K key, V value, V oldValue, boolean oldValueAvailable) {
    if (registrations.isEmpty()) {
      return;
    }
    RedisCacheEntryEvent<K, V> event = new RedisCacheEntryEvent<>(cache, type, key, value, oldValue,
        oldValueAvailable);
    CacheEntryListenerException failure = null;
    for (ListenerRegistration<K, V> registration : registrations) {
      if (!registration.listensTo(type)) {
        continue;
      }
      if (!registration.isSynchronous()) {
        registration.deliverAsync(event);
        continue;
      }
      try {
        registration.deliver(event);
      } catch (CacheEntryListenerException e) {
        failure = failure == null ? e : failure;
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = new CacheEntryListenerException("Listener failed on " + event + " in cache '"
              + cache.getName() + "'", e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Closes every listener (waiting for queued asynchronous events first). */
  @Override
  public void close() {
    for (ListenerRegistration<K, V> registration : registrations) {
      closeQuietly(registration);
    }
    registrations.clear();
  }

  private void closeQuietly(ListenerRegistration<K, V> registration) {
    try {
      registration.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Closing a listener of cache '{}' failed", cache.getName(), e);
    }
  }
}
