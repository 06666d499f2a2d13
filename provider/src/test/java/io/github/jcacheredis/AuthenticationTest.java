package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.PrivateRedis;
import io.github.jcacheredis.launcher.RedisServerProcess;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.net.URI;
import java.util.Properties;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The password (and ACL user) of the URL authenticate the connection; a wrong one fails without being shown. */
class AuthenticationTest {

  @RegisterExtension
  static final PrivateRedis<RedisServerProcess> REDIS = PrivateRedis.server();

  @BeforeAll
  static void lock(RedisServerProcess server) {
    // Set after the start: the launcher's readiness probe does not authenticate.
    try (RespClient admin = new RespClient("127.0.0.1", server.port())) {
      admin.call("ACL", "SETUSER", "app", "on", ">appSecret", "~*", "&*", "+@all");
      admin.call("CONFIG", "SET", "requirepass", "defaultSecret");
    }
  }

  private static CacheManager manager(String userInfo) {
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, "redis://" + userInfo + "@127.0.0.1:" + REDIS.get().port());
    properties.setProperty(ProviderSettings.CONNECT_TIMEOUT_MILLIS, "500");
    properties.setProperty(ProviderSettings.RETRY_ATTEMPTS, "0");
    CachingProvider provider = TestRedis.provider();
    return provider.getCacheManager(URI.create("auth-test://" + UUID.randomUUID()), provider.getDefaultClassLoader(),
        properties);
  }

  private static void roundTrip(CacheManager manager) {
    Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class));
    cache.put("k", "v");
    assertEquals("v", cache.get("k"));
  }

  @Test
  void thePasswordOfTheUrlAuthenticatesTheDefaultUser() {
    try (CacheManager manager = manager(":defaultSecret")) {
      roundTrip(manager);
    }
  }

  @Test
  void theUserAndPasswordOfTheUrlAuthenticateAnAclUser() {
    try (CacheManager manager = manager("app:appSecret")) {
      roundTrip(manager);
    }
  }

  @Test
  void aWrongPasswordFailsTheCacheManagerWithoutShowingIt() {
    CacheException e = assertThrows(CacheException.class, () -> manager(":wrongSecret"));
    assertFalse(e.getMessage().contains("wrongSecret"), e.getMessage());
  }
}
