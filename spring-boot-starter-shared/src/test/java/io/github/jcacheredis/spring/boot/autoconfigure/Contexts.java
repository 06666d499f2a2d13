package io.github.jcacheredis.spring.boot.autoconfigure;

import io.github.jcacheredis.RedisCacheManager;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

/** Application contexts with the starter's auto-configuration and Spring Boot's, the same on both Boot lines. */
final class Contexts {

  private Contexts() {
  }

  /** An application that uses Spring's cache annotations and configures nothing else. */
  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  static class CachingApplication {
  }

  /**
   * @return a runner of the starter's auto-configuration before Spring Boot's {@code CacheAutoConfiguration}, which
   *     is {@code org.springframework.boot.cache.autoconfigure} on Spring Boot 4 and
   *     {@code org.springframework.boot.autoconfigure.cache} on Spring Boot 3
   */
  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JCacheRedisAutoConfiguration.class, bootCacheAutoConfiguration()))
        .withUserConfiguration(CachingApplication.class);
  }

  private static Class<?> bootCacheAutoConfiguration() {
    for (String name : new String[] {"org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration",
        "org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration"}) {
      try {
        return Class.forName(name);
      } catch (ClassNotFoundException e) {
        // the other Spring Boot line
      }
    }
    throw new IllegalStateException("No Spring Boot CacheAutoConfiguration on the class path");
  }

  /** @return the context's JCache CacheManager, as the provider's type */
  static RedisCacheManager jcache(ApplicationContext context) {
    return context.getBean(javax.cache.CacheManager.class).unwrap(RedisCacheManager.class);
  }

  /** @return the expiry policy a cache was created with */
  static ExpiryPolicy expiryOf(Cache<?, ?> cache) {
    @SuppressWarnings("unchecked")
    CompleteConfiguration<Object, Object> configuration = cache.getConfiguration(CompleteConfiguration.class);
    return configuration.getExpiryPolicyFactory().create();
  }

  /** @return a JSR-107 duration in minutes */
  static Duration minutes(long minutes) {
    return new Duration(TimeUnit.MINUTES, minutes);
  }
}
