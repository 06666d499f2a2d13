package io.github.jcacheredis.benchmarks;

import io.github.jcacheredis.NearCacheConfiguration;
import io.github.jcacheredis.RedisCacheConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
  /** The three of the main table, in table order. */
  static final List<String> ALL = List.of(OURS, REDISSON_JCACHE, RAW_REDISSON);

  /** jcache-redis with a near cache holding every key of the benchmark. */
  static final String OURS_NEAR = "ours-near";
  /** jcache-redis with compression turned off. */
  static final String OURS_UNCOMPRESSED = "ours-uncompressed";
  /** jcache-redis with a signing key: every value signed on put and verified on get (HMAC-SHA256). */
  static final String OURS_SIGNED = "ours-signed";
  /** Caffeine's JCache, in-process, store-by-value (its default: copies through Java serialization). */
  static final String CAFFEINE_JCACHE = "caffeine-jcache";

  static final String OURS_CLASS = "io.github.jcacheredis.RedisCachingProvider";
  static final String REDISSON_JCACHE_CLASS = "org.redisson.jcache.JCachingProvider";
  static final String CAFFEINE_JCACHE_CLASS = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";

  /** Near cache bound: larger than any key space here, so every key stays near once read. */
  private static final long NEAR_CACHE_SIZE = 2L * KeySpace.SIZE;

  private static CacheManager ours;
  private static CacheManager oursSigned;
  private static CacheManager redissonJCache;
  private static CacheManager caffeine;
  private static RedissonClient raw;

  private Providers() {
  }

  /**
   * Opens an empty cache.
   *
   * @param provider  one of {@link #ALL}, {@link #OURS_NEAR}, {@link #OURS_UNCOMPRESSED}, {@link #OURS_SIGNED},
   *                  {@link #CAFFEINE_JCACHE}
   * @param name      the cache's name; a prefix of raw Redisson's keys
   * @param valueType the value type, checked by the JSR-107 caches
   * @param <V>       value type
   * @return the cache, emptied
   */
  static synchronized <V> Target<V> open(String provider, String name, Class<V> valueType) {
    Target<V> target;
    switch (provider) {
      case OURS:
        target = jcache(ours(), name, plain(valueType));
        break;
      case OURS_NEAR:
        target = jcache(ours(), name, new RedisCacheConfiguration<String, V>().setTypes(String.class, valueType)
            .setNearCache(NearCacheConfiguration.ofMaximumSize(NEAR_CACHE_SIZE)));
        break;
      case OURS_UNCOMPRESSED:
        target = jcache(ours(), name, new RedisCacheConfiguration<String, V>().setTypes(String.class, valueType)
            .setCompressionThreshold(RedisCacheConfiguration.NO_COMPRESSION));
        break;
      case OURS_SIGNED:
        target = jcache(oursSigned(), name, plain(valueType));
        break;
      case REDISSON_JCACHE:
        target = jcache(redissonJCache(), name, plain(valueType));
        break;
      case CAFFEINE_JCACHE:
        target = jcache(caffeine(), name, plain(valueType));
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
    if (oursSigned != null) {
      oursSigned.close();
      oursSigned = null;
    }
    if (redissonJCache != null) {
      redissonJCache.close();
      redissonJCache = null;
    }
    if (caffeine != null) {
      caffeine.close();
      caffeine = null;
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

  // A manager of its own (another URI): signing keys are a CacheManager setting. A fixed key, as a benchmark needs
  // no secret; the ones an application uses belong in its environment (${ENV} in the YAML file).
  private static CacheManager oursSigned() {
    if (oursSigned == null) {
      CachingProvider provider = Caching.getCachingProvider(OURS_CLASS, loader());
      Properties properties = new Properties();
      properties.setProperty("jcacheredis.url", RedisUrl.get());
      properties.setProperty("jcacheredis.signingKeys", "benchmark-signing-key-0123456789abcdef");
      oursSigned = provider.getCacheManager(URI.create("jcache-redis://signed"), loader(), properties);
    }
    return oursSigned;
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

  private static CacheManager caffeine() {
    if (caffeine == null) {
      CachingProvider provider = Caching.getCachingProvider(CAFFEINE_JCACHE_CLASS, loader());
      caffeine = provider.getCacheManager(provider.getDefaultURI(), loader());
    }
    return caffeine;
  }

  // JSR-107 defaults: eternal, store-by-value, no statistics, no listeners.
  private static <V> MutableConfiguration<String, V> plain(Class<V> valueType) {
    return new MutableConfiguration<String, V>().setTypes(String.class, valueType);
  }

  private static <V> Target<V> jcache(CacheManager manager, String name,
      MutableConfiguration<String, V> configuration) {
    Cache<String, V> cache = manager.getCache(name, String.class, configuration.getValueType());
    if (cache == null) {
      cache = manager.createCache(name, configuration);
    }
    return new JCacheTarget<>(manager, cache);
  }

  private static ClassLoader loader() {
    return Providers.class.getClassLoader();
  }
}
