package io.github.jcacheredis.internal.event;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.ChildJvm;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

/** JVM A changes a key 1,000 times; the listener JVM B registered hears every change, in order, with old values. */
class ListenersAcrossJvmsTest {

  private static final int UPDATES = 1000;
  static final List<String> HEARD = new CopyOnWriteArrayList<>();

  /** Records every event as "TYPE key value old". */
  public static final class Recorder implements CacheEntryCreatedListener<String, Integer>,
      CacheEntryUpdatedListener<String, Integer>, CacheEntryRemovedListener<String, Integer>, Serializable {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      events.forEach(Recorder::record);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      events.forEach(Recorder::record);
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      events.forEach(Recorder::record);
    }

    private static void record(CacheEntryEvent<? extends String, ? extends Integer> event) {
      HEARD.add(event.getEventType() + " " + event.getKey() + " " + event.getValue() + " " + event.getOldValue());
    }
  }

  @Test
  void aListenerHearsEveryChangeAnotherJvmMakesInOrder() throws Exception {
    HEARD.clear();
    String prefix = TestRedis.uniquePrefix("events");
    CacheManager manager = TestRedis.newManager(prefix);
    Cache<String, Integer> cache = manager.createCache("c",
        new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(Recorder.class), null, true, true));
    try (RespClient redis = TestRedis.client()) {
      String channel = "jcache-redis-events:" + prefix + ":c:";
      await("the listener subscribed").pollInSameThread().atMost(10, TimeUnit.SECONDS)
          .until(() -> ((Long) ((List<?>) redis.call("PUBSUB", "NUMSUB", channel)).get(1)) >= 1);
    }
    ChildJvm writer = ChildJvm.of(Writer.class).arguments(TestRedis.url(), prefix).start();
    try {
      assertTrue(writer.waitFor(Duration.ofSeconds(60)));
      assertEquals(0, writer.exitValue());
      await().pollInSameThread().atMost(10, TimeUnit.SECONDS).until(() -> HEARD.size() >= UPDATES + 1);
      assertEquals(UPDATES + 1, HEARD.size());
      assertEquals("CREATED k 1 null", HEARD.get(0));
      for (int i = 2; i <= UPDATES; i++) {
        assertEquals("UPDATED k " + i + " " + (i - 1), HEARD.get(i - 1));
      }
      assertEquals("REMOVED k " + UPDATES + " " + UPDATES, HEARD.get(UPDATES));
    } finally {
      writer.close();
      manager.destroyCache("c");
      manager.close();
    }
  }

  /** JVM A: 1,000 writes of one key, then a remove, with no listener of its own. */
  public static final class Writer {
    public static void main(String[] args) {
      Properties properties = new Properties();
      properties.setProperty(ProviderSettings.URL, args[0]);
      properties.setProperty(ProviderSettings.KEY_PREFIX, args[1]);
      CachingProvider provider = TestRedis.provider();
      CacheManager manager = provider.getCacheManager(URI.create("writer://" + args[1]),
          provider.getDefaultClassLoader(), properties);
      Cache<String, Integer> cache = manager.createCache("c",
          new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
      for (int i = 1; i <= UPDATES; i++) {
        cache.put("k", i);
      }
      cache.remove("k");
      manager.close();
      System.exit(0);
    }
  }
}
