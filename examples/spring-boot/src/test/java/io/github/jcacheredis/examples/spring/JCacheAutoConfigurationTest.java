package io.github.jcacheredis.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jcacheredis.RedisCacheManager;
import io.github.jcacheredis.RedisCachingProvider;
import java.net.URI;
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

/**
 * The starter configures the caches from Spring's own properties: no {@code spring.cache.*} setting, no YAML file,
 * the Redis address from {@code spring.data.redis.url}.
 */
@ExtendWith(TestRedis.class)
@SpringBootTest
class JCacheAutoConfigurationTest {

  @Autowired
  Environment environment;
  @Autowired
  CacheManager springCacheManager;
  @Autowired
  javax.cache.CacheManager jcacheManager;
  @Autowired
  ProductCatalogue catalogue;

  @Test
  void noSpringCachePropertyIsNeeded() {
    assertThat(environment.containsProperty("spring.cache.type")).isFalse();
    assertThat(environment.containsProperty("spring.cache.jcache.config")).isFalse();
    assertThat(environment.containsProperty("spring.cache.jcache.provider")).isFalse();
    List<CachingProvider> providers = new ArrayList<>();
    Caching.getCachingProviders().forEach(providers::add);
    assertThat(providers).singleElement().isInstanceOf(RedisCachingProvider.class);
    assertThat(jcacheManager.getCachingProvider()).isInstanceOf(RedisCachingProvider.class);
  }

  @Test
  void springCachesAreBackedByTheRedisCacheManagerOnTheRedisOfSpringDataRedisUrl() {
    assertThat(springCacheManager).isInstanceOf(JCacheCacheManager.class);
    assertThat(((JCacheCacheManager) springCacheManager).getCacheManager()).isSameAs(jcacheManager);
    RedisCacheManager redis = jcacheManager.unwrap(RedisCacheManager.class);
    assertThat(redis.settings().keyPrefix()).isEqualTo("catalogue");
    assertThat(redis.settings().port())
        .isEqualTo(URI.create(environment.getProperty("spring.data.redis.url")).getPort());
  }

  @Test
  void theCacheManagerIsNamedAfterTheApplication() {
    assertThat(jcacheManager.getURI().toString()).startsWith("jcache-redis://spring/catalogue");
  }

  @Test
  void theProductsCacheIsCreatedOnFirstUseWithTheConfiguredExpiryAndStatistics() {
    catalogue.find("p-1");
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
