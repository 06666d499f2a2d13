package io.github.jcacheredis.spring.boot.autoconfigure;

import io.github.jcacheredis.RedisCacheConfiguration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.cache.CacheException;
import org.springframework.cache.Cache;
import org.springframework.cache.jcache.JCacheCache;
import org.springframework.cache.jcache.JCacheCacheManager;

/**
 * Spring's {@link JCacheCacheManager}, which creates a JCache cache the first time the application names one it does
 * not have, as a {@code @Cacheable("x")} on an undeclared cache does (Spring's own answers {@code null}, and the
 * call fails with "Cannot find cache named 'x'"). The cache is created with {@code jcache-redis.defaults}, over which
 * the provider merges a YAML file's settings for it.
 *
 * <p>It stays a {@code JCacheCacheManager}, so Spring Boot binds its caches' Micrometer metrics and lists them under
 * {@code /actuator/caches} as it does for any JCache provider.
 */
public class OnDemandJCacheCacheManager extends JCacheCacheManager {

  private final Supplier<RedisCacheConfiguration<Object, Object>> defaults;
  private final List<Consumer<Cache>> creationListeners = new CopyOnWriteArrayList<>();

  /**
   * @param cacheManager the JCache CacheManager
   * @param defaults     a fresh configuration for each cache created on first use
   */
  public OnDemandJCacheCacheManager(javax.cache.CacheManager cacheManager,
      Supplier<RedisCacheConfiguration<Object, Object>> defaults) {
    super(cacheManager);
    this.defaults = Objects.requireNonNull(defaults, "defaults");
  }

  /**
   * Tells a listener about each cache this manager adds after startup, created or found in the JCache CacheManager
   * (Spring Boot's metrics bind only the caches that exist at startup).
   *
   * @param listener called with the Spring cache
   */
  public void onCacheCreated(Consumer<Cache> listener) {
    creationListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** A cache this JVM has open, else the cache of that name on Redis, opened with the defaults. */
  @Override
  protected Cache getMissingCache(String name) {
    javax.cache.CacheManager cacheManager = Objects.requireNonNull(getCacheManager(), "cacheManager");
    Cache cache = new JCacheCache(open(cacheManager, name, defaults.get()), isAllowNullValues());
    creationListeners.forEach(listener -> listener.accept(cache));
    return cache;
  }

  /**
   * Opens a cache by name: the one this JVM has open (declared in a YAML file, or created through the JCache API),
   * else a cache created with {@code configuration}. Creating is also how a cache that another JVM (or another
   * application context) created on the same Redis is joined: JSR-107 caches share entries through Redis, and the
   * provider's {@code createCache} hands out the existing cache when the recorded settings match, with this JVM's
   * own statistics and management settings. Only when they differ is the recorded cache adopted as it is,
   * statistics off unless a YAML file turns them on.
   *
   * @param cacheManager  the JCache CacheManager
   * @param name          the cache's name
   * @param configuration the configuration to create it with
   * @return the JCache cache
   */
  static javax.cache.Cache<Object, Object> open(javax.cache.CacheManager cacheManager, String name,
      RedisCacheConfiguration<Object, Object> configuration) {
    for (String open : cacheManager.getCacheNames()) {
      if (open.equals(name)) {
        return cacheManager.getCache(name);
      }
    }
    try {
      return cacheManager.createCache(name, configuration);
    } catch (CacheException e) {
      // Created meanwhile by another thread (Spring calls getMissingCache without a lock), or recorded in Redis
      // with other settings by another JVM: getCache returns it (adopting the record).
      javax.cache.Cache<Object, Object> existing = cacheManager.getCache(name);
      if (existing == null) {
        throw e;
      }
      return existing;
    }
  }
}
