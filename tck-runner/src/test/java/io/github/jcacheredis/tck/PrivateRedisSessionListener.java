package io.github.jcacheredis.tck;

import io.github.jcacheredis.launcher.RedisCluster;
import io.github.jcacheredis.launcher.RedisLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a TCK run a Redis of its own for the whole JUnit Platform launcher session, before the first test class
 * loads the provider, and stops it when the session ends.
 *
 * <p>The TCK's tests are plain JUnit 4 classes we cannot annotate, so this is registered through
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener} instead. The provider finds the
 * server through the {@value #URL_PROPERTY} system property; with {@value #TOPOLOGY_PROPERTY}{@code =cluster} the
 * run gets a Redis Cluster of 3 masters and 3 replicas instead, named in {@value #CLUSTER_NODES_PROPERTY}.
 */
public final class PrivateRedisSessionListener implements LauncherSessionListener {

  /** The system property the provider reads its Redis address from. */
  public static final String URL_PROPERTY = "jcacheredis.url";
  /** The system property the provider reads a cluster's seed nodes from. */
  public static final String CLUSTER_NODES_PROPERTY = "jcacheredis.clusterNodes";
  /** Set to {@code cluster} to run the TCK against a private Redis Cluster. */
  public static final String TOPOLOGY_PROPERTY = "tck.redis.topology";

  private static final Logger LOG = LoggerFactory.getLogger(PrivateRedisSessionListener.class);

  private RedisLauncher redis;
  private RedisCluster cluster;

  /** Creates the listener; the JUnit Platform does so through the service loader. */
  public PrivateRedisSessionListener() {}

  /**
   * Starts (or, with {@code REDIS_URL}, adopts) the Redis, or starts the cluster, and publishes its address.
   *
   * @param session the session being opened
   */
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if ("cluster".equals(System.getProperty(TOPOLOGY_PROPERTY))) {
      try {
        cluster = RedisCluster.start(3, 1);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start a Redis Cluster for the TCK run", e);
      }
      System.setProperty(CLUSTER_NODES_PROPERTY, cluster.seeds());
      LOG.info("TCK runs against {}", cluster);
      return;
    }
    try {
      redis = RedisLauncher.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not obtain a Redis for the TCK run", e);
    }
    System.setProperty(URL_PROPERTY, redis.url());
    LOG.info("TCK runs against {}", redis);
  }

  /**
   * Stops the Redis or the cluster if this session started one.
   *
   * @param session the session being closed
   */
  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (redis != null) {
      System.clearProperty(URL_PROPERTY);
      redis.close();
      redis = null;
    }
    if (cluster != null) {
      System.clearProperty(CLUSTER_NODES_PROPERTY);
      cluster.close();
      cluster = null;
    }
  }
}
