package io.github.jcacheredis.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisLauncherTest {

  @Test
  void usesRedisUrlWithoutStartingAServer() throws IOException {
    try (RedisLauncher redis = RedisLauncher.start("redis://redis.example:6390", Optional.empty())) {
      assertEquals(RedisSource.ENVIRONMENT, redis.source());
      assertEquals("redis://redis.example:6390", redis.url());
      assertEquals(6390, redis.port());
    }
  }

  @Test
  void takesTheDefaultPortForARedisUrlWithoutOne() throws IOException {
    try (RedisLauncher redis = RedisLauncher.start("redis://:secret@redis.example/2", Optional.empty())) {
      assertEquals(6379, redis.port());
    }
  }

  @Test
  void rejectsARedisUrlThatIsNotAUri() {
    assertThrows(IllegalArgumentException.class, () -> RedisLauncher.start("redis://bad host:1", Optional.empty()));
  }

  @Test
  void startsRedisServerFromThePathWhenNoUrlIsSet() throws IOException {
    Optional<RedisExecutable> onPath = RedisExecutable.onPath();
    assumeTrue(onPath.isPresent(), "no redis-server on the PATH");
    try (RedisLauncher redis = RedisLauncher.start(null, onPath)) {
      assertEquals(RedisSource.PATH, redis.source());
      assertEquals("redis://127.0.0.1:" + redis.port(), redis.url());
      assertEquals("PONG", RawRedis.ping(redis.port()));
    }
  }

  @Test
  void startsTheEmbeddedBinaryWhenNoneIsOnThePath() throws IOException {
    try (RedisLauncher redis = RedisLauncher.start(" ", Optional.empty())) {
      assertEquals(RedisSource.EMBEDDED, redis.source());
      assertEquals("PONG", RawRedis.ping(redis.port()));
      assertEquals(List.of("save", ""), RawRedis.command(redis.port(), "CONFIG", "GET", "save"),
          "Redis 6.2 takes the same --save \"\" argument");
    }
  }

  @Test
  void closeStopsTheStartedServer() throws IOException {
    RedisLauncher redis = RedisLauncher.start(null, RedisExecutable.onPath());
    redis.close();
    assertThrows(ConnectException.class, () -> RawRedis.ping(redis.port()));
  }

  @Test
  void startFollowsTheEnvironment() throws IOException {
    try (RedisLauncher redis = RedisLauncher.start()) {
      String redisUrl = System.getenv(RedisLauncher.REDIS_URL_ENV);
      if (redisUrl != null && !redisUrl.isBlank()) {
        assertEquals(RedisSource.ENVIRONMENT, redis.source());
      } else {
        assertEquals("PONG", RawRedis.ping(redis.port()));
      }
    }
  }
}
