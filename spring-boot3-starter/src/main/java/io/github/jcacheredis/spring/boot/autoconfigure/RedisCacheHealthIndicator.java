package io.github.jcacheredis.spring.boot.autoconfigure;

import javax.cache.CacheManager;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Actuator's {@code redisCache} health component (Spring Boot 3): UP with the round-trip time of a {@code PING} when
 * the Redis behind the JCache CacheManager answers, DOWN with the reason when it does not; either way with the
 * Redis address (password masked) and the CacheManager's URI.
 */
public class RedisCacheHealthIndicator implements HealthIndicator {

  private final RedisPing ping;

  /**
   * @param cacheManager the application's JCache CacheManager, on jcache-redis
   */
  public RedisCacheHealthIndicator(CacheManager cacheManager) {
    this.ping = new RedisPing(cacheManager);
  }

  @Override
  public Health health() {
    RedisPing.Outcome outcome = ping.check();
    Health.Builder health = outcome.up() ? Health.up() : Health.down(outcome.failure());
    return health.withDetails(outcome.details()).build();
  }
}
