/**
 * jcache-redis: a JSR-107 caching provider on Redis. Users reach it through
 * {@code javax.cache.Caching.getCachingProvider()}; {@link io.github.jcacheredis.RedisCachingProvider},
 * {@link io.github.jcacheredis.RedisCacheManager} and {@link io.github.jcacheredis.RedisCache} are what
 * {@code unwrap} returns.
 */
@NullMarked
package io.github.jcacheredis;

import org.jspecify.annotations.NullMarked;
