package io.github.jcacheredis.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.codec.Kryo5Codec;
import org.redisson.config.Config;

/**
 * The implementations under test, picked by name, each connected to {@link RedisUrl} the way its documentation
 * says. Each has its own client (connection pool) as it would in an application; one per JVM, which is one per
 * JMH fork.
 */
final class Providers {

  /** jcache-redis, through the javax.cache API. */
  static final String OURS = "ours";
  /** Redisson's own JSR-107 provider, through the javax.cache API. */
  static final String REDISSON_JCACHE = "redisson-jcache";
  /** Redisson's RBucket/RBuckets/RBatch with its default codec: the floor. */
  static final String RAW_REDISSON = "raw-redisson";
  /** Every name, in table order. */
  static final List<String> ALL = List.of(OURS, REDISSON_JCACHE, RAW_REDISSON);

  static final String OURS_CLASS = "io.github.jcacheredis.RedisCachingProvider";
  static final String REDISSON_JCACHE_CLASS = "org.redisson.jcache.JCachingProvider";

  private static CacheManager ours;
  private static CacheManager redissonJCache;
  private static RedissonClient raw;

  private Providers() {
  }

  /**
   * Opens an empty cache.
   *
   * @param provider  one of {@link #ALL}
   * @param name      the cache's name; a prefix of raw Redisson's keys
   * @param valueType the value type, checked by the JSR-107 caches
   * @param <V>       value type
   * @return the cache, emptied
   */
  static synchronized <V> Target<V> open(String provider, String name, Class<V> valueType) {
    Target<V> target;
    switch (provider) {
      case OURS:
        target = jcache(ours(), name, valueType);
        break;
      case REDISSON_JCACHE:
        target = jcache(redissonJCache(), name, valueType);
        break;
      case RAW_REDISSON:
        target = new RawRedissonTarget<>(raw(), name);
        break;
      default:
        throw new IllegalArgumentException("Unknown provider '" + provider + "', expected one of " + ALL);
    }
    target.clear();
    return target;
  }

  /** @return the raw Redisson client, also used to inspect what the others stored */
  static synchronized RedissonClient raw() {
    if (raw == null) {
      Config config = new Config();
      config.useSingleServer().setAddress(RedisUrl.get());
      config.setCodec(new Kryo5Codec()); // Redisson 4.7.0's default, spelled out
      raw = Redisson.create(config);
    }
    return raw;
  }

  /** Closes every manager and client this JVM opened. */
  static synchronized void close() {
    if (ours != null) {
      ours.close();
      ours = null;
    }
    if (redissonJCache != null) {
      redissonJCache.close();
      redissonJCache = null;
    }
    if (raw != null) {
      raw.shutdown(0, 2, TimeUnit.SECONDS); // no quiet period: nothing is in flight at the end of a trial
      raw = null;
    }
  }

  private static CacheManager ours() {
    if (ours == null) {
      CachingProvider provider = Caching.getCachingProvider(OURS_CLASS, loader());
      Properties properties = new Properties();
      properties.setProperty("jcacheredis.url", RedisUrl.get());
      ours = provider.getCacheManager(provider.getDefaultURI(), loader(), properties);
    }
    return ours;
  }

  // Redisson's JCachingProvider reads a Redisson YAML (or JSON) config from the CacheManager's URI.
  private static CacheManager redissonJCache() {
    if (redissonJCache == null) {
      try {
        Path yaml = Files.createTempFile("redisson-jcache-", ".yaml");
        yaml.toFile().deleteOnExit();
        Files.writeString(yaml, "singleServerConfig:\n  address: \"" + RedisUrl.get() + "\"\n",
            StandardCharsets.UTF_8);
        CachingProvider provider = Caching.getCachingProvider(REDISSON_JCACHE_CLASS, loader());
        redissonJCache = provider.getCacheManager(yaml.toUri(), loader());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return redissonJCache;
  }

  private static <V> Target<V> jcache(CacheManager manager, String name, Class<V> valueType) {
    Cache<String, V> cache = manager.getCache(name, String.class, valueType);
    if (cache == null) {
      cache = manager.createCache(name, new MutableConfiguration<String, V>().setTypes(String.class, valueType));
    }
    return new JCacheTarget<>(manager, cache);
  }

  private static ClassLoader loader() {
    return Providers.class.getClassLoader();
  }
}
