package io.github.jcacheredis.testing;

import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.RedisCachingProvider;
import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.RedisLauncher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Properties;
import java.util.UUID;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * The Redis the provider's tests run against: {@code REDIS_URL} if set, otherwise a private redis-server
 * started once for this test JVM and stopped, by its own process handle, when the JVM exits.
 */
public final class TestRedis {

  private static RedisLauncher launcher;

  private TestRedis() {
  }

  /** @return the URL of the shared test Redis, starting it on first use */
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

  /** @return a raw client to the test Redis, to look at what the provider stored */
  public static RespClient client() {
    URI uri = URI.create(url());
    return new RespClient(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort());
  }

  /** @return our provider, named explicitly (Redisson's unshaded jar is on this module's test classpath) */
  public static CachingProvider provider() {
    return Caching.getCachingProvider(RedisCachingProvider.class.getName());
  }

  /**
   * @param prefix the key prefix, so tests running against a shared Redis never meet
   * @return a new CacheManager on the test Redis under its own URI
   */
  public static CacheManager newManager(String prefix) {
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, url());
    properties.setProperty(ProviderSettings.KEY_PREFIX, prefix);
    CachingProvider provider = provider();
    return provider.getCacheManager(URI.create("test://" + prefix + "/" + UUID.randomUUID()),
        provider.getDefaultClassLoader(), properties);
  }

  /** @return a key prefix unique to this call */
  public static String uniquePrefix(String test) {
    return test + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
