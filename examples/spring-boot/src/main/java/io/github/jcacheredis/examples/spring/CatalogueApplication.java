package io.github.jcacheredis.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * A product catalogue whose lookups are cached in Redis through Spring's cache abstraction and JCache.
 *
 * <p>Nothing here names jcache-redis: with {@code jcache-redis-spring-boot-starter} on the class path, the Spring
 * CacheManager is jcache-redis's, on the Redis of {@code spring.data.redis.*}, and it creates the caches the
 * application names on first use with the defaults of {@code application.properties} ({@code jcache-redis.*}).
 */
@SpringBootApplication
@EnableCaching
public class CatalogueApplication {

  /**
   * Runs the catalogue: {@code GET /products/{sku}}, {@code GET /actuator/health} for Redis's health and
   * {@code GET /actuator/metrics/cache.gets} for the cache's hits and misses.
   *
   * @param args Spring Boot arguments, e.g. {@code --server.port=8081}
   */
  public static void main(String[] args) {
    SpringApplication.run(CatalogueApplication.class, args);
  }
}
