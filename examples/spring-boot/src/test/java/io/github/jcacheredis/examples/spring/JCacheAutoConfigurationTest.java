package io.github.jcacheredis.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jcacheredis.RedisCacheManager;
import io.github.jcacheredis.RedisCachingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Caching;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.core.env.Environment;

/** Spring Boot finds jcache-redis on its own and configures it from the YAML file that application.properties names. */
@ExtendWith(TestRedis.class)
@SpringBootTest
class JCacheAutoConfigurationTest {

  @Autowired
  Environment environment;
  @Autowired
  CacheManager springCacheManager;
  @Autowired
  javax.cache.CacheManager jcacheManager;

  @Test
  void noProviderPropertyIsNeededBecauseJcacheRedisIsTheOnlyProvider() {
    assertThat(environment.containsProperty("spring.cache.jcache.provider")).isFalse();
    List<CachingProvider> providers = new ArrayList<>();
    Caching.getCachingProviders().forEach(providers::add);
    assertThat(providers).singleElement().isInstanceOf(RedisCachingProvider.class);
    assertThat(jcacheManager.getCachingProvider()).isInstanceOf(RedisCachingProvider.class);
  }

  @Test
  void springCachesAreBackedByTheRedisCacheManager() {
    assertThat(springCacheManager).isInstanceOf(JCacheCacheManager.class);
    assertThat(((JCacheCacheManager) springCacheManager).getCacheManager()).isSameAs(jcacheManager);
    assertThat(jcacheManager.unwrap(RedisCacheManager.class).settings().keyPrefix()).isEqualTo("catalogue");
  }

  @Test
  void theCacheManagerIsNamedByTheYamlFileFromSpringCacheJcacheConfig() {
    assertThat(environment.getProperty("spring.cache.jcache.config")).isEqualTo("classpath:jcache-redis.yaml");
    // Spring Boot passes the resource's real location, here a file: URI under target/classes.
    assertThat(jcacheManager.getURI().toString()).endsWith("/jcache-redis.yaml");
  }

  @Test
  void theYamlDeclaresTheProductsCacheWithItsExpiryAndStatistics() {
    javax.cache.Cache<Object, Object> products = jcacheManager.getCache(ProductCatalogue.CACHE);
    assertThat(products).isNotNull();
    assertThat(springCacheManager.getCacheNames()).contains(ProductCatalogue.CACHE);
    @SuppressWarnings("unchecked")
    CompleteConfiguration<Object, Object> configuration = products.getConfiguration(CompleteConfiguration.class);
    assertThat(configuration.isStatisticsEnabled()).isTrue();
    ExpiryPolicy expiry = configuration.getExpiryPolicyFactory().create();
    assertThat(expiry).isInstanceOf(CreatedExpiryPolicy.class);
    assertThat(expiry.getExpiryForCreation()).isEqualTo(new Duration(TimeUnit.MINUTES, 10));
  }
}
