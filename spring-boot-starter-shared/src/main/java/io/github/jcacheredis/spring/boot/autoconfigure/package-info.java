/**
 * Spring Boot auto-configuration of jcache-redis: with the starter on the class path, the application's JCache
 * CacheManager and Spring CacheManager are jcache-redis's, on the Redis of {@code spring.data.redis.*}, creating the
 * caches the application names on first use ({@link io.github.jcacheredis.spring.boot.autoconfigure.OnDemandJCacheCacheManager}),
 * with a {@code redisCache} health component and Micrometer cache metrics when Actuator is present. Settings:
 * {@link io.github.jcacheredis.spring.boot.autoconfigure.JCacheRedisProperties}.
 *
 * <p>The sources of this package are shared by the Spring Boot 4 and 3 starters; only the auto-configuration
 * classes, which name Spring Boot types whose packages differ between the two lines, are written once per line.
 */
package io.github.jcacheredis.spring.boot.autoconfigure;
