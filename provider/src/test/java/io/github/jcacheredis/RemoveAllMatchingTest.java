package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.ChildJvm;
import io.github.jcacheredis.testing.TestCluster;
import io.github.jcacheredis.testing.TestRedis;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.integration.CacheWriter;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisCache#removeAllMatching}: only the matching keys of the one cache go, matched as the application
 * wrote them, with the events, writer calls, statistics and near-cache invalidation of {@code removeAll(keys)}.
 */
class RemoveAllMatchingTest {

  private String prefix;
  private CacheManager manager;

  @BeforeEach
  void open() {
    prefix = TestRedis.uniquePrefix("pattern");
    manager = TestRedis.newManager(prefix);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private RedisCache<String, String> cache(String name) {
    return manager.createCache(name, new MutableConfiguration<String, String>().setTypes(String.class, String.class))
        .unwrap(RedisCache.class);
  }

  private static Map<String, String> userEntries() {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String key : List.of("user:42:name", "user:42:mail", "user:420:name", "user:4:name", "user:43:name")) {
      entries.put(key, "v-" + key);
    }
    return entries;
  }

  private static Set<String> keysOf(Cache<String, ?> cache) {
    Set<String> keys = new TreeSet<>();
    cache.forEach(entry -> keys.add(entry.getKey()));
    return keys;
  }

