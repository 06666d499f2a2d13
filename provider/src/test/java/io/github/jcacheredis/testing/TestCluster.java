package io.github.jcacheredis.testing;

import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.RedisCluster;
import io.github.jcacheredis.launcher.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;

/**
 * The Redis Cluster the provider's cluster tests share: 3 masters and 3 replicas on loopback, started once per test
 * JVM on first use and stopped when the JVM exits. A test that fails a node over must leave the cluster healthy
 * again ({@link RedisCluster#awaitHealthy}), though the masters may then be other nodes than before.
 */
public final class TestCluster {

  private static RedisCluster cluster;

  private TestCluster() {
  }

  /** @return the shared cluster, starting it on first use */
  public static synchronized RedisCluster cluster() {
    if (cluster == null) {
      try {
        cluster = RedisCluster.start(3, 1);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start a Redis Cluster for the tests", e);
      }
      RedisCluster started = cluster;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-cluster-stop"));
    }
    return cluster;
  }

  /**
   * @param prefix   the key prefix, so that tests sharing the cluster never meet
   * @param settings further {@code jcacheredis.*} settings, name then value
   * @return a new CacheManager on the shared cluster under its own URI
   */
  public static CacheManager newManager(String prefix, String... settings) {
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.CLUSTER_NODES, cluster().seeds());
    properties.setProperty(ProviderSettings.KEY_PREFIX, prefix);
    for (int i = 0; i + 1 < settings.length; i += 2) {
      properties.setProperty(settings[i], settings[i + 1]);
    }
    CachingProvider provider = TestRedis.provider();
    return provider.getCacheManager(URI.create("cluster-test://" + prefix + "/" + UUID.randomUUID()),
        provider.getDefaultClassLoader(), properties);
  }

  /** @return a raw client to the node on {@code port} */
  public static RespClient client(int port) {
    return new RespClient("127.0.0.1", port);
  }

  /** @return the hash slot of each of {@code redisKeys}, as a running node of the cluster computes it */
  public static Map<String, Integer> slotsOf(Iterable<String> redisKeys) {
    RedisServerProcess node = cluster().servers().stream().filter(RedisServerProcess::isAlive).findFirst()
        .orElseThrow();
    Map<String, Integer> slots = new HashMap<>();
    try (RespClient client = client(node.port())) {
      for (String key : redisKeys) {
        slots.put(key, (int) client.number("CLUSTER", "KEYSLOT", key));
      }
    }
    return slots;
  }

  /**
   * @param pattern a SCAN MATCH pattern
   * @return the keys matching {@code pattern} on each master now, by master port
   */
  public static Map<Integer, List<String>> keysByMaster(String pattern) {
    Map<Integer, List<String>> keys = new HashMap<>();
    try {
      for (int port : cluster().masterPorts()) {
        try (RespClient client = client(port)) {
          keys.put(port, new ArrayList<>(client.keys(pattern)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys;
  }
}
