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

  /**
   * A cache that exists in the JCache CacheManager (declared in a YAML file, created through the JCache API, or
   * created by another JVM on the same Redis), else a new one with the defaults.
   */
  @Override
  protected Cache getMissingCache(String name) {
    javax.cache.CacheManager cacheManager = Objects.requireNonNull(getCacheManager(), "cacheManager");
    javax.cache.Cache<Object, Object> jcache = cacheManager.getCache(name);
    if (jcache == null) {
      try {
        jcache = cacheManager.createCache(name, defaults.get());
      } catch (CacheException e) {
        // Another thread of this JVM created it first: Spring calls getMissingCache without a lock.
        jcache = cacheManager.getCache(name);
        if (jcache == null) {
          throw e;
        }
      }
    }
    Cache cache = new JCacheCache(jcache, isAllowNullValues());
    creationListeners.forEach(listener -> listener.accept(cache));
    return cache;
  }
}
