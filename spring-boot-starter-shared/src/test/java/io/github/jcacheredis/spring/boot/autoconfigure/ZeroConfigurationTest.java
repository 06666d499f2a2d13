package io.github.jcacheredis.spring.boot.autoconfigure;

import io.github.jcacheredis.launcher.RedisInspector;
import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.github.jcacheredis.RedisCacheManager;
import io.github.jcacheredis.launcher.PrivateRedis;
import io.github.jcacheredis.launcher.RedisServerProcess;
import io.github.jcacheredis.spring.boot.testapp.Greeter;
import io.github.jcacheredis.spring.boot.testapp.Greeting;
import io.github.jcacheredis.spring.boot.testapp.GreetingApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application whose only cache setting is {@code spring.data.redis.url}, pointing at a private redis-server: no
 * YAML file, no {@code spring.cache.*}, no {@code jcache-redis.*}, and a {@code @Cacheable("x")} on a cache declared
 * nowhere. The only other settings are Actuator's, which by default shows neither the metrics endpoint over HTTP nor
 * the components of {@code /actuator/health}, and a free web port.
 */
class ZeroConfigurationTest {

  @RegisterExtension
  static final PrivateRedis<RedisServerProcess> REDIS = PrivateRedis.server();
  static ConfigurableApplicationContext application;
  static URI base;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void startTheApplication(RedisServerProcess redis) {
    application = new SpringApplicationBuilder(GreetingApplication.class).run(
        "--spring.data.redis.url=" + redis.url(),
        "--server.port=0",
        "--management.endpoints.web.exposure.include=health,metrics",
        "--management.endpoint.health.show-components=always");
    base = URI.create("http://127.0.0.1:" + application.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stopTheApplication() {
    if (application != null) {
      application.close();
    }
  }

  @Test
  void anUndeclaredCacheIsCreatedOnFirstUseAndTheSecondCallIsServedFromRedis() {
    Greeter greeter = application.getBean(Greeter.class);
    int before = greeter.calls();

    Greeting first = greeter.greet("Ada");
    Greeting second = greeter.greet("Ada");

    assertThat(second).isEqualTo(first).isEqualTo(new Greeting("Hello, Ada"));
    assertThat(greeter.calls() - before).isEqualTo(1);
    try (RedisInspector raw = new RedisInspector(REDIS.get().url())) {
      assertThat(raw.exists("jcache:x:Ada")).as("the entry is the Redis key <prefix>:<cache>:<key>").isTrue();
      assertThat(raw.pttl("jcache:x:Ada")).as("eternal by default").isEqualTo(-1L);
      raw.call("DEL", "jcache:x:Ada");
    }
    greeter.greet("Ada");
    assertThat(greeter.calls() - before).as("once the key is gone from Redis, the method runs again").isEqualTo(2);
  }

  @Test
  void theCacheManagersAreJcacheRedisOnTheRedisOfSpringDataRedisUrl() {
    CacheManager springCacheManager = application.getBean(CacheManager.class);
    assertThat(springCacheManager).isInstanceOf(OnDemandJCacheCacheManager.class);
    RedisCacheManager jcache = application.getBean(javax.cache.CacheManager.class).unwrap(RedisCacheManager.class);
    assertThat(jcache.settings().port()).isEqualTo(REDIS.get().port());
    assertThat(jcache.settings().addressSource()).isEqualTo("CacheManager property jcacheredis.url");
    // "application" is the default spring.application.name; a suffix follows it if other contexts came first.
    assertThat(jcache.getURI().toString()).startsWith("jcache-redis://spring/application");
  }

  @Test
  void theHealthEndpointShowsTheRedisCacheComponentUp() throws Exception {
    HttpResponse<String> component = get("/actuator/health/redisCache");
    assertThat(component.statusCode()).as(component.body()).isEqualTo(200);
    assertThat(JsonPath.<String>read(component.body(), "$.status")).isEqualTo("UP");
    String health = get("/actuator/health").body();
    assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
    assertThat(JsonPath.<String>read(health, "$.components.redisCache.status")).isEqualTo("UP");
  }

  @Test
  void cacheMetricsListTheCacheCreatedOnFirstUseAndCountItsHits() throws Exception {
    Greeter greeter = application.getBean(Greeter.class);
    greeter.greet("Grace");
    double hits = hits();
    greeter.greet("Grace");

    HttpResponse<String> gets = get("/actuator/metrics/cache.gets");
    assertThat(gets.statusCode()).as(gets.body()).isEqualTo(200);
    List<String> caches = JsonPath.read(gets.body(), "$.availableTags[?(@.tag == 'cache')].values[*]");
    assertThat(caches).contains(Greeter.CACHE);
    assertThat(hits()).isEqualTo(hits + 1);
  }

  private static double hits() throws Exception {
    HttpResponse<String> hits = get("/actuator/metrics/cache.gets?tag=cache:x&tag=result:hit");
    assertThat(hits.statusCode()).as(hits.body()).isEqualTo(200);
    return JsonPath.<Double>read(hits.body(), "$.measurements[0].value");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
