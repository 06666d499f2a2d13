package io.github.jcacheredis.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer {@code cache.*} metrics for the caches created on first use (Spring Boot 4). Spring Boot binds the
 * caches that exist when the context starts; this binds each one {@link OnDemandJCacheCacheManager} adds later,
 * with the same {@code cache} and {@code cache.manager} tags.
 */
@AutoConfiguration(after = JCacheRedisAutoConfiguration.class)
@ConditionalOnClass({MeterRegistry.class, CacheMetricsRegistrar.class})
public class JCacheRedisCacheMetricsAutoConfiguration {

  /** Created by Spring Boot. */
  public JCacheRedisCacheMetricsAutoConfiguration() {
  }

  /**
   * @param registrar   Spring Boot's cache metrics registrar, present when metrics are on
   * @param beanFactory holds the Spring CacheManagers
   * @return what binds later caches once every singleton, the registrar included, exists
   */
  @Bean
  public static SmartInitializingSingleton jcacheRedisCacheMetricsBinder(ObjectProvider<CacheMetricsRegistrar> registrar,
      ListableBeanFactory beanFactory) {
    return () -> registrar.ifAvailable(metrics -> beanFactory.getBeansOfType(OnDemandJCacheCacheManager.class)
        .forEach((beanName, cacheManager) -> cacheManager.onCacheCreated(cache -> metrics.bindCacheToRegistry(cache,
            Tag.of("cache.manager", CacheManagerTag.of(beanName))))));
  }
}
