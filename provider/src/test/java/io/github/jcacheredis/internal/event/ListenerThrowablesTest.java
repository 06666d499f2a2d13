package io.github.jcacheredis.internal.event;

import static io.github.jcacheredis.internal.event.ExpiredEventsTest.logOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.testing.TestRedis;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever a listener throws, an Error included, goes through the provider's logger (never the thread's default
 * handler on standard error), and the events after it are still delivered.
 */
class ListenerThrowablesTest {

  static final List<String> HEARD = new CopyOnWriteArrayList<>();

  /** A custom Error, so the log can only have it from the listener. */
  static final class ListenerBroke extends Error {
    private static final long serialVersionUID = 1L;

    ListenerBroke(String message) {
      super(message);
    }
  }

  /** Throws an Error on an event whose key starts with "bad-" and its type ("bad-created1"), records the others. */
  public static final class Breaking implements CacheEntryCreatedListener<String, String>,
      CacheEntryExpiredListener<String, String>, Serializable {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      handle(events);
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      handle(events);
    }

    private static void handle(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      for (CacheEntryEvent<? extends String, ? extends String> event : events) {
        if (event.getKey().startsWith("bad-" + event.getEventType().name().toLowerCase())) {
          throw new ListenerBroke(event.getEventType() + " of " + event.getKey());
        }
        HEARD.add(event.getEventType() + " " + event.getKey());
      }
    }
  }

  private CacheManager manager;

  @BeforeEach
  void open() {
    HEARD.clear();
    manager = TestRedis.newManager(TestRedis.uniquePrefix("throwables"));
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private Cache<String, String> cacheWith(boolean synchronous, long expiryMillis) {
    MutableConfiguration<String, String> configuration = new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, expiryMillis)))
        .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(Breaking.class), null, false, synchronous));
    return manager.createCache("c", configuration);
  }

  @Test
  void anAsynchronousListenersErrorIsLoggedByTheProviderAndTheNextEventStillArrives() throws Exception {
    Cache<String, String> cache = cacheWith(false, 60_000);
    String log = logOf(() -> {
      cache.put("bad-created1", "v");
      cache.put("good", "v");
      await("the event after the Error never arrived").pollInSameThread().atMost(30, TimeUnit.SECONDS)
          .until(() -> HEARD.contains("CREATED good"));
    });
    assertTrue(log.contains("WARN io.github.jcacheredis.internal.event.ListenerRegistration"), log);
    assertTrue(log.contains(ListenerBroke.class.getName() + ": CREATED of bad-created1"), log);
    assertFalse(log.contains("Exception in thread"), "nothing reached the thread's default handler: " + log);
  }

  @Test
  void aSynchronousListenersErrorReachesTheCallerAndTheLog() {
    Cache<String, String> cache = cacheWith(true, 60_000);
    String log = logOf(() -> {
      CacheEntryListenerException thrown = assertThrows(CacheEntryListenerException.class,
          () -> cache.put("bad-created1", "v"));
      assertTrue(thrown.getCause() instanceof ListenerBroke, String.valueOf(thrown.getCause()));
      cache.put("good", "v");
    });
    assertEquals(List.of("CREATED good"), HEARD);
    assertTrue(log.contains("WARN io.github.jcacheredis.internal.event.EventDispatcher"), log);
    assertTrue(log.contains(ListenerBroke.class.getName() + ": CREATED of bad-created1"), log);
  }

  @Test
  void aSynchronousExpiredListenersErrorIsLoggedAndTheNextExpiryStillArrives() throws Exception {
    Cache<String, String> cache = cacheWith(true, 50);
    String log = logOf(() -> {
      cache.put("bad-expired1", "v");
      // (the entry is gone from Redis once containsKey says so; its expiry event was published then)
      await("bad-expired1 never expired").pollInSameThread().atMost(30, TimeUnit.SECONDS)
          .until(() -> !cache.containsKey("bad-expired1"));
      cache.put("good", "v");
      await("the expiry after the Error never arrived").pollInSameThread().atMost(30, TimeUnit.SECONDS)
          .until(() -> HEARD.contains("EXPIRED good"));
    });
    assertTrue(log.contains("WARN io.github.jcacheredis.internal.event.EventDispatcher"), log);
    assertTrue(log.contains(ListenerBroke.class.getName() + ": EXPIRED of bad-expired1"), log);
    assertFalse(log.contains("Exception in thread"), log);
  }
}
