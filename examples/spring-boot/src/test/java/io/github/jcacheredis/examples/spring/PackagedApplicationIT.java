package io.github.jcacheredis.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.github.jcacheredis.launcher.ChildJvm;
import io.github.jcacheredis.launcher.RedisInspector;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executable jar, run as {@code java -jar} with nothing but {@code --spring.data.redis.url}: the starter's
 * auto-configuration is found inside the nested jar, the product lands in Redis with the configured TTL, and
 * Actuator shows the {@code redisCache} component and the cache's metrics.
 */
@ExtendWith(TestRedis.class)
class PackagedApplicationIT {

  private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");
  private static final Duration STARTUP = Duration.ofSeconds(90);

  @TempDir
  static Path folder;

  static ChildJvm application;
  static Path log;
  static URI base;

  @BeforeAll
  static void startTheJar() throws Exception {
    Path jar = Path.of(System.getProperty("packagedJar"));
    assertThat(jar).exists();
    log = folder.resolve("application.log");
    application = ChildJvm.jar(jar).arguments("--server.port=0", "--spring.data.redis.url=" + TestRedis.url())
        .outputTo(log).mergeErrors().start();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (base == null) {
      assertThat(application.isAlive()).as("the application is running; its log:%n%s", logText()).isTrue();
      assertThat(System.nanoTime() - deadline).as("started within %s; its log:%n%s", STARTUP, logText())
          .isNegative();
      Matcher started = STARTED.matcher(logText());
      if (started.find()) {
        base = URI.create("http://127.0.0.1:" + started.group(1));
      } else {
        Thread.sleep(100);
      }
    }
  }

  @AfterAll
  static void stopTheJar() throws InterruptedException {
    if (application != null) {
      application.close();
    }
  }

  @Test
  void theProductIsCachedInRedisAndActuatorShowsTheHealthComponentAndTheMetrics() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> product = http.send(HttpRequest.newBuilder(base.resolve("/products/p-3")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(product.statusCode()).as(product.body()).isEqualTo(200);
    assertThat(product.body()).contains("Monitor arm");
    try (RedisInspector redis = new RedisInspector(TestRedis.url())) {
      assertThat(redis.pttl("catalogue:products:p-3")).isBetween(1L, 600_000L);
    }

    HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(JsonPath.<String>read(health.body(), "$.components.redisCache.status")).isEqualTo("UP");

    HttpResponse<String> gets = http.send(HttpRequest.newBuilder(base.resolve("/actuator/metrics/cache.gets"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(gets.statusCode()).as(gets.body()).isEqualTo(200);
    List<String> caches = JsonPath.read(gets.body(), "$.availableTags[?(@.tag == 'cache')].values[*]");
    assertThat(caches).contains(ProductCatalogue.CACHE);
  }

  private static String logText() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
