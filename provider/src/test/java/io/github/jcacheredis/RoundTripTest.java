package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * The commands each operation sends, read from the server's {@code INFO commandstats}: single-key operations
 * are one native command each. Needs a Redis no one else is using, so it is skipped against {@code REDIS_URL}.
 */
@DisabledIfEnvironmentVariable(named = "REDIS_URL", matches = ".+",
    disabledReason = "counts every command the server runs, so it needs the private test Redis")
class RoundTripTest {

  private CacheManager manager;
  private RespClient redis;
  private Cache<String, String> cache;

  @BeforeEach
  void open() {
    manager = TestRedis.newManager(TestRedis.uniquePrefix("trips"));
    redis = TestRedis.client();
    cache = manager.createCache("c", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    cache.put("present", "v");
  }

  @AfterEach
  void close() {
    manager.close();
    redis.close();
  }

  private Map<String, Long> commandsOf(Runnable operation) {
    Map<String, Long> before = stats();
    operation.run();
    Map<String, Long> after = stats();
    Map<String, Long> delta = new TreeMap<>();
    after.forEach((command, calls) -> {
      long d = calls - before.getOrDefault(command, 0L);
      // PUBLISH goes from the event publisher's own connection, asynchronously, at most once a second per cache
      // while no JVM listens: never part of an operation's round trip.
      if (d > 0 && !command.equals("info") && !command.equals("ping") && !command.equals("publish")) {
        delta.put(command, d);
      }
    });
    return delta;
  }

  private Map<String, Long> stats() {
    return redis.commandCounts();
  }

  @Test
  void singleKeyOperationsAreOneNativeCommand() {
    assertEquals(Map.of("get", 1L), commandsOf(() -> cache.get("present")));
    assertEquals(Map.of("get", 1L), commandsOf(() -> cache.get("absent")));
    assertEquals(Map.of("type", 1L), commandsOf(() -> cache.containsKey("present")));
    assertEquals(Map.of("set", 1L), commandsOf(() -> cache.put("present", "w")));
    assertEquals(Map.of("set", 1L), commandsOf(() -> cache.getAndPut("present", "x")));
    assertEquals(Map.of("set", 1L), commandsOf(() -> cache.putIfAbsent("new", "y")));
    assertEquals(Map.of("set", 1L), commandsOf(() -> cache.replace("present", "z")));
    assertEquals(Map.of("set", 1L), commandsOf(() -> cache.getAndReplace("present", "zz")));
    assertEquals(Map.of("getdel", 1L), commandsOf(() -> cache.getAndRemove("new")));
    assertEquals(Map.of("del", 1L), commandsOf(() -> cache.remove("present")));
  }

  @Test
  void accessExpiryRenewsTheTtlInTheSameCommand() {
    Cache<String, String> accessed = manager.createCache("accessed", new MutableConfiguration<String, String>()
        .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(Duration.ONE_MINUTE)));
    accessed.put("k", "v");
    assertEquals(Map.of("getex", 1L), commandsOf(() -> accessed.get("k")));
  }

  @Test
  void bulkOperationsArePipelined() {
    Map<String, String> entries = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      entries.put("k" + i, "v" + i);
    }
    assertEquals(Map.of("set", 100L), commandsOf(() -> cache.putAll(entries)));
    assertEquals(Map.of("mget", 1L), commandsOf(() -> cache.getAll(entries.keySet())));
    assertEquals(Map.of("del", 100L), commandsOf(() -> cache.removeAll(Set.copyOf(entries.keySet()))));
  }

  @Test
  void invokeAllReadsEverythingOnceAndWritesBackInOnePipeline() {
    Map<String, String> entries = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      entries.put("n" + i, "v");
    }
    cache.putAll(entries);
    Map<String, Long> sent = commandsOf(() -> cache.invokeAll(entries.keySet(), (entry, args) -> {
      entry.setValue(entry.getValue() + "+");
      return null;
    }));
    // One MGET for every key (one hash slot group on a single server), then one compare-and-set script per key,
    // pipelined; the GET and SET inside the scripts are counted by Redis too.
    assertEquals(1L, sent.get("mget"));
    assertEquals(100L, sent.get("evalsha"));
    assertEquals("v+", cache.get("n7"));
  }
}
