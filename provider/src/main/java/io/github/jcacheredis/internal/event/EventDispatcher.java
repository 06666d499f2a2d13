package io.github.jcacheredis.internal.event;

import java.io.Closeable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a cache's events to its registered listeners: synchronous listeners on the caller's thread before
 * the operation returns (JSR-107 §8.2), asynchronous ones on the CacheManager's delivery pool in per-listener order.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class EventDispatcher<K, V> implements Closeable {

  /** Where a cache's expired events come from: heard only while the cache has an expired listener here. */
  public interface ExpiredKeys {
    /** Starts hearing the cache's expired keys (the first expired listener was registered). */
    void listen();

    /** Stops hearing them (the last expired listener is gone, or the cache is closing). */
    void stopListening();
  }

  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

  private final Cache<K, V> cache;
  private final Executor delivery;
  private final List<ListenerRegistration<K, V>> registrations = new CopyOnWriteArrayList<>();
  private volatile @Nullable RemoteEvents<K, V> remote; // null until connect(), and for a cache without events
  private @Nullable ExpiredKeys expiredKeys; // null until connectExpired()
  private volatile boolean hearingExpired;

  /**
   * @param cache    the cache events are reported from
   * @param delivery the CacheManager's pool that runs asynchronous listeners
   */
  public EventDispatcher(Cache<K, V> cache, Executor delivery) {
    this.cache = cache;
    this.delivery = delivery;
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
    registrations.add(new ListenerRegistration<>(configuration, cache.getName(), delivery));
    if (remote != null) {
      remote.subscribe();
    }
    hearExpiredWhileListened();
  }

  /**
   * Connects this cache's expired events: while an expired listener is registered here, the keys Redis expires
   * are heard and delivered (see {@link #deliverExpired}).
   *
   * @param source starts and stops hearing them
   */
  public void connectExpired(ExpiredKeys source) {
    synchronized (this) {
      this.expiredKeys = source;
    }
    hearExpiredWhileListened();
  }

  /** @return whether an expired listener is registered here, so expired keys are being heard */
  public boolean hearsExpired() {
    return hearingExpired;
  }

  private synchronized void hearExpiredWhileListened() {
    if (expiredKeys == null) {
      return;
    }
    boolean wanted = false;
    for (ListenerRegistration<K, V> registration : registrations) {
      wanted |= registration.listensTo(EventType.EXPIRED);
    }
    if (wanted && !hearingExpired) {
      expiredKeys.listen();
    } else if (!wanted && hearingExpired) {
      expiredKeys.stopListening();
    }
    hearingExpired = wanted;
  }

  /**
   * Connects this cache's events with the other JVMs': events raised here are published, and while listeners
   * are registered here, events raised elsewhere are delivered to them.
   *
   * @param remoteEvents the cache's pub/sub link
   */
  public void connect(RemoteEvents<K, V> remoteEvents) {
    this.remote = remoteEvents;
    if (!registrations.isEmpty()) {
      remoteEvents.subscribe();
    }
  }

  /**
   * Delivers an event another JVM raised, on the thread that delivers remote events, in the order that JVM raised
   * its events; listener failures, {@code Error}s included, are logged, as there is no caller to report them to,
   * and the other listeners still hear the event.
   */
  public void deliverRemote(EventType type, K key, @Nullable V value, @Nullable V oldValue) {
    boolean withOld = type != EventType.CREATED;
    // A removed event's value is the removed value, as for local events.
    V shown = type == EventType.REMOVED ? oldValue : value;
    deliverUnattended(new RedisCacheEntryEvent<>(cache, type, key, shown, oldValue, withOld && oldValue != null),
        "from another JVM");
  }

  /**
   * Delivers the expiry of an entry, heard from Redis, on the thread that delivers expired events. Redis has
   * deleted the value by the time it says so, so the event carries the key only: no value, no old value
   * ({@code isOldValueAvailable()} is false even for a listener that asked for old values). Failures are logged,
   * as for {@link #deliverRemote}.
   */
  public void deliverExpired(K key) {
    deliverUnattended(new RedisCacheEntryEvent<>(cache, EventType.EXPIRED, key, null, null, false), "from Redis");
  }

  /** Delivers an event no caller waits for: every Throwable a listener throws is logged, and the others hear it. */
  private void deliverUnattended(RedisCacheEntryEvent<K, V> event, String source) {
    for (ListenerRegistration<K, V> registration : registrations) {
      if (!registration.listensTo(event.getEventType())) {
        continue;
      }
      if (registration.isSynchronous()) {
        try {
          registration.deliver(event);
        } catch (Throwable e) {
          LOG.warn("Listener of cache '{}' failed on {} {}", cache.getName(), event, source, e);
        }
      } else {
        registration.deliverAsync(event);
      }
    }
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
        hearExpiredWhileListened();
        closeQuietly(registration);
        if (registrations.isEmpty() && remote != null) {
          remote.unsubscribe();
        }
        return true;
      }
    }
    return false;
  }

  /**
   * @return whether any listener, here or (by pub/sub) in another JVM, hears this cache's events, so operations
   *         know whether to fetch previous values
   */
  public boolean hasListeners() {
    return !registrations.isEmpty() || (remote != null && remote.isPublishing());
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

  private void publish(EventType type, K key, V value, @Nullable V oldValue, boolean oldValueAvailable) {
    if (remote != null) {
      remote.publish(type, key, type == EventType.REMOVED ? null : value, oldValue);
    }
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
      // JSR-107 §8.4: a synchronous listener's failure reaches the caller, as a CacheEntryListenerException; any
      // Throwable (an AssertionError, say) is caught so that the other listeners still hear the event, and logged
      // here too, as every listener failure is, whether or not a caller sees it.
      try {
        registration.deliver(event);
      } catch (CacheEntryListenerException e) {
        LOG.warn("Listener of cache '{}' failed on {}", cache.getName(), event, e);
        failure = failure == null ? e : failure;
      } catch (Throwable e) {
        LOG.warn("Listener of cache '{}' failed on {}", cache.getName(), event, e);
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

  /** Closes every listener (waiting for queued asynchronous events first) and the link to other JVMs. */
  @Override
  public void close() {
    if (remote != null) {
      remote.close();
    }
    synchronized (this) {
      if (hearingExpired && expiredKeys != null) {
        expiredKeys.stopListening();
        hearingExpired = false;
      }
      expiredKeys = null;
    }
    for (ListenerRegistration<K, V> registration : registrations) {
      closeQuietly(registration);
    }
    registrations.clear();
  }

  private void closeQuietly(ListenerRegistration<K, V> registration) {
    try {
      registration.close();
    } catch (Throwable e) {
      // Any Throwable, Errors included, goes to our log rather than escaping into a close or deregistration.
      LOG.warn("Closing a listener of cache '{}' failed", cache.getName(), e);
    }
  }
}
