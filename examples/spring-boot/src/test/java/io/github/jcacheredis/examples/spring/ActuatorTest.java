package io.github.jcacheredis.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.github.jcacheredis.launcher.RedisServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the starter adds to Actuator, read over HTTP as a monitoring system reads it: the {@code redisCache} health
 * component, UP with its latency and DOWN when Redis is gone, and the {@code cache.*} metrics of the products cache.
 * The application runs as {@code main} runs it, not as a {@code @SpringBootTest}, which turns metrics export off.
 */
@ExtendWith(TestRedis.class)
class ActuatorTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static ConfigurableApplicationContext application;
  static int port;
  static ProductCatalogue catalogue;

  @BeforeAll
  static void startTheApplication() {
    application = new SpringApplicationBuilder(CatalogueApplication.class).run("--server.port=0");
    port = localPort(application);
    catalogue = application.getBean(ProductCatalogue.class);
  }

  @AfterAll
  static void stopTheApplication() {
    if (application != null) {
      application.close();
    }
  }

  @Test
  void theRedisCacheHealthComponentIsUpWithTheRoundTripTime() throws Exception {
    HttpResponse<String> health = get(port, "/actuator/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(JsonPath.<String>read(health.body(), "$.components.redisCache.status")).isEqualTo("UP");
    assertThat(JsonPath.<Double>read(health.body(), "$.components.redisCache.details.latencyMillis"))
        .isPositive().isLessThan(1_000.0);
    assertThat(JsonPath.<String>read(health.body(), "$.components.redisCache.details.redis")).startsWith("redis");
    assertThat(JsonPath.<String>read(health.body(), "$.components.redisCache.details.cacheManager"))
        .startsWith("jcache-redis://spring/catalogue");
  }

  @Test
  void theProductsCacheHasMetricsCountingHitsAndMisses() throws Exception {
    catalogue.forgetAll();
    double hits = measurement("/actuator/metrics/cache.gets?tag=cache:products&tag=result:hit");
    double misses = measurement("/actuator/metrics/cache.gets?tag=cache:products&tag=result:miss");
    catalogue.find("p-3");
    catalogue.find("p-3");
    catalogue.find("p-3");
    assertThat(measurement("/actuator/metrics/cache.gets?tag=cache:products&tag=result:hit")).isEqualTo(hits + 2);
    assertThat(measurement("/actuator/metrics/cache.gets?tag=cache:products&tag=result:miss")).isEqualTo(misses + 1);
    Map<String, Object> products = JsonPath.read(get(port, "/actuator/caches").body(),
        "$.cacheManagers.cacheManager.caches.products");
    assertThat(products).containsKey("target");
  }

  @Test
  void theComponentGoesDownWhenRedisStopsAnswering() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start();
        ConfigurableApplicationContext down = new SpringApplicationBuilder(CatalogueApplication.class).run(
            "--server.port=0", "--spring.data.redis.url=" + redis.url(), "--jcache-redis.timeout=300ms",
            "--jcache-redis.connect-timeout=300ms", "--jcache-redis.retry-attempts=0")) {
      int applicationPort = localPort(down);
      assertThat(JsonPath.<String>read(get(applicationPort, "/actuator/health/redisCache").body(), "$.status"))
          .isEqualTo("UP");

      redis.kill();

      // One PING bounded by the 300 ms command timeout: the probe returns instead of hanging.
      HttpResponse<String> health = get(applicationPort, "/actuator/health");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
      assertThat(JsonPath.<String>read(health.body(), "$.status")).isEqualTo("DOWN");
      assertThat(JsonPath.<String>read(health.body(), "$.components.redisCache.status")).isEqualTo("DOWN");
      assertThat(JsonPath.<String>read(health.body(), "$.components.redisCache.details.error")).isNotBlank();
      assertThat(health.body()).doesNotContain("latencyMillis");
    }
  }

  private static int localPort(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  private static double measurement(String path) throws Exception {
    HttpResponse<String> metric = get(port, path);
    assertThat(metric.statusCode()).as(metric.body()).isEqualTo(200);
    return JsonPath.<Double>read(metric.body(), "$.measurements[0].value");
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
