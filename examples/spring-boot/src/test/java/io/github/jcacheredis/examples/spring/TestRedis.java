package io.github.jcacheredis.examples.spring;

import io.github.jcacheredis.launcher.RedisLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Redis these tests run against: {@code REDIS_URL} if set, otherwise a private redis-server started once for
 * the test JVM. Before a test class's application contexts start, it sets the {@code spring.data.redis.url} system
 * property, which Spring Boot reads like any other property source and the starter hands to the provider.
 */
public final class TestRedis implements BeforeAllCallback {

  private static RedisLauncher launcher;

  @Override
  public void beforeAll(ExtensionContext context) {
    System.setProperty("spring.data.redis.url", url());
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
