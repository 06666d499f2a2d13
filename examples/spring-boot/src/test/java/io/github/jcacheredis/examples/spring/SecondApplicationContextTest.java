package io.github.jcacheredis.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
 * <p>The first instance is the test's context. The provider hands out one CacheManager per ClassLoader and URI
 * (JSR-107 §4.1); the starter names each context's CacheManager after the application, with a suffix for the second
 * and later contexts of a JVM, so the two instances never share one, which closing either context would close for
 * both.
 */
@ExtendWith(TestRedis.class)
@SpringBootTest
class SecondApplicationContextTest {

  static ConfigurableApplicationContext second;

  @Autowired
  ApplicationContext first;

  @BeforeAll
  static void startSecondInstance() {
    second = new SpringApplicationBuilder(CatalogueApplication.class)
        .web(WebApplicationType.NONE)
        .run();
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
