package io.github.jcacheredis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.PrivateRedis;
import io.github.jcacheredis.launcher.RedisSentinels;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider reaches a master through three sentinels and follows it when the sentinels promote the replica,
 * whether they are told to ({@code SENTINEL FAILOVER}) or the master dies.
 */
class SentinelFailoverTest {

  private static final int TIMEOUT_MILLIS = 500;
  private static final Duration WRITES_REACH_NEW_MASTER_WITHIN = Duration.ofSeconds(10);

  /** On an instance field: each test fails the master over, so each gets a fresh group. */
  @RegisterExtension
  final PrivateRedis<RedisSentinels> group = PrivateRedis.sentinels();

  private RedisSentinels sentinels;
  private String prefix;
  private CacheManager manager;
  private Cache<String, Long> cache;
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong longestWriteNanos = new AtomicLong();

  @BeforeEach
  void start(RedisSentinels started) {
    sentinels = started;
    prefix = TestRedis.uniquePrefix("sentinel");
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.SENTINEL_MASTER, RedisSentinels.MASTER_NAME);
    properties.setProperty(ProviderSettings.SENTINEL_NODES, sentinels.sentinelUrls());
    properties.setProperty(ProviderSettings.KEY_PREFIX, prefix);
    properties.setProperty(ProviderSettings.TIMEOUT_MILLIS, Integer.toString(TIMEOUT_MILLIS));
    properties.setProperty(ProviderSettings.CONNECT_TIMEOUT_MILLIS, Integer.toString(TIMEOUT_MILLIS));
    properties.setProperty(ProviderSettings.TOPOLOGY_REFRESH_MILLIS, "200");
    CachingProvider provider = TestRedis.provider();
    manager = provider.getCacheManager(URI.create("sentinel-test://" + prefix + "/" + UUID.randomUUID()),
        provider.getDefaultClassLoader(), properties);
    cache = manager.createCache("c", new MutableConfiguration<String, Long>().setTypes(String.class, Long.class));
  }

  @AfterEach
  void stop() {
    if (manager != null) {
      manager.close();
    }
  }

  @Test
  void servesThroughSentinelsAndFollowsAForcedFailover() throws Exception {
    int oldMaster = writeAndCheckOnMaster();
    long started = System.nanoTime();
    int newMaster = whileWriting(() -> sentinels.failover(Duration.ofSeconds(20)));
    report("SENTINEL FAILOVER", oldMaster, newMaster, started);
  }

  @Test
  void followsTheMasterWhenItDies() throws Exception {
    int oldMaster = writeAndCheckOnMaster();
    long started = System.nanoTime();
    int newMaster = whileWriting(() -> {
      sentinels.dataNode(oldMaster).kill();
      return sentinels.awaitNewMaster(oldMaster, Duration.ofSeconds(20));
    });
    report("master killed", oldMaster, newMaster, started);
  }

  /** Writes 100 entries, finds them on the master the sentinels name, and returns its port. */
  private int writeAndCheckOnMaster() throws IOException {
    for (long i = 0; i < 100; i++) {
      cache.put("key-" + i, i);
    }
    int master = sentinels.masterPort();
    try (RespClient node = new RespClient("127.0.0.1", master)) {
      assertEquals(100, node.keys(prefix + ":c:*").size());
      // The replica has them too before the failover starts (replication is asynchronous).
      assertEquals(1L, node.number("WAIT", "1", "5000"));
    }
    return master;
  }

  private interface Failover {
    int run() throws IOException;
  }

  /** Runs the failover while a thread keeps writing; then waits until writes land on the new master. */
  private int whileWriting(Failover failover) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      for (long i = 0; !stop.get(); i++) {
        long start = System.nanoTime();
        try {
          cache.put("busy-" + (i % 50), i);
        } catch (Throwable e) {
          failures.add(e);
        } finally {
          longestWriteNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
          writes.incrementAndGet();
        }
      }
    }, "sentinel-test-writer");
    writer.start();
    int newMaster;
    try {
      newMaster = failover.run();
      awaitWritesOn(newMaster);
    } finally {
      stop.set(true);
      writer.join(10_000);
    }
    return newMaster;
  }

  /** Polls until an entry written through the provider is on {@code master}, within the bound. */
  private void awaitWritesOn(int master) throws InterruptedException {
    long[] probe = {0};
    await("writes reach the new master on port " + master).pollInSameThread()
        .atMost(WRITES_REACH_NEW_MASTER_WITHIN).pollInterval(20, TimeUnit.MILLISECONDS)
        // counted by the writer thread; the probe just tries again
        .ignoreException(CacheException.class)
        .until(() -> {
          long attempt = probe[0]++;
          cache.put("probe-" + attempt, attempt);
          try (RespClient node = new RespClient("127.0.0.1", master)) {
            return node.number("EXISTS", prefix + ":c:probe-" + attempt) == 1;
          }
        });
  }

  private void report(String how, int oldMaster, int newMaster, long started) {
    long servingAfter = (System.nanoTime() - started) / 1_000_000;
    List<String> notCacheExceptions = new ArrayList<>();
    for (Throwable failure : failures) {
      if (!(failure instanceof CacheException)) {
        notCacheExceptions.add(failure.toString());
      }
    }
    System.out.printf("Sentinel, %s: master %d -> %d; writes reach the new master %d ms after the failover"
        + " began; %d of %d writes failed; longest write %d ms%n", how, oldMaster, newMaster, servingAfter,
        failures.size(), writes.get(), longestWriteNanos.get() / 1_000_000);
    assertTrue(newMaster != oldMaster);
    assertEquals(List.of(), notCacheExceptions);
    // Entries written before the failover were replicated and are read from the new master.
    for (long i = 0; i < 100; i++) {
      assertEquals(i, cache.get("key-" + i));
    }
    cache.put("after", 1L);
    assertEquals(1L, cache.get("after"));
  }
}
