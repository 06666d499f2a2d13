package io.github.jcacheredis.spring.boot.autoconfigure;

import io.github.jcacheredis.RedisCacheManager;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.cache.CacheException;
import javax.cache.CacheManager;

/**
 * The health check behind the {@code redisCache} component of {@code /actuator/health}, apart from Actuator's types
 * (which live in a different package on each Spring Boot line): one {@code PING} to every master, bounded by the
 * provider's command timeout, so that a probe never hangs on an unreachable Redis.
 */
final class RedisPing {

  private final CacheManager cacheManager;

  RedisPing(CacheManager cacheManager) {
    this.cacheManager = Objects.requireNonNull(cacheManager, "cacheManager");
  }

  /** @return the outcome of one check */
  Outcome check() {
    RedisCacheManager redis = cacheManager.unwrap(RedisCacheManager.class);
    Map<String, Object> details = new LinkedHashMap<>();
    RuntimeException failure = null;
    try {
      Duration latency = redis.ping();
      details.put("latencyMillis", latency.toNanos() / 1_000_000.0);
    } catch (CacheException | IllegalStateException e) {
      // CacheException: Redis did not answer in time; IllegalStateException: the CacheManager is closed
      failure = e;
    }
    // The topology's text masks the password (RedisAddress.toString).
    details.put("redis", redis.settings().redis());
    details.put("cacheManager", redis.getURI().toString());
    return new Outcome(failure, details);
  }

  /**
   * The outcome of one check.
   *
   * @param failure why Redis did not answer, or {@code null} when it did
   * @param details the round trip (when Redis answered), the Redis topology and the CacheManager's URI, in order
   */
  record Outcome(RuntimeException failure, Map<String, Object> details) {

    Outcome {
      details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** @return whether Redis answered */
    boolean up() {
      return failure == null;
    }
  }
}
