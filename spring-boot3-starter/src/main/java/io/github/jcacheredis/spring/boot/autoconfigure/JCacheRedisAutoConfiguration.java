package io.github.jcacheredis.spring.boot.autoconfigure;

import io.github.jcacheredis.RedisCachingProvider;
import java.util.List;
import javax.cache.Caching;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizer;
import org.springframework.boot.autoconfigure.cache.CacheManagerCustomizers;
import org.springframework.boot.autoconfigure.cache.JCacheManagerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * The application's caches on jcache-redis (Spring Boot 3): a JCache CacheManager on the Redis of
 * {@code spring.data.redis.*}, and a Spring CacheManager over it that creates the caches the application names on
 * first use. It runs before Spring Boot's {@code CacheAutoConfiguration}, which then backs off, so
 * {@code spring.cache.type=jcache} is not needed; setting {@code spring.cache.type} to another type, or
 * {@code spring.cache.jcache.provider} to another provider, turns it off.
 *
 * <p>Spring Boot's {@code JCacheManagerCustomizer} and {@code CacheManagerCustomizer} beans apply as they do to
 * Spring Boot's own JCache support. The Spring Boot 4 starter has the same class, with Spring Boot 4's packages.
 */
@AutoConfiguration(before = CacheAutoConfiguration.class)
@ConditionalOnClass({Caching.class, JCacheCacheManager.class, RedisCachingProvider.class})
@ConditionalOnProperty(prefix = "spring.cache", name = "type", havingValue = "jcache", matchIfMissing = true)
@Conditional(JCacheRedisProviderCondition.class)
@EnableConfigurationProperties(JCacheRedisProperties.class)
public class JCacheRedisAutoConfiguration {

  /** Created by Spring Boot. */
  public JCacheRedisAutoConfiguration() {
  }

  /**
   * @param environment  the application's environment ({@code spring.data.redis.*}, {@code spring.cache.*})
   * @param resources    resolves {@code spring.cache.jcache.config}
   * @param beanFactory  knows the application's packages
   * @param properties   {@code jcache-redis.*}
   * @param customizers  Spring Boot's JCache customizers, applied in order
   * @return the JCache CacheManager, closed with the context
   */
  @Bean
  @ConditionalOnMissingBean
  public javax.cache.CacheManager jCacheCacheManager(Environment environment, ResourceLoader resources,
      BeanFactory beanFactory, JCacheRedisProperties properties,
      ObjectProvider<JCacheManagerCustomizer> customizers) {
    javax.cache.CacheManager cacheManager = ApplicationCacheManager.open(environment, resources,
        resources.getClassLoader(), properties, applicationPackages(beanFactory));
    customizers.orderedStream().forEach(customizer -> customizer.customize(cacheManager));
    return cacheManager;
  }

  /**
   * @param cacheManager the JCache CacheManager
   * @param properties   {@code jcache-redis.*}, whose defaults configure caches created on first use
   * @param customizers  Spring Boot's cache manager customizers, applied in order
   * @return Spring's CacheManager, used by {@code @Cacheable} and friends
   */
  @Bean
  @ConditionalOnBean(CacheAspectSupport.class)
  @ConditionalOnMissingBean(value = CacheManager.class, name = "cacheResolver")
  public OnDemandJCacheCacheManager cacheManager(javax.cache.CacheManager cacheManager,
      JCacheRedisProperties properties, ObjectProvider<CacheManagerCustomizer<?>> customizers) {
    OnDemandJCacheCacheManager springCacheManager = new OnDemandJCacheCacheManager(cacheManager,
        () -> CacheDefaults.configuration(properties.getDefaults()));
    return new CacheManagerCustomizers(customizers.orderedStream().toList()).customize(springCacheManager);
  }

  private static List<String> applicationPackages(BeanFactory beanFactory) {
    return AutoConfigurationPackages.has(beanFactory) ? AutoConfigurationPackages.get(beanFactory) : List.of();
  }
}
