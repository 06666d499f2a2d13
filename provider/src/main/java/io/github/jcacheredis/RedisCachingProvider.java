package io.github.jcacheredis;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.internal.config.YamlConfiguration;
import io.github.jcacheredis.internal.storage.RedisConnection;
import io.github.jcacheredis.internal.storage.SharedConnections;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * The JSR-107 caching provider for Redis, found by {@code Caching.getCachingProvider()} through
 * {@code META-INF/services/javax.cache.spi.CachingProvider}.
 *
 * <p>One CacheManager exists per ClassLoader and URI until it is closed. A URI of the form
 * {@code classpath:...}, {@code file:...} or {@code jar:...!/...} names a YAML configuration file (see
 * {@link YamlConfiguration});
 * with the default URI, {@code jcache-redis.yaml} is read from the classpath if present. The Redis address and
 * other settings come from the CacheManager's properties, then that file, then system properties, then the
 * {@code REDIS_URL} environment variable (see {@link ProviderSettings}).
 */
public final class RedisCachingProvider implements CachingProvider {

  /** The URI of the default CacheManager; free of {@code = , :}-sensitive surprises for JMX names. */
  public static final URI DEFAULT_URI = URI.create("jcache-redis://default");

  private final Map<ClassLoader, Map<URI, RedisCacheManager>> managers = new WeakHashMap<>();
  private final SharedConnections connections = new SharedConnections();

  /** Creates the provider; {@link javax.cache.Caching} does this once per ClassLoader. */
  public RedisCachingProvider() {
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Properties managerProperties = properties == null ? new Properties() : properties;
    synchronized (managers) {
      Map<URI, RedisCacheManager> byUri = managers.computeIfAbsent(loader, ignored -> new HashMap<>());
      RedisCacheManager manager = byUri.get(managerUri);
      if (manager != null && !manager.isClosed()) {
        return manager;
      }
      YamlConfiguration file;
      ProviderSettings settings;
      try {
        file = YamlConfiguration.load(managerUri, managerUri.equals(DEFAULT_URI), loader, System::getenv);
        settings = ProviderSettings.from(managerProperties, file);
      } catch (IllegalArgumentException e) {
        throw new CacheException("Invalid configuration for CacheManager " + managerUri + ": " + e.getMessage(), e);
      }
      RedisConnection connection = connections.acquire(settings);
      try {
        manager = new RedisCacheManager(this, managerUri, loader, managerProperties, settings, file, connection);
      } catch (RuntimeException e) {
        connections.release(settings, connection);
        throw e;
      }
      byUri.put(managerUri, manager);
      return manager;
    }
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : RedisCachingProvider.class.getClassLoader();
  }

  @Override
  public URI getDefaultURI() {
    return DEFAULT_URI;
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, getDefaultProperties());
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader(), getDefaultProperties());
  }

  @Override
  public void close() {
    List<RedisCacheManager> all = new ArrayList<>();
    synchronized (managers) {
      for (Map<URI, RedisCacheManager> byUri : managers.values()) {
        all.addAll(byUri.values());
      }
      managers.clear();
    }
    all.forEach(RedisCacheManager::close);
  }

  @Override
  public void close(ClassLoader classLoader) {
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    List<RedisCacheManager> all;
    synchronized (managers) {
      Map<URI, RedisCacheManager> byUri = managers.remove(loader);
      all = byUri == null ? List.of() : new ArrayList<>(byUri.values());
    }
    all.forEach(RedisCacheManager::close);
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    RedisCacheManager manager;
    synchronized (managers) {
      Map<URI, RedisCacheManager> byUri = managers.get(loader);
      manager = byUri == null ? null : byUri.remove(managerUri);
      if (byUri != null && byUri.isEmpty()) {
        managers.remove(loader);
      }
    }
    if (manager != null) {
      manager.close();
    }
  }

  /** Store-by-reference is not offered: entries live in Redis, so every read is a copy. */
  @Override
  public boolean isSupported(OptionalFeature optionalFeature) {
    return false;
  }

  /** Forgets a manager that has closed. */
  void release(RedisCacheManager manager) {
    synchronized (managers) {
      Map<URI, RedisCacheManager> byUri = managers.get(manager.getClassLoader());
      if (byUri != null && byUri.get(manager.getURI()) == manager) {
        byUri.remove(manager.getURI());
        if (byUri.isEmpty()) {
          managers.remove(manager.getClassLoader());
        }
      }
    }
  }

  SharedConnections connections() {
    return connections;
  }
}
