package io.github.jcacheredis.internal.event;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.RedisCache;
import io.github.jcacheredis.internal.storage.KryoSerializer;
import io.github.jcacheredis.internal.storage.ValueCodec;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages published on a cache's events channel by someone other than the provider reach no listener unless
 * they are events the provider could have sent for that cache; and nothing published, and nothing a listener
 * does, stops this JVM hearing the events that follow.
 */
class ForgedEventsTest {

  private static final int CREATED = 0;
  private static final int UPDATED = 1;
  private static final int REMOVED = 2;
  private static final int EXPIRED = 3;

  static final List<String> HEARD = new CopyOnWriteArrayList<>();
  static volatile CountDownLatch blocked = new CountDownLatch(1);
  static volatile CountDownLatch release = new CountDownLatch(1);

  private final ValueCodec codec = new ValueCodec(new KryoSerializer(getClass().getClassLoader()), Integer.MAX_VALUE);
  private String prefix;
  private CacheManager manager;
  private RespClient redis;

  @BeforeEach
  void open() {
    HEARD.clear();
    blocked = new CountDownLatch(1);
    release = new CountDownLatch(1);
    prefix = TestRedis.uniquePrefix("forged");
    manager = TestRedis.newManager(prefix);
    redis = TestRedis.client();
  }

  @AfterEach
  void close() {
    release.countDown();
    manager.close();
    redis.close();
  }

