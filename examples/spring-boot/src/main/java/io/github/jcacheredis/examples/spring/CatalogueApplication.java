package io.github.jcacheredis.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * A product catalogue whose lookups are cached in Redis through Spring's cache abstraction and JCache.
 *
 * <p>Nothing here names jcache-redis: {@code spring.cache.type=jcache} and {@code spring.cache.jcache.config} in
 * {@code application.properties} make Spring Boot ask the one JCache provider on the class path for a CacheManager
 * configured by {@code jcache-redis.yaml}, which declares the caches used below.
 */
@SpringBootApplication
@EnableCaching
public class CatalogueApplication {

  /**
   * Runs the catalogue: {@code GET /products/{sku}}, and {@code GET /actuator/health} for Redis's health.
   *
   * @param args Spring Boot arguments, e.g. {@code --server.port=8081}
   */
  public static void main(String[] args) {
    SpringApplication.run(CatalogueApplication.class, args);
  }
}
