package io.github.jcacheredis.internal.event;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.ChildJvm;
import io.github.jcacheredis.launcher.RedisServerProcess;
import io.github.jcacheredis.internal.management.JmxRegistration;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestCluster;
import io.github.jcacheredis.testing.TestRedis;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.spi.CachingProvider;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Expired events come from Redis keyspace notifications: heard in every JVM with an expired listener, carrying the
 * key (the value is gone), and explained when the server will not notify.
 */
class ExpiredEventsTest {

  /** What the recorders heard, as "key value oldValueAvailable", by listener name. */
  static final List<String> HEARD = new CopyOnWriteArrayList<>();

  /** Records each expired event. */
  public static final class Recorder implements CacheEntryExpiredListener<String, String>, Serializable {
    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      for (CacheEntryEvent<? extends String, ? extends String> event : events) {
        HEARD.add(event.getKey() + " " + event.getValue() + " " + event.isOldValueAvailable());
      }
    }
  }

  private static MutableConfiguration<String, String> expiringIn(long millis) {
    return new MutableConfiguration<String, String>().setTypes(String.class, String.class)
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, millis)))
        .setManagementEnabled(true);
  }

  private static MutableCacheEntryListenerConfiguration<String, String> recorder(boolean synchronous) {
    return new MutableCacheEntryListenerConfiguration<>(FactoryBuilder.factoryOf(Recorder.class), null, true,
        synchronous);
  }

  @Test
  void theJvmThatWroteAnEntryHearsItExpireWithTheKeyAndNoValue() throws Exception {
    HEARD.clear();
    CacheManager manager = TestRedis.newManager(TestRedis.uniquePrefix("expired"));
    try {
      Cache<String, String> cache = manager.createCache("c", expiringIn(50));
      cache.registerCacheEntryListener(recorder(false));
      cache.put("k", "v");
      await("the expiry of k was never heard").pollInSameThread().atMost(30, TimeUnit.SECONDS)
          .until(() -> !HEARD.isEmpty());
      assertEquals(List.of("k null false"), HEARD);
      assertEquals("DELIVERING", diagnostics(manager, "c", "ExpiredEvents"));
    } finally {
      manager.close();
    }
  }

  @Test
  void aSecondJvmHearsAnEntryExpireThatThisJvmWrote() throws Exception {
    String prefix = TestRedis.uniquePrefix("expired-jvm");
    ChildJvm listener = ChildJvm.of(ListeningJvm.class).arguments(TestRedis.url(), prefix)
        .pipeOutput().mergeErrors().start();
    CacheManager manager = TestRedis.newManager(prefix);
    try (listener) {
      BufferedReader out = listener.stdout();
      Cache<String, String> cache = manager.createCache("c", expiringIn(50));
      for (String line = out.readLine(); !"READY".equals(line); line = out.readLine()) {
        assertTrue(line != null, "the listening JVM ended before registering its listener");
      }
      cache.put("k", "v");
      String heard = null;
      for (String line = out.readLine(); line != null && heard == null; line = out.readLine()) {
        heard = line.startsWith("HEARD ") ? line : null;
      }
      assertEquals("HEARD k null false", heard);
      assertTrue(listener.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, listener.exitValue());
    } finally {
      manager.close();
    }
  }

  /** The second JVM: registers an expired listener, says READY, prints the first expiry it hears and exits. */
  public static final class ListeningJvm {
    public static void main(String[] args) throws Exception {
      Properties properties = new Properties();
      properties.setProperty(ProviderSettings.URL, args[0]);
      properties.setProperty(ProviderSettings.KEY_PREFIX, args[1]);
      CachingProvider provider = TestRedis.provider();
      CacheManager manager = provider.getCacheManager(URI.create("listener://" + args[1]),
          provider.getDefaultClassLoader(), properties);
      // The writer's configuration, read from its record (the JVM that creates the cache first wins).
      Cache<String, String> cache = manager.getCache("c", String.class, String.class);
      while (cache == null) {
        Thread.sleep(10);
        cache = manager.getCache("c", String.class, String.class);
      }
      cache.registerCacheEntryListener(recorder(true));
      System.out.println("READY");
      while (HEARD.isEmpty()) {
        Thread.sleep(10);
      }
      System.out.println("HEARD " + HEARD.get(0));
      manager.close();
      System.exit(0);
    }
  }

  @Test
  void onAClusterEveryMastersExpiriesAreHeard() throws Exception {
    HEARD.clear();
    String prefix = TestRedis.uniquePrefix("expired-cluster");
    CacheManager manager = TestCluster.newManager(prefix);
    try {
      Cache<String, String> cache = manager.createCache("c", expiringIn(50));
      cache.registerCacheEntryListener(recorder(false));
      Set<String> expected = new TreeSet<>();
      for (int i = 0; i < 30; i++) {
        cache.put("k" + i, "v");
        expected.add("k" + i + " null false");
      }
      Set<Integer> masters = new TreeSet<>();
      for (int slot : TestCluster.slotsOf(expected.stream()
          .map(heard -> prefix + ":c:" + heard.substring(0, heard.indexOf(' '))).toList()).values()) {
        masters.add(TestCluster.cluster().masterPortOf(slot));
      }
      assertEquals(new TreeSet<>(TestCluster.cluster().masterPorts()), masters, "the keys span every master");
      await("not every expiry was heard: " + HEARD).pollInSameThread().atMost(30, TimeUnit.SECONDS)
          .until(() -> HEARD.size() >= expected.size());
      assertEquals(expected, new TreeSet<>(HEARD));
    } finally {
      manager.close();
    }
  }

  @Test
  void notificationsAreEnabledByAddingToWhatTheServerHas() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start("--notify-keyspace-events", "Kg");
        RespClient redis = new RespClient("127.0.0.1", server.port())) {
      CacheManager manager = managerOn(server, "enable");
      try {
        manager.createCache("c", expiringIn(60_000)).registerCacheEntryListener(recorder(true));
        String flags = new String((byte[]) ((List<?>) redis.call("CONFIG", "GET", "notify-keyspace-events")).get(1),
            StandardCharsets.US_ASCII);
        for (char flag : "KgEx".toCharArray()) {
          assertTrue(flags.indexOf(flag) >= 0, flags);
        }
      } finally {
        manager.close();
      }
    }
  }

  @Test
  void aServerThatRefusesConfigIsExplainedOnceInTheLogAndOnTheDiagnosticsBean() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start("--rename-command", "CONFIG", "")) {
      CacheManager manager = managerOn(server, "refused");
      try {
        Cache<String, String> cache = manager.createCache("c", expiringIn(60_000));
        String log = logOf(() -> cache.registerCacheEntryListener(recorder(true)));
        String line = "Cache 'c': expired events cannot be delivered: UNAVAILABLE: " + server.url().substring(8);
        assertTrue(log.contains(line), log);
        assertTrue(log.contains("could not be checked or enabled"), log);
        assertTrue(log.contains("unknown command"), log);
        assertEquals(1, log.split("expired events cannot be delivered", -1).length - 1, log);
        String shown = (String) diagnostics(manager, "c", "ExpiredEvents");
        assertTrue(shown.startsWith("UNAVAILABLE: ") && shown.contains("notify-keyspace-events"), shown);
      } finally {
        manager.close();
      }
    }
  }

  @Test
  void hashedNamesAndOtherCachesKeysAreNotHeard() throws Exception {
    HEARD.clear();
    String prefix = TestRedis.uniquePrefix("expired-filter");
    CacheManager manager = TestRedis.newManager(prefix);
    try (RespClient redis = TestRedis.client()) {
      Cache<String, String> heard = manager.createCache("heard", expiringIn(50));
      Cache<String, String> other = manager.createCache("other", expiringIn(50));
      heard.registerCacheEntryListener(recorder(true));
      String longKey = "x".repeat(300); // beyond the hash threshold: stored under ~# and its digest
      heard.put(longKey, "v");
      other.put("o", "v");
      // EXISTS deletes an expired key on the spot, so once both answer 0 both have expired in Redis.
      await("the entries never expired").pollInSameThread().atMost(30, TimeUnit.SECONDS)
          .until(() -> redis.call("EXISTS", prefix + ":other:o").equals(0L)
          && scanFinds(redis, prefix + ":heard:~#*") == 0);
      heard.put("k", "v");
      await("the expiry of k was never heard").pollInSameThread().atMost(30, TimeUnit.SECONDS)
          .until(() -> !HEARD.isEmpty());
      // Redis notifies in the order it expires, and one thread delivers in that order: nothing came before k.
      assertEquals(List.of("k null false"), HEARD);
    } finally {
      manager.close();
    }
  }

  @Test
  void aJvmWithoutExpiredListenersOpensNoSubscription() throws Exception {
    CacheManager manager = TestRedis.newManager(TestRedis.uniquePrefix("expired-none"));
    try (RespClient redis = TestRedis.client()) {
      Cache<String, String> cache = manager.createCache("c", expiringIn(60_000));
      cache.put("k", "v");
      assertEquals("NO_EXPIRED_LISTENER", diagnostics(manager, "c", "ExpiredEvents"));
      long before = subscribers(redis);
      MutableCacheEntryListenerConfiguration<String, String> listener = recorder(true);
      cache.registerCacheEntryListener(listener);
      assertEquals("DELIVERING", diagnostics(manager, "c", "ExpiredEvents"));
      assertEquals(before + 1, subscribers(redis), "listening subscribes one connection to expired keys");
      cache.deregisterCacheEntryListener(listener);
      assertEquals("NO_EXPIRED_LISTENER", diagnostics(manager, "c", "ExpiredEvents"));
      await("the subscription ends with the last expired listener").pollInSameThread().atMost(30, TimeUnit.SECONDS)
          .until(() -> subscribers(redis) == before);
    } finally {
      manager.close();
    }
  }

  /** @return the connections subscribed to expired keys of database 0 */
  private static long subscribers(RespClient redis) {
    return (Long) ((List<?>) redis.call("PUBSUB", "NUMSUB", "__keyevent@0__:expired")).get(1);
  }

  private static long scanFinds(RespClient redis, String pattern) {
    String cursor = "0";
    long found = 0;
    do {
      List<?> page = (List<?>) redis.call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
      cursor = new String((byte[]) page.get(0), StandardCharsets.US_ASCII);
      found += ((List<?>) page.get(1)).size();
    } while (!cursor.equals("0"));
    return found;
  }

  private static CacheManager managerOn(RedisServerProcess server, String prefix) {
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, server.url());
    properties.setProperty(ProviderSettings.KEY_PREFIX, prefix);
    CachingProvider provider = TestRedis.provider();
    return provider.getCacheManager(URI.create("test://" + prefix + "/" + UUID.randomUUID()),
        provider.getDefaultClassLoader(), properties);
  }

  private static Object diagnostics(CacheManager manager, String cache, String attribute) throws Exception {
    ObjectName name = JmxRegistration.objectName(manager.getURI(), cache, JmxRegistration.Type.DIAGNOSTICS);
    return ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute);
  }

  /** slf4j-simple, the tests' binding, writes to whatever System.err is at the time of the call. */
  static String logOf(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

}
