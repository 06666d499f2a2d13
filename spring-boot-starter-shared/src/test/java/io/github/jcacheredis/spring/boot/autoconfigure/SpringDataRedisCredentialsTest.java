package io.github.jcacheredis.spring.boot.autoconfigure;

import io.github.jcacheredis.launcher.RedisInspector;
import static io.github.jcacheredis.spring.boot.autoconfigure.Contexts.jcache;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jcacheredis.launcher.PrivateRedis;
import io.github.jcacheredis.launcher.RedisServerProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cache.CacheManager;

/**
 * {@code spring.data.redis.host}, {@code port}, {@code database} and {@code password}, against a private redis-server
 * that requires the password: the caches connect with them, and a wrong password fails the application's start with
 * an error that names the Spring settings and never shows the password.
 */
class SpringDataRedisCredentialsTest {

  private static final String PASSWORD = "s3cret@with,odd:chars";

  @RegisterExtension
  static final PrivateRedis<RedisServerProcess> REDIS = PrivateRedis.server();

  @BeforeAll
  static void lockRedis(RedisServerProcess redis) throws IOException {
    // Started open, then locked: the launcher's readiness check is a PING without credentials.
    try (RedisInspector raw = new RedisInspector(redis.url())) {
      raw.call("CONFIG", "SET", "requirepass", PASSWORD);
    }
  }

  @Test
  void theCachesConnectWithHostPortDatabaseAndPassword() {
    Contexts.runner().withPropertyValues("spring.data.redis.host=127.0.0.1",
        "spring.data.redis.port=" + REDIS.get().port(), "spring.data.redis.database=2",
        "spring.data.redis.password=" + PASSWORD).run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(jcache(context).settings().port()).isEqualTo(REDIS.get().port());
          assertThat(jcache(context).settings().hasPassword()).as("the password of spring.data.redis, which this Redis requires").isTrue();
          assertThat(jcache(context).settings().database()).isEqualTo(2);

          context.getBean(CacheManager.class).getCache("x").put("k", "v");
          try (RedisInspector raw = new RedisInspector("redis://:" + PASSWORD.replace("@", "%40").replace(",", "%2C")
              .replace(":", "%3A") + "@127.0.0.1:" + REDIS.get().port() + "/2")) {
            assertThat(raw.exists("jcache:x:k")).isTrue();
          }
        });
  }

  @Test
  void aWrongPasswordFailsTheStartNamingTheSettingsButNotThePassword() {
    Contexts.runner().withPropertyValues("spring.data.redis.host=127.0.0.1",
        "spring.data.redis.port=" + REDIS.get().port(), "spring.data.redis.password=wrong-password").run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().message().doesNotContain("wrong-password");
          assertThat(context.getStartupFailure()).hasStackTraceContaining(
                  "jcacheredis.url <- spring.data.redis.host/port/database/username/password")
              .hasStackTraceContaining("127.0.0.1:" + REDIS.get().port());
          assertThat(stackTrace(context.getStartupFailure())).doesNotContain("wrong-password");
        });
  }

  private static String stackTrace(Throwable failure) {
    StringWriter text = new StringWriter();
    failure.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
