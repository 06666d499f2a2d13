package io.github.jcacheredis.examples.spring;

import io.github.jcacheredis.launcher.RedisLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Redis these tests run against: {@code REDIS_URL} if set, otherwise a private redis-server started once for
 * the test JVM. Before a test class's application contexts start, it sets the {@code jcacheredis.url} system
 * property, which is where the provider looks for the address that {@code jcache-redis.yaml} leaves unset.
 */
public final class TestRedis implements BeforeAllCallback {

  private static RedisLauncher launcher;

  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty("jcacheredis.url", url());
  }

  /** @return the URL of the test Redis, starting it on first use */
  public static synchronized String url() {
    if (launcher == null) {
      try {
        launcher = RedisLauncher.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start a Redis for the tests", e);
      }
      RedisLauncher started = launcher;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-redis-stop"));
    }
    return launcher.url();
  }
}
