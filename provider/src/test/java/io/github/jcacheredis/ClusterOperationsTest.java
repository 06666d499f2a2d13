package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestCluster;
import io.github.jcacheredis.testing.TestRedis;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.processor.EntryProcessorResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every JCache operation on a Redis Cluster of 3 masters and 3 replicas: entries spread over all masters, bulk
 * operations pipelined per node, and iteration, clear and destroy reaching every master.
 */
class ClusterOperationsTest {

  private static final int ENTRIES = 300;

  private String prefix;
  private CacheManager manager;

  @BeforeEach
  void open() {
    prefix = TestRedis.uniquePrefix("cluster");
    manager = TestCluster.newManager(prefix);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private Cache<String, String> cache(String name) {
    return manager.createCache(name, new MutableConfiguration<String, String>().setTypes(String.class, String.class));
  }

  private static Map<String, String> entries(int count) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      entries.put("key-" + i, "value-" + i);
    }
    return entries;
  }

  /** The Redis keys of {@code cache} on each master now, by master port. */
  private Map<Integer, List<String>> keysByMaster(String cacheName) {
    return TestCluster.keysByMaster(prefix + ":" + cacheName + ":*");
  }

  private static int total(Map<Integer, List<String>> keysByMaster) {
    return keysByMaster.values().stream().mapToInt(List::size).sum();
  }

  @Test
  void entriesSpreadOverEveryMaster() {
    Cache<String, String> cache = cache("spread");
    cache.putAll(entries(ENTRIES));

    Map<Integer, List<String>> byMaster = keysByMaster("spread");
    assertEquals(3, byMaster.size());
    for (Map.Entry<Integer, List<String>> master : byMaster.entrySet()) {
      // An even spread puts about 100 on each; a hash tag or a per-cache slot would put all 300 on one.
      assertTrue(master.getValue().size() > ENTRIES / 6,
          "master " + master.getKey() + " holds " + master.getValue().size() + " of " + ENTRIES);
    }
    assertEquals(ENTRIES, total(byMaster));
  }

  @Test
  void everySingleKeyOperationWorksOnKeysOfEveryMaster() throws IOException {
    Map<String, MutableConfiguration<String, String>> configurations = new LinkedHashMap<>();
    configurations.put("eternal", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    // Created: put goes through put.lua (a new entry and an update get different TTLs).
    configurations.put("created", new MutableConfiguration<String, String>().setTypes(String.class, String.class)
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ONE_HOUR)));
    // Accessed: get renews the TTL with GETEX.
    configurations.put("accessed", new MutableConfiguration<String, String>().setTypes(String.class, String.class)
        .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(Duration.ONE_HOUR)));
    Set<Integer> mastersTouched = new HashSet<>();
    for (Map.Entry<String, MutableConfiguration<String, String>> configuration : configurations.entrySet()) {
      Cache<String, String> cache = manager.createCache(configuration.getKey(), configuration.getValue());
      for (int i = 0; i < 30; i++) {
        String k = "key-" + i;
        assertNull(cache.get(k));
        assertFalse(cache.containsKey(k));
        assertTrue(cache.putIfAbsent(k, "a"));
        assertFalse(cache.putIfAbsent(k, "x"));
        assertEquals("a", cache.get(k));
        assertTrue(cache.containsKey(k));
        assertTrue(cache.replace(k, "b"));
        assertTrue(cache.replace(k, "b", "c"));
        assertFalse(cache.replace(k, "zz", "d"));
        assertEquals("c", cache.getAndPut(k, "d"));
        assertEquals("d", cache.getAndReplace(k, "e"));
        assertEquals("E", cache.invoke(k, (entry, arguments) -> {
          entry.setValue(entry.getValue().toUpperCase());
          return entry.getValue();
        }));
        assertFalse(cache.remove(k, "e"));
        assertTrue(cache.remove(k, "E"));
        assertFalse(cache.containsKey(k));
        assertFalse(cache.replace(k, "f"));
        cache.put(k, "f");
        assertEquals("f", cache.getAndRemove(k));
        assertNull(cache.getAndRemove(k));
        cache.put(k, "g");
        assertTrue(cache.remove(k));
        assertFalse(cache.remove(k));
        cache.put(k, "last");
      }
      Map<Integer, List<String>> byMaster = keysByMaster(configuration.getKey());
      assertEquals(30, total(byMaster));
      byMaster.forEach((port, keys) -> {
        if (!keys.isEmpty()) {
          mastersTouched.add(port);
        }
      });
      if (!configuration.getKey().equals("eternal")) {
        String redisKey = prefix + ":" + configuration.getKey() + ":key-0";
        int master = TestCluster.cluster().masterPortOf(TestCluster.slotsOf(List.of(redisKey)).get(redisKey));
        try (RespClient node = TestCluster.client(master)) {
          long ttl = node.number("PTTL", redisKey);
          assertTrue(ttl > 3_500_000 && ttl <= 3_600_000, "TTL " + ttl);
        }
      }
    }
    assertEquals(3, mastersTouched.size(), "the 30 keys of each cache fall on every master");
  }

  @Test
  void bulkOperationsSpanSlotsOfEveryMaster() {
    Cache<String, String> cache = cache("bulk");
    Map<String, String> entries = entries(ENTRIES);
    cache.putAll(entries);
    assertEquals(entries, cache.getAll(entries.keySet()));

    Set<String> some = entries.keySet().stream().limit(100).collect(Collectors.toCollection(LinkedHashSet::new));
    Map<String, EntryProcessorResult<Integer>> lengths = cache.invokeAll(some,
        (entry, arguments) -> entry.getValue().length());
    assertEquals(100, lengths.size());
    assertEquals("value-7".length(), lengths.get("key-7").get());

    cache.removeAll(some);
    Map<String, String> rest = new HashMap<>(entries);
    rest.keySet().removeAll(some);
    assertEquals(rest, cache.getAll(entries.keySet()));
    assertEquals(ENTRIES - 100, total(keysByMaster("bulk")));
  }

  /**
   * getAll, putAll and removeAll send each master its share of the commands in one pipeline: the server counts
   * one read of the client's socket per pipeline ({@code total_reads_processed}), against one per command if they
   * went one by one.
   */
  @Test
  void bulkOperationsTakeOneRoundTripPerMaster() throws IOException {
    manager.close();
    // No topology refresh during the measurement: it is the only other traffic of this client.
    manager = TestCluster.newManager(prefix, ProviderSettings.TOPOLOGY_REFRESH_MILLIS, "600000");
    Cache<String, String> cache = cache("trips");
    Map<String, String> entries = entries(ENTRIES);
    cache.put("warm-up", "opens a connection to each master");
    cache.getAll(entries.keySet());

    Map<Integer, long[]> putAll = readsAndCommands(() -> cache.putAll(entries));
    Map<Integer, long[]> getAll = readsAndCommands(() -> cache.getAll(entries.keySet()));
    Map<Integer, long[]> removeAll = readsAndCommands(() -> cache.removeAll(entries.keySet()));
    for (Map<Integer, long[]> measured : List.of(putAll, getAll, removeAll)) {
      assertEquals(3, measured.size());
      long commands = 0;
      for (Map.Entry<Integer, long[]> master : measured.entrySet()) {
        long reads = master.getValue()[0];
        commands += master.getValue()[1];
        // One read for the pipeline (two or three if the client's event loop, busy on a loaded machine, flushes
        // it in pieces) and one for our own INFO: a handful, where one command at a time would be about 100.
        assertTrue(reads <= 6, "master " + master.getKey() + ": " + reads + " reads for "
            + master.getValue()[1] + " commands");
        assertTrue(master.getValue()[1] > ENTRIES / 6, "master " + master.getKey() + " ran "
            + master.getValue()[1] + " commands");
      }
      // putAll and removeAll send one command per entry; getAll one MGET per hash slot, so at most as many.
      assertTrue(measured == getAll ? commands > 0 && commands <= ENTRIES : commands == ENTRIES,
          commands + " commands for " + ENTRIES + " entries");
    }
    assertEquals(1, total(keysByMaster("trips")));
  }

  /** Per master: {reads of client sockets, commands other than INFO} while {@code operation} runs. */
  private static Map<Integer, long[]> readsAndCommands(Runnable operation) throws IOException {
    List<Integer> masters = TestCluster.cluster().masterPorts();
    Map<Integer, long[]> before = new TreeMap<>();
    for (int port : masters) {
      before.put(port, readsAndCommands(port));
    }
    operation.run();
    Map<Integer, long[]> delta = new TreeMap<>();
    for (int port : masters) {
      long[] after = readsAndCommands(port);
      delta.put(port, new long[] {after[0] - before.get(port)[0], after[1] - before.get(port)[1]});
    }
    return delta;
  }

  private static long[] readsAndCommands(int port) {
    try (RespClient node = TestCluster.client(port)) {
      // One INFO for both sections, so that measuring adds a single read.
      Map<String, String> info = node.info("all");
      long reads = Long.parseLong(info.get("total_reads_processed"));
      long commands = 0;
      for (Map.Entry<String, Long> count : RespClient.commandCounts(info).entrySet()) {
        if (!count.getKey().equals("info") && !count.getKey().equals("ping") && !count.getKey().equals("cluster")) {
          commands += count.getValue();
        }
      }
      return new long[] {reads, commands};
    }
  }

  @Test
  void iterationReturnsTheEntriesOfEveryMaster() {
    Cache<String, String> cache = cache("iterate");
    Map<String, String> entries = entries(ENTRIES);
    cache.putAll(entries);

    Map<String, String> seen = new HashMap<>();
    for (Cache.Entry<String, String> entry : cache) {
      seen.put(entry.getKey(), entry.getValue());
    }
    assertEquals(entries, seen);
  }

  @Test
  void clearEmptiesEveryMaster() {
    Cache<String, String> cache = cache("clear");
    cache.putAll(entries(ENTRIES));
    Cache<String, String> neighbour = cache("neighbour");
    neighbour.put("stays", "here");

    cache.clear();
    assertEquals(0, total(keysByMaster("clear")));
    assertFalse(cache.iterator().hasNext());
    assertEquals("here", neighbour.get("stays"));
  }

  @Test
  void removeAllWithoutKeysEmptiesEveryMaster() {
    Cache<String, String> cache = cache("remove-all");
    cache.putAll(entries(ENTRIES));

    cache.removeAll();
    assertEquals(0, total(keysByMaster("remove-all")));
  }

  @Test
  void destroyCacheDeletesItsEntriesFromEveryMaster() {
    Cache<String, String> cache = cache("destroy");
    cache.putAll(entries(ENTRIES));
    assertEquals(ENTRIES, total(keysByMaster("destroy")));

    manager.destroyCache("destroy");
    assertEquals(0, total(keysByMaster("destroy")));
    assertNull(manager.getCache("destroy"));
    Cache<String, String> recreated = cache("destroy");
    assertNull(recreated.get("key-1"));
  }
}
