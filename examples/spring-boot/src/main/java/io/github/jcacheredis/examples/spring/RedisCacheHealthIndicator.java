package io.github.jcacheredis.examples.spring;

import io.github.jcacheredis.RedisCacheManager;
import java.time.Duration;
import java.util.Objects;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Actuator's {@code redisCache} health component: UP with the round-trip time of a {@code PING} when the Redis
 * behind the JCache CacheManager answers, DOWN with the reason when it does not.
 *
 * <p>The check is one round trip bounded by the provider's command timeout ({@code redis.timeout} in the YAML),
 * so a health probe never hangs on an unreachable Redis.
 */
@Component
public class RedisCacheHealthIndicator implements HealthIndicator {

  private final CacheManager cacheManager;

  /**
   * @param cacheManager the JCache CacheManager Spring Boot created from {@code spring.cache.jcache.config}
   */
  public RedisCacheHealthIndicator(CacheManager cacheManager) {
    this.cacheManager = Objects.requireNonNull(cacheManager, "cacheManager");
  }

  @Override
  public Health health() {
    RedisCacheManager redis = cacheManager.unwrap(RedisCacheManager.class);
    Health.Builder health;
    try {
      Duration latency = redis.ping();
      health = Health.up().withDetail("latencyMillis", latency.toNanos() / 1_000_000.0);
    } catch (CacheException | IllegalStateException e) {
      // CacheException: Redis did not answer in time; IllegalStateException: the CacheManager is closed
      health = Health.down(e);
    }
    return health
        .withDetail("redis", redis.settings().topology().toString())
        .withDetail("cacheManager", redis.getURI().toString())
        .build();
  }
}
