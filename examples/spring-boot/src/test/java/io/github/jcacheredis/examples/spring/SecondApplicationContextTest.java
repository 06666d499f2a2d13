package io.github.jcacheredis.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the application, each with its own Spring context, JCache CacheManager and Redis connection,
 * share their cache through Redis: what one caches, the other reads without calling its repository.
 *
 * <p>The first instance is the test's context, configured by {@code classpath:jcache-redis.yaml}. The provider
 * hands out one CacheManager per ClassLoader and URI (JSR-107 §4.1), so the second instance reads a copy of the file
 * from another path, as a second deployment would read its own file; with the same URI it would share the first
 * one's CacheManager, and closing either context would close it for both.
 */
@ExtendWith(TestRedis.class)
@SpringBootTest
class SecondApplicationContextTest {

  @TempDir
  static Path deployment;

  static ConfigurableApplicationContext second;

  @Autowired
  ApplicationContext first;

  @BeforeAll
  static void startSecondInstance() throws IOException {
    Path copy = deployment.resolve("jcache-redis.yaml");
    try (InputStream yaml = SecondApplicationContextTest.class.getResourceAsStream("/jcache-redis.yaml")) {
      Files.copy(yaml, copy);
    }
    second = new SpringApplicationBuilder(CatalogueApplication.class)
        .web(WebApplicationType.NONE)
        .run("--spring.cache.jcache.config=" + copy.toUri());
  }

  @AfterAll
  static void stopSecondInstance() {
    if (second != null) {
      second.close();
    }
  }

  @BeforeEach
  void startEmpty() {
    first.getBean(ProductCatalogue.class).forgetAll();
  }

  @Test
  void theInstancesShareNoJavaObjects() {
    javax.cache.CacheManager one = first.getBean(javax.cache.CacheManager.class);
    javax.cache.CacheManager two = second.getBean(javax.cache.CacheManager.class);
    assertThat(one).isNotSameAs(two);
    assertThat(one.getURI()).isNotEqualTo(two.getURI());
    assertThat(one.getCache(ProductCatalogue.CACHE)).isNotSameAs(two.getCache(ProductCatalogue.CACHE));
    assertThat(first.getBean(ProductRepository.class)).isNotSameAs(second.getBean(ProductRepository.class));
  }

  @Test
  void whatTheFirstInstanceCachedTheSecondReadsFromRedis() {
    ProductRepository secondRepository = second.getBean(ProductRepository.class);
    Product cachedByFirst = first.getBean(ProductCatalogue.class).find("p-3");

    int before = secondRepository.lookups();
    Product readBySecond = second.getBean(ProductCatalogue.class).find("p-3");

    assertThat(readBySecond).isEqualTo(cachedByFirst);
    assertThat(secondRepository.lookups()).as("the second instance's repository was not asked").isEqualTo(before);
  }

  @Test
  void anEvictionInOneInstanceIsSeenByTheOther() {
    ProductRepository firstRepository = first.getBean(ProductRepository.class);
    first.getBean(ProductCatalogue.class).find("p-1");
    second.getBean(ProductCatalogue.class).forgetAll();

    int before = firstRepository.lookups();
    first.getBean(ProductCatalogue.class).find("p-1");
    assertThat(firstRepository.lookups() - before).isEqualTo(1);
  }
}
