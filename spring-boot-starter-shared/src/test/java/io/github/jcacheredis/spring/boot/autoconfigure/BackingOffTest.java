package io.github.jcacheredis.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jcacheredis.launcher.PrivateRedis;
import io.github.jcacheredis.launcher.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When the starter steps aside: the application chose another cache, another provider, its own CacheManager, or
 * no health component.
 */
class BackingOffTest {

  @RegisterExtension
  static final PrivateRedis<RedisServerProcess> REDIS = PrivateRedis.server();

  @Test
  void noSpringCacheTypeIsNeededAndJcacheIsAccepted() {
    Contexts.runner().withPropertyValues("spring.data.redis.url=" + REDIS.get().url(), "spring.cache.type=jcache")
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(OnDemandJCacheCacheManager.class)
            .hasSingleBean(CacheManager.class));
  }

  @Test
  void anotherSpringCacheTypeTurnsTheStarterOff() {
    Contexts.runner().withPropertyValues("spring.cache.type=simple").run(context -> assertThat(context)
        .hasNotFailed().doesNotHaveBean(javax.cache.CacheManager.class)
        .getBean(CacheManager.class).isInstanceOf(ConcurrentMapCacheManager.class));
  }

  @Test
  void anotherJcacheProviderTurnsTheStarterOff() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JCacheRedisAutoConfiguration.class))
        .withPropertyValues("spring.cache.jcache.provider=org.ehcache.jsr107.EhcacheCachingProvider")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(javax.cache.CacheManager.class));
  }

  @Test
  void anApplicationsOwnSpringCacheManagerIsKeptBesideTheJcacheCacheManager() {
    Contexts.runner().withPropertyValues("spring.data.redis.url=" + REDIS.get().url())
        .withUserConfiguration(OwnCacheManager.class)
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(javax.cache.CacheManager.class)
            .getBean(CacheManager.class).isInstanceOf(ConcurrentMapCacheManager.class));
  }

  @Test
  void withoutEnableCachingOnlyTheJcacheCacheManagerIsConfigured() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JCacheRedisAutoConfiguration.class))
        .withPropertyValues("spring.data.redis.url=" + REDIS.get().url())
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(javax.cache.CacheManager.class)
            .doesNotHaveBean(CacheManager.class));
  }

  @Test
  void theHealthComponentIsThereUnlessManagementHealthRedisCacheIsDisabled() {
    ApplicationContextRunner withHealth = Contexts.runner()
        .withConfiguration(AutoConfigurations.of(JCacheRedisHealthAutoConfiguration.class))
        .withPropertyValues("spring.data.redis.url=" + REDIS.get().url());
    withHealth.run(context -> assertThat(context).hasNotFailed().hasBean("redisCacheHealthIndicator"));
    withHealth.withPropertyValues("management.health.redis-cache.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("redisCacheHealthIndicator"));
  }

  /** An application that defines its own Spring CacheManager. */
  @Configuration(proxyBeanMethods = false)
  static class OwnCacheManager {
    @Bean
    CacheManager cacheManager() {
      return new ConcurrentMapCacheManager();
    }
  }
}