  @Test
  void onlyTheMatchingKeysOfThatCacheGo() {
    RedisCache<String, String> cache = cache("team?");
    // Unescaped, the '?' of "team?" would match the 'X' of this cache's name.
    RedisCache<String, String> lookalike = cache("teamX");
    CacheManager otherPrefix = TestRedis.newManager(prefix + "x");
    try {
      Cache<String, String> sameNameElsewhere = otherPrefix.createCache("team?",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      cache.putAll(userEntries());
      lookalike.putAll(userEntries());
      sameNameElsewhere.putAll(userEntries());

      assertEquals(2, cache.removeAllMatching("user:42:*"));

      assertEquals(Set.of("user:420:name", "user:4:name", "user:43:name"), keysOf(cache));
      assertEquals(userEntries().keySet(), keysOf(lookalike));
      assertEquals(userEntries().keySet(), keysOf(sameNameElsewhere));
    } finally {
      otherPrefix.close();
    }
  }

  @Test
  void theGlobIsRedisGlobOverTheKeyAsWritten() {
    RedisCache<String, String> cache = cache("globs");
    cache.putAll(userEntries());
    assertEquals(2, cache.removeAllMatching("user:4?:name"));
    assertEquals(Set.of("user:420:name", "user:4:name", "user:42:mail"), keysOf(cache));
    assertEquals(1, cache.removeAllMatching("user:4[0-9]*:mail"));
    assertEquals(0, cache.removeAllMatching("user:4"));
    assertEquals(1, cache.removeAllMatching("user:4:name"));
    assertEquals(Set.of("user:420:name"), keysOf(cache));
  }

  @Test
  void keysStartingWithTheTagCharacterMatchAsWritten() {
    RedisCache<String, String> cache = cache("tilde");
    cache.put("~user:1", "a");
    cache.put("user:1", "b");
    cache.put("~other", "c");

    assertEquals(1, cache.removeAllMatching("~user:*"));
    assertEquals(Set.of("user:1", "~other"), keysOf(cache));
    assertEquals(1, cache.removeAllMatching("\\~oth*"));
    assertEquals(1, cache.removeAllMatching("*"));
    assertEquals(Set.of(), keysOf(cache));
  }

  @Test
  void anObjectKeyedCacheLosesOnlyItsMatchingStringKeys() {
    RedisCache<Object, String> cache = manager.createCache("objects", new MutableConfiguration<Object, String>())
        .unwrap(RedisCache.class);
    cache.put("42", "string");
    cache.put(42L, "long");
    cache.put(42, "integer");
    cache.put(List.of("42"), "list");

    assertEquals(1, cache.removeAllMatching("*"));

    assertNull(cache.get("42"));
    assertEquals("long", cache.get(42L));
    assertEquals("integer", cache.get(42));
    assertEquals("list", cache.get(List.of("42")));
  }

  @Test
  void hashedLongKeysCannotBeMatched() {
    RedisCache<String, String> cache = cache("long");
    String longKey = "user:42:" + "x".repeat(300); // over the default 256-byte hash threshold
    cache.put(longKey, "hashed");
    cache.put("user:42:short", "plain");

    assertEquals(1, cache.removeAllMatching("user:42:*"));

    assertEquals("hashed", cache.get(longKey));
    assertNull(cache.get("user:42:short"));
  }

  @Test
  void listenersWriterAndStatisticsSeeEachRemoval() {
    RecordingListener.removed.clear();
    RecordingWriter.deleted.clear();
    MutableConfiguration<String, String> configuration = new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class).setStatisticsEnabled(true).setWriteThrough(true)
        .setCacheWriterFactory(FactoryBuilder.factoryOf(RecordingWriter.class))
        .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(RecordingListener.class), null, true, true));
    RedisCache<String, String> cache = manager.createCache("observed", configuration).unwrap(RedisCache.class);
    cache.putAll(userEntries());

    assertEquals(2, cache.removeAllMatching("user:42:*"));

    assertEquals(Set.of("user:42:name=v-user:42:name", "user:42:mail=v-user:42:mail"),
        Set.copyOf(RecordingListener.removed));
    assertEquals(Set.of("user:42:name", "user:42:mail"), Set.copyOf(RecordingWriter.deleted));
    assertEquals(2, cache.statistics().getCacheRemovals());
  }

  @Test
  void aNonStringKeyedCacheRefusesNamingItself() {
    Cache<Long, String> cache = manager.createCache("numbers",
        new MutableConfiguration<Long, String>().setTypes(Long.class, String.class));
    UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
        () -> cache.unwrap(RedisCache.class).removeAllMatching("*"));
    assertTrue(refused.getMessage().contains("'numbers'"), refused.getMessage());
  }

  @Test
  void aClosedCacheRefuses() {
    RedisCache<String, String> cache = cache("closed");
    cache.close();
    assertThrows(IllegalStateException.class, () -> cache.removeAllMatching("*"));
  }

  @Test
  void onAClusterEveryMasterIsScanned() {
    CacheManager cluster = TestCluster.newManager(prefix);
    try {
      RedisCache<String, String> cache = cluster.createCache("spread",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class)).unwrap(RedisCache.class);
      Cache<String, String> other = cluster.createCache("other",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      Map<String, String> entries = new LinkedHashMap<>();
      for (int i = 0; i < 300; i++) {
        entries.put((i % 3 == 0 ? "gone:" : "kept:") + i, "v" + i);
      }
      cache.putAll(entries);
      other.putAll(entries);
      assertEquals(3, TestCluster.keysByMaster(prefix + ":spread:gone:*").size(), "matching keys on every master");

      assertEquals(100, cache.removeAllMatching("gone:*"));

      assertEquals(0, TestCluster.keysByMaster(prefix + ":spread:gone:*").values().stream()
          .mapToInt(List::size).sum());
      assertEquals(200, keysOf(cache).size());
      assertEquals(300, keysOf(other).size());
    } finally {
      cluster.close();
    }
  }

  @Test
  void anotherJvmsNearCacheDropsTheRemovedEntries() throws Exception {
    RedisCache<String, String> cache = manager.createCache("near", nearConfiguration()).unwrap(RedisCache.class);
    cache.putAll(userEntries());
    try (ChildJvm reader = ChildJvm.of(NearReader.class).arguments(TestRedis.url(), prefix)
        .pipeOutput().mergeErrors().start()) {
      BufferedReader out = reader.stdout();
      PrintWriter in = reader.stdin();
      String line = out.readLine();
      while (line != null && !line.equals("READY")) {
        line = out.readLine(); // (log lines)
      }
      assertEquals("READY", line);

      assertEquals(2, cache.removeAllMatching("user:42:*"));
      in.println("REMOVED");

      StringBuilder rest = new StringBuilder();
      for (line = out.readLine(); line != null; line = out.readLine()) {
        rest.append(line).append('\n');
      }
      assertTrue(reader.waitFor(Duration.ofSeconds(30)));
      assertEquals(0, reader.exitValue(), rest.toString());
      assertTrue(rest.toString().contains("NEAR-DROPPED"), rest.toString());
    }
  }

  private static RedisCacheConfiguration<String, String> nearConfiguration() {
    return new RedisCacheConfiguration<String, String>().setTypes(String.class, String.class)
        .setNearCache(NearCacheConfiguration.ofMaximumSize(100));
  }

  /**
   * The second JVM: reads every entry into its near cache, says READY, and once told the removal happened polls
   * (at most 10 s) until its reads of the removed keys miss while the others still hit.
   */
  public static final class NearReader {
    public static void main(String[] args) throws Exception {
      Properties properties = new Properties();
      properties.setProperty(ProviderSettings.URL, args[0]);
      properties.setProperty(ProviderSettings.KEY_PREFIX, args[1]);
      CachingProvider provider = TestRedis.provider();
      CacheManager manager = provider.getCacheManager(URI.create("near-reader://" + args[1]),
          provider.getDefaultClassLoader(), properties);
      int status = 1;
      try {
        RedisCache<String, String> cache = manager.createCache("near", nearConfiguration()).unwrap(RedisCache.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cache.nearCache().size() < userEntries().size() && System.nanoTime() < deadline) {
          for (String key : userEntries().keySet()) {
            cache.get(key); // (the near cache keeps nothing until its invalidation session is up)
          }
          Thread.sleep(20);
        }
        if (cache.nearCache().size() != userEntries().size()) {
          System.out.println("near cache holds " + cache.nearCache().size() + " entries");
          return;
        }
        System.out.println("READY");
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
          if (cache.nearCache().size() == 3 && cache.get("user:42:name") == null
              && cache.get("user:42:mail") == null && "v-user:43:name".equals(cache.get("user:43:name"))) {
            System.out.println("NEAR-DROPPED");
            status = 0;
            return;
          }
          Thread.sleep(20);
        }
        System.out.println("near cache still serves removed entries");
      } finally {
        manager.close();
        System.out.flush();
        System.exit(status);
      }
    }
  }

  /** Records removed events as key=oldValue. */
  public static final class RecordingListener implements CacheEntryRemovedListener<String, String>, Serializable {
    static final Collection<String> removed = new ConcurrentLinkedQueue<>();

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      for (CacheEntryEvent<? extends String, ? extends String> event : events) {
        removed.add(event.getKey() + "=" + event.getOldValue());
      }
    }
  }

  /** Records the keys it is asked to delete. */
  public static final class RecordingWriter implements CacheWriter<String, String>, Serializable {
    static final Collection<String> deleted = new ConcurrentLinkedQueue<>();

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      entries.clear();
    }

    @Override
    public void delete(Object key) {
      deleted.add((String) key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      for (Object key : keys) {
        deleted.add((String) key);
      }
      keys.clear();
    }
  }
}
