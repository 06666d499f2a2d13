package io.github.jcacheredis.spring.boot.autoconfigure;

import javax.cache.CacheManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code redisCache} health component, when Actuator's health support is on the class path (Spring Boot 3);
 * {@code management.health.redis-cache.enabled=false} turns it off.
 */
@AutoConfiguration(after = JCacheRedisAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(value = CacheManager.class, name = "jCacheCacheManager")
@ConditionalOnEnabledHealthIndicator("redis-cache")
public class JCacheRedisHealthAutoConfiguration {

  /** Created by Spring Boot. */
  public JCacheRedisHealthAutoConfiguration() {
  }

  /**
   * @param jCacheCacheManager the JCache CacheManager the starter opened
   * @return the health indicator, named {@code redisCache} by Actuator after its bean name
   */
  @Bean
  @ConditionalOnMissingBean(name = "redisCacheHealthIndicator")
  public RedisCacheHealthIndicator redisCacheHealthIndicator(CacheManager jCacheCacheManager) {
    return new RedisCacheHealthIndicator(jCacheCacheManager);
  }
}
