package io.github.jcacheredis.spring.boot.autoconfigure;

import io.github.jcacheredis.RedisCachingProvider;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches unless {@code spring.cache.jcache.provider} names another JCache provider: an application that asks for
 * Ehcache or Caffeine by name keeps Spring Boot's own JCache support, with the provider it named.
 */
final class JCacheRedisProviderCondition extends SpringBootCondition {

  private static final String PROPERTY = "spring.cache.jcache.provider";

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String provider = context.getEnvironment().getProperty(PROPERTY);
    if (provider == null || provider.isBlank()) {
      return ConditionOutcome.match(PROPERTY + " is not set");
    }
    if (provider.trim().equals(RedisCachingProvider.class.getName())) {
      return ConditionOutcome.match(PROPERTY + " names jcache-redis");
    }
    return ConditionOutcome.noMatch(PROPERTY + " names " + provider.trim());
  }
}
