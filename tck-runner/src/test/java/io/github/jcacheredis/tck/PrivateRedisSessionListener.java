package io.github.jcacheredis.tck;

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
 * server through the {@value #URL_PROPERTY} system property.
 */
public final class PrivateRedisSessionListener implements LauncherSessionListener {

  /** The system property the provider reads its Redis address from. */
  public static final String URL_PROPERTY = "jcacheredis.url";

  private static final Logger LOG = LoggerFactory.getLogger(PrivateRedisSessionListener.class);

  private RedisLauncher redis;

  /** Creates the listener; the JUnit Platform does so through the service loader. */
  public PrivateRedisSessionListener() {}

  /**
   * Starts (or, with {@code REDIS_URL}, adopts) the Redis and publishes its address.
   *
   * @param session the session being opened
   */
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    try {
      redis = RedisLauncher.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not obtain a Redis for the TCK run", e);
    }
    System.setProperty(URL_PROPERTY, redis.url());
    LOG.info("TCK runs against {}", redis);
  }

  /**
   * Stops the Redis if this session started one.
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
  }
}
