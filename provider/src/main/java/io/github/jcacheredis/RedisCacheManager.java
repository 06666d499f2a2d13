package io.github.jcacheredis;

import io.github.jcacheredis.config.ProviderSettings;
import io.github.jcacheredis.storage.ClassAllowList;
import io.github.jcacheredis.storage.EntryStore;
import io.github.jcacheredis.storage.KeyCodec;
import io.github.jcacheredis.storage.KryoSerializer;
import io.github.jcacheredis.storage.RedisConnection;
import io.github.jcacheredis.storage.ValueCodec;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.redisson.api.RFuture;

/**
 * A JSR-107 CacheManager whose caches keep their entries in one Redis (see {@link ProviderSettings} for how it
 * is chosen). Caches are named in Redis by the key prefix and the cache name, not by this manager: a manager
 * opened later, in this JVM or another, with the same prefix sees the same entries.
 */
public final class RedisCacheManager implements CacheManager {

  private static final int DELETE_BATCH = 500;

  private final RedisCachingProvider provider;
  private final URI uri;
  private final ClassLoader classLoader;
  private final Properties properties;
  private final ProviderSettings settings;
  private final RedisConnection connection;
  private final KryoSerializer serializer;
  private final ConcurrentHashMap<String, RedisCache<?, ?>> caches = new ConcurrentHashMap<>();
  private final ExecutorService loadExecutor;
  private volatile boolean closed;

  RedisCacheManager(RedisCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties,
      ProviderSettings settings, RedisConnection connection) {
    this.provider = provider;
    this.uri = uri;
    this.classLoader = classLoader;
    this.properties = properties;
    this.settings = settings;
    this.connection = connection;
    this.serializer = new KryoSerializer(classLoader, new ClassAllowList(settings.allowedPackages()));
    AtomicInteger threads = new AtomicInteger();
    this.loadExecutor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "jcache-redis-loader-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader;
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  /** @return the settings this manager was created with */
  public ProviderSettings settings() {
    return settings;
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cache name");
    Objects.requireNonNull(configuration, "configuration");
    MutableConfiguration<K, V> copy = copyOf(configuration);
    synchronized (caches) {
      if (caches.containsKey(cacheName)) {
        throw new CacheException("Cache '" + cacheName + "' already exists in CacheManager " + uri);
      }
      serializer.allowList().allowPackageOf(copy.getKeyType());
      serializer.allowList().allowPackageOf(copy.getValueType());
      int compressionThreshold = copy instanceof RedisCacheConfiguration
          ? ((RedisCacheConfiguration<K, V>) copy).getCompressionThreshold()
          : RedisCacheConfiguration.DEFAULT_COMPRESSION_THRESHOLD;
      RedisCache<K, V> cache = new RedisCache<>(this, cacheName, copy,
          new KeyCodec(settings.keyPrefix(), cacheName, settings.keyHashThreshold(), serializer),
          new ValueCodec(serializer, compressionThreshold), connection, loadExecutor);
      caches.put(cacheName, cache);
      return cache;
    }
  }

  private static <K, V> MutableConfiguration<K, V> copyOf(Configuration<K, V> configuration) {
    if (configuration instanceof RedisCacheConfiguration) {
      return new RedisCacheConfiguration<>((RedisCacheConfiguration<K, V>) configuration);
    }
    if (configuration instanceof CompleteConfiguration) {
      return new MutableConfiguration<>((CompleteConfiguration<K, V>) configuration);
    }
    MutableConfiguration<K, V> copy = new MutableConfiguration<>();
    copy.setTypes(configuration.getKeyType(), configuration.getValueType());
    copy.setStoreByValue(configuration.isStoreByValue());
    return copy;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cache name");
    Objects.requireNonNull(keyType, "key type");
    Objects.requireNonNull(valueType, "value type");
    RedisCache<?, ?> cache = caches.get(cacheName);
    if (cache == null) {
      return null;
    }
    CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
    if (configuration.getKeyType() != keyType || configuration.getValueType() != valueType) {
      throw new ClassCastException("Cache '" + cacheName + "' holds " + configuration.getKeyType().getName()
          + " -> " + configuration.getValueType().getName() + ", not " + keyType.getName() + " -> "
          + valueType.getName());
    }
    return (Cache<K, V>) cache;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getCache(String cacheName) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cache name");
    return (Cache<K, V>) caches.get(cacheName);
  }

  @Override
  public Iterable<String> getCacheNames() {
    checkOpen();
    return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
  }

  /**
   * Closes the cache if this manager has it open and deletes its entries from Redis, whether or not it was
   * open here (JSR-107 §4.1: a destroyed cache's contents are gone).
   */
  @Override
  public void destroyCache(String cacheName) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cache name");
    RedisCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.close();
    }
    deleteData(new EntryStore(connection.executor(), cacheName),
        KeyCodec.scanPattern(KeyCodec.namespace(settings.keyPrefix(), cacheName)));
  }

  /** Deletes every key of a cache, a SCAN page at a time, with UNLINK so large values do not block Redis. */
  static void deleteData(EntryStore store, byte[] pattern) {
    EntryStore.KeyScan scan = store.scan(pattern, DELETE_BATCH);
    for (List<byte[]> page = scan.nextPage(); page != null; page = scan.nextPage()) {
      if (page.isEmpty()) {
        continue;
      }
      EntryStore.Pipeline pipeline = store.pipeline();
      for (byte[] key : page) {
        RFuture<Long> ignored = pipeline.unlink(key);
      }
      pipeline.execute();
    }
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cache name");
    RedisCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setManagementEnabled(enabled);
    }
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cache name");
    RedisCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setStatisticsEnabled(enabled);
    }
  }

  /** Called by a cache as it closes. */
  void release(RedisCache<?, ?> cache) {
    caches.remove(cache.getName(), cache);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    for (Map.Entry<String, RedisCache<?, ?>> entry : caches.entrySet()) {
      entry.getValue().close();
    }
    caches.clear();
    provider.release(this);
    provider.connections().release(settings, connection);
    loadExecutor.shutdown();
    try {
      loadExecutor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isAssignableFrom(getClass())) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("CacheManager " + uri + " cannot be unwrapped to " + clazz.getName());
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("CacheManager " + uri + " is closed");
    }
  }

  @Override
  public String toString() {
    return "RedisCacheManager[" + uri + " -> " + connection.address() + "]";
  }
}
