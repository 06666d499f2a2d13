package io.github.jcacheredis.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jcacheredis.launcher.RedisServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

/** Actuator's health endpoint reports the Redis behind the cache: UP with its latency, DOWN when it is gone. */
@ExtendWith(TestRedis.class)
@SpringBootTest
class RedisCacheHealthIndicatorTest {

  @TempDir
  Path folder;

  @Autowired
  ConfigurableApplicationContext application;

  @Test
  void upWithTheRoundTripTimeWhenRedisAnswers() {
    Health health = redisCacheHealth(application);
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat((Double) health.getDetails().get("latencyMillis")).isPositive().isLessThan(1_000.0);
    assertThat(health.getDetails()).containsKeys("redis", "cacheManager");
    assertThat(overall(application)).isEqualTo(Status.UP);
  }

  @Test
  void downWhenRedisStopsAnswering() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      Path yaml = folder.resolve("down.yaml");
      Files.writeString(yaml, String.join("\n",
          "redis:",
          "  url: " + redis.url(),
          "  timeout: 300ms",
          "  connectTimeout: 300ms",
          "  retryAttempts: 0",
          "keyPrefix: catalogue",
          "allowedPackages: [io.github.jcacheredis.examples.spring]",
          "caches:",
          "  products: {expiry: {type: created, duration: 10m}}",
          ""));
      try (ConfigurableApplicationContext context = start(yaml.toUri().toString())) {
        assertThat(redisCacheHealth(context).getStatus()).isEqualTo(Status.UP);

        redis.kill();

        long start = System.nanoTime();
        Health health = redisCacheHealth(context);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsKey("error").containsKey("redis").doesNotContainKey("latencyMillis");
        assertThat(tookMillis).as("a probe of a dead Redis returns promptly").isLessThan(5_000);
        assertThat(overall(context)).isEqualTo(Status.DOWN);
      }
    }
  }

  private static ConfigurableApplicationContext start(String configLocation) {
    return new SpringApplicationBuilder(CatalogueApplication.class)
        .web(WebApplicationType.NONE)
        .run("--spring.cache.jcache.config=" + configLocation);
  }

  private static Health redisCacheHealth(ConfigurableApplicationContext context) {
    HealthComponent component = context.getBean(HealthEndpoint.class).healthForPath("redisCache");
    assertThat(component).isInstanceOf(Health.class);
    return (Health) component;
  }

  private static Status overall(ConfigurableApplicationContext context) {
    HealthComponent health = context.getBean(HealthEndpoint.class).health();
    assertThat(health).isInstanceOf(CompositeHealth.class);
    return health.getStatus();
  }
}
