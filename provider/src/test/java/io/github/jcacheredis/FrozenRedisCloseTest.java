package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.RedisServerProcess;
import io.github.jcacheredis.testing.TestRedis;
import java.io.IOException;
import java.net.URI;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CacheManager closes in about one command timeout when its Redis hangs or is gone, however many caches it
 * has: each cache's last statistics (and events) are waited for concurrently, against one deadline, not one
 * timeout after another.
 */
class FrozenRedisCloseTest {

  private static final Logger LOG = LoggerFactory.getLogger(FrozenRedisCloseTest.class);
  private static final int TIMEOUT_MILLIS = 1000;
  private static final int CACHES = 10;
  /**
   * Three timeouts: one for the caches, the rest for handing back the connection on a busy machine. Closing
   * the caches one after the other would take at least {@value #CACHES} timeouts.
   */
  private static final long CLOSE_BOUND_MILLIS = 3 * TIMEOUT_MILLIS;

  @Test
  void closeWaitsAboutOneTimeoutWhileRedisIsFrozen() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      CacheManager manager = managerWithBusyCaches(server);
      signal(server, "-STOP");
      try {
        long closeMillis = timedClose(manager);
        assertTrue(closeMillis <= CLOSE_BOUND_MILLIS, "close took " + closeMillis + " ms with " + CACHES
            + " caches and a " + TIMEOUT_MILLIS + " ms timeout");
      } finally {
        signal(server, "-CONT");
      }
    }
  }

  @Test
  void closeWaitsAboutOneTimeoutWhenRedisIsGone() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      CacheManager manager = managerWithBusyCaches(server);
      server.kill();
      long closeMillis = timedClose(manager);
      assertTrue(closeMillis <= CLOSE_BOUND_MILLIS, "close took " + closeMillis + " ms with " + CACHES
          + " caches and a " + TIMEOUT_MILLIS + " ms timeout");
    }
  }

  /** A manager whose every cache has statistics on and counts not yet sent to Redis. */
  private static CacheManager managerWithBusyCaches(RedisServerProcess server) {
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, server.url());
    properties.setProperty(ProviderSettings.KEY_PREFIX, "frozen");
    properties.setProperty(ProviderSettings.TIMEOUT_MILLIS, Integer.toString(TIMEOUT_MILLIS));
    properties.setProperty(ProviderSettings.CONNECT_TIMEOUT_MILLIS, Integer.toString(TIMEOUT_MILLIS));
    properties.setProperty(ProviderSettings.RETRY_ATTEMPTS, "1");
    CacheManager manager = TestRedis.provider().getCacheManager(URI.create("frozen://" + UUID.randomUUID()),
        TestRedis.provider().getDefaultClassLoader(), properties);
    for (int c = 0; c < CACHES; c++) {
      Cache<String, String> cache = manager.createCache("c" + c,
          new MutableConfiguration<String, String>().setTypes(String.class, String.class)
              .setStatisticsEnabled(true));
      cache.put("k", "v");
      cache.get("k");
    }
    return manager;
  }

  private static long timedClose(CacheManager manager) {
    long start = System.nanoTime();
    manager.close();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    LOG.info("CacheManager with {} caches closed in {} ms", CACHES, millis);
    return millis;
  }

  private static void signal(RedisServerProcess server, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(server.pid())).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill " + signal + " failed");
  }
}