  /** A cache of String keys and Integer values whose listener (of the given class) is subscribed. */
  private Cache<String, Integer> listenedCache(String name, Class<?> listener, boolean synchronous)
      throws InterruptedException {
    Cache<String, Integer> cache = manager.createCache(name,
        new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
    @SuppressWarnings("unchecked")
    Class<Recorder> type = (Class<Recorder>) listener;
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(type), null, true, synchronous));
    String channel = channel(name);
    await("the listener never subscribed").pollInSameThread().atMost(30, TimeUnit.SECONDS)
        .until(() -> ((Long) ((List<?>) redis.call("PUBSUB", "NUMSUB", channel)).get(1)) >= 1);
    return cache;
  }

  private String channel(String cacheName) {
    return "jcache-redis-events:" + prefix + ":" + cacheName + ":";
  }

  /** A message as another JVM's provider would frame it, with any type code and any payload. */
  private static byte[] message(int type, byte[] payload) {
    return ByteBuffer.allocate(9 + payload.length).putLong(123_456_789L).put((byte) type).put(payload).array();
  }

  private byte[] event(int type, Object key, Object value, Object oldValue) {
    return message(type, codec.encode(key, new Object[] {value, oldValue}));
  }

  private void publish(String cacheName, byte[]... messages) {
    for (byte[] message : messages) {
      redis.call("PUBLISH", channel(cacheName), message);
    }
  }

  private static long decodeErrors(Cache<?, ?> cache) {
    return cache.unwrap(RedisCache.class).statistics().getDecodeErrors();
  }


  /** Events reach the listeners one by one in arrival order: once the last is heard, all before it were handled. */
  private void awaitHeard(String event) throws InterruptedException {
    await("never heard " + event + "; heard " + HEARD).pollInSameThread().atMost(30, TimeUnit.SECONDS)
        .until(() -> HEARD.contains(event));
  }

  @Test
  void eventsWithAKeyOrValueOfTheWrongTypeAreDroppedAndCounted() throws InterruptedException {
    Cache<String, Integer> cache = listenedCache("c", Recorder.class, true);
    publish("c",
        event(CREATED, 42L, 1, null),
        event(CREATED, "k", "not an integer", null),
        event(UPDATED, "k", 2, "not an integer"),
        event(REMOVED, "k", null, 7L),
        event(CREATED, "ok", 1, null));
    awaitHeard("CREATED ok 1 null");
    assertEquals(List.of("CREATED ok 1 null"), HEARD);
    assertEquals(4, decodeErrors(cache));
  }

  @Test
  void eventsWithoutAKeyOrWithoutTheirValuesAreDropped() throws InterruptedException {
    Cache<String, Integer> cache = listenedCache("c", Recorder.class, true);
    publish("c",
        event(CREATED, null, 1, null),
        message(CREATED, codec.encode("k", 1)),
        message(CREATED, codec.encode("k", new Object[] {1, null, 3})),
        event(CREATED, "k", null, null),
        event(UPDATED, "k", 2, null),
        event(REMOVED, "k", null, null),
        event(CREATED, "k", 1, 0),
        event(UPDATED, "k", 2, 1));
    awaitHeard("UPDATED k 2 1");
    assertEquals(List.of("UPDATED k 2 1"), HEARD);
    assertEquals(7, decodeErrors(cache));
  }

  @Test
  void expiredUnknownAndUndecodableEventsAreDropped() throws InterruptedException {
    Cache<String, Integer> cache = listenedCache("c", Recorder.class, true);
    publish("c",
        event(EXPIRED, "k", 1, 1),
        event(7, "k", 1, null),
        event(-1, "k", 1, null),
        message(CREATED, "garbage".getBytes(StandardCharsets.UTF_8)),
        message(CREATED, new byte[0]),
        "short".getBytes(StandardCharsets.UTF_8),
        event(REMOVED, "k", null, 1));
    awaitHeard("REMOVED k 1 1");
    assertEquals(List.of("REMOVED k 1 1"), HEARD);
    assertEquals(6, decodeErrors(cache));
  }

  @Test
  void aListenerThrowingAnErrorDoesNotEndRemoteDelivery() throws InterruptedException {
    listenedCache("sync", Thrower.class, true);
    listenedCache("async", Thrower.class, false);
    for (String cache : List.of("sync", "async")) {
      publish(cache, event(CREATED, "boom", 1, null), event(CREATED, "after", 2, null));
    }
    await("delivery ended after an Error; heard " + HEARD).pollInSameThread().atMost(30, TimeUnit.SECONDS)
        .until(() -> HEARD.stream().filter("CREATED after 2 null"::equals).count() == 2);
  }

  @Test
  void aLocalListenerThrowingAnErrorLetsTheOthersHearTheEventAndTheCallerLearnsOfIt()
      throws InterruptedException {
    Cache<String, Integer> cache = manager.createCache("local",
        new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(Thrower.class), null, true, true));
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(Recorder.class), null, true, true));
    CacheEntryListenerException failure = assertThrows(CacheEntryListenerException.class,
        () -> cache.put("boom", 1));
    assertTrue(failure.getCause() instanceof AssertionError, String.valueOf(failure.getCause()));
    assertEquals(List.of("CREATED boom 1 null"), HEARD);
  }

  @Test
  void aBlockedListenerNeitherStopsTheSubscriptionReaderNorOutlivesClose() throws InterruptedException {
    Cache<String, Integer> cache = listenedCache("blocked", Blocker.class, true);
    publish("blocked", event(CREATED, "block", 1, null));
    assertTrue(blocked.await(30, TimeUnit.SECONDS), "the listener never heard the first event");
    // The listener holds the delivering thread; the reader must keep reading, and drop (and count) what does not fit.
    List<Object[]> flood = new ArrayList<>();
    for (int i = 0; i < Backlog.MAX_MESSAGES + 100; i++) {
      flood.add(new Object[] {"PUBLISH", channel("blocked"), event(CREATED, "k" + i, i, null)});
    }
    redis.pipeline(flood);
    await("the subscription stopped reading while the listener was blocked").pollInSameThread()
        .atMost(30, TimeUnit.SECONDS).until(() -> cache.unwrap(RedisCache.class).statistics().getDroppedEvents() >= 100);
    manager.close();
    await("an events thread outlived the CacheManager").pollInSameThread().atMost(30, TimeUnit.SECONDS)
        .until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(thread -> thread.isAlive()
        && thread.getName().startsWith("jcache-redis-events-") && thread.getName().endsWith("-blocked")));
  }

  @Test
  void deliveryGoesOnOnceABlockedListenerReturns() throws InterruptedException {
    listenedCache("slow", Blocker.class, true);
    publish("slow", event(CREATED, "block", 1, null));
    assertTrue(blocked.await(30, TimeUnit.SECONDS), "the listener never heard the first event");
    publish("slow", event(CREATED, "next", 2, null));
    release.countDown();
    awaitHeard("CREATED next 2 null");
  }

  /** Records every event as "TYPE key value old". */
  public static class Recorder implements CacheEntryCreatedListener<String, Integer>,
      CacheEntryUpdatedListener<String, Integer>, CacheEntryRemovedListener<String, Integer>,
      CacheEntryExpiredListener<String, Integer>, Serializable {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      events.forEach(this::record);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      events.forEach(this::record);
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      events.forEach(this::record);
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      events.forEach(this::record);
    }

    void record(CacheEntryEvent<? extends String, ? extends Integer> event) {
      // Reading the values as Integers is what a listener of this cache does: a wrong type would throw here.
      Integer value = event.getValue();
      Integer old = event.getOldValue();
      HEARD.add(event.getEventType() + " " + event.getKey() + " " + value + " " + old);
    }
  }

  /** Fails with an AssertionError on the key "boom", records the rest. */
  public static final class Thrower extends Recorder {
    @Override
    void record(CacheEntryEvent<? extends String, ? extends Integer> event) {
      if (event.getKey().equals("boom")) {
        throw new AssertionError("a listener's own assertion failed");
      }
      super.record(event);
    }
  }

  /** Blocks on the key "block" until released (or interrupted), records the rest. */
  public static final class Blocker extends Recorder {
    @Override
    void record(CacheEntryEvent<? extends String, ? extends Integer> event) {
      if (event.getKey().equals("block")) {
        blocked.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      super.record(event);
    }
  }
}
