package io.github.jcacheredis;


import io.github.jcacheredis.internal.config.CacheConfigurationMerger;
import io.github.jcacheredis.internal.config.ConfigurationRecord;
import io.github.jcacheredis.internal.config.CacheTemplate;
import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.internal.config.YamlConfiguration;
import io.github.jcacheredis.internal.event.ExpiredEvents;
import io.github.jcacheredis.internal.management.ClusterStatistics;
import io.github.jcacheredis.internal.storage.ClassAllowList;
import io.github.jcacheredis.internal.storage.EntryStore;
import io.github.jcacheredis.internal.storage.EntryStore.Queued;
import io.github.jcacheredis.internal.storage.KeyCodec;
import io.github.jcacheredis.internal.storage.KryoSerializer;
import io.github.jcacheredis.internal.storage.RedisConnection;
import io.github.jcacheredis.internal.storage.Signatures;
import io.github.jcacheredis.internal.storage.ValueCodec;
import io.github.jcacheredis.internal.threads.ManagerThreads;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.jspecify.annotations.Nullable;

/**
 * A JSR-107 CacheManager whose caches keep their entries in one Redis (see {@link ProviderSettings} for how it
 * is chosen). When it has a configuration file, the caches the file names exist from the start, and the file's
 * settings for a cache (its own entry, else the defaults) apply to caches the application creates. Caches are named in Redis by the key prefix and the cache name, not by this manager: a manager
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
  private final Signatures signatures;
  private final ConcurrentHashMap<String, RedisCache<?, ?>> caches = new ConcurrentHashMap<>();
  private final ManagerThreads threads;
  private final Executor asyncExecutor;
  // null when the URI names no configuration file
  private final @Nullable YamlConfiguration file;
  private final EntryStore records;
  private final ExpiredEvents expiredEvents;
  private volatile boolean closed;

  @SuppressWarnings("FutureReturnValueIgnored") // the task logs its own failures
  RedisCacheManager(RedisCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties,
      ProviderSettings settings, @Nullable YamlConfiguration file, RedisConnection connection) {
    this.provider = provider;
    this.uri = uri;
    this.classLoader = classLoader;
    this.properties = properties;
    this.settings = settings;
    this.connection = connection;
    this.file = file;
    this.records = new EntryStore(connection.executor(), "(configuration records)");
    this.serializer = new KryoSerializer(classLoader, new ClassAllowList(settings.allowedPackages()));
    this.signatures = Signatures.of(settings.signingKeys());
    // One subscription to expired keys for all the caches here, idle (no thread, no connection) until a cache
    // registers an expired listener.
    this.threads = new ManagerThreads(uri.toString());
    this.expiredEvents = new ExpiredEvents(uri.toString(), settings.keyPrefix(), connection.topology().database(),
        connection.allMasters(settings.connectTimeoutMillis() + (long) settings.timeoutMillis()),
        threads.scheduler(), threads.delivery(),
        settings.connectTimeoutMillis(), settings.timeoutMillis());
    Object suppliedAsync = properties.get(AsyncCache.EXECUTOR_PROPERTY);
    if (suppliedAsync != null && !(suppliedAsync instanceof Executor)) {
      threads.close();
      throw new IllegalArgumentException("CacheManager property " + AsyncCache.EXECUTOR_PROPERTY
          + " must be a java.util.concurrent.Executor, not " + suppliedAsync.getClass().getName());
    }
    this.asyncExecutor = suppliedAsync == null ? threads.async() : (Executor) suppliedAsync;
    threads.scheduler().scheduleWithFixedDelay(this::shareStatistics, 1, 1, TimeUnit.SECONDS);
    if (file != null) {
      try {
        for (Map.Entry<String, CacheTemplate> declared : file.caches().entrySet()) {
          create(declared.getKey(), CacheConfigurationMerger.declared(declared.getKey(), declared.getValue(),
              file.file(), classLoader), true);
        }
      } catch (RuntimeException e) {
        caches.values().forEach(RedisCache::close);
        expiredEvents.close();
        threads.close();
        throw e;
      }
    }
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

  /** @return what this manager was configured with, read-only */
  public ManagerSettings settings() {
    return settings;
  }

  /** @return the settings this manager was created with, for the provider's own use */
  ProviderSettings providerSettings() {
    return settings;
  }

  /** @return the expired-key subscription this manager's caches share */
  ExpiredEvents expiredEvents() {
    return expiredEvents;
  }

  /**
   * A health check: PING to every master Redis node.
   *
   * @return the slowest round-trip time
   * @throws CacheException if Redis does not answer within the timeout
   */
  public Duration ping() {
    checkOpen();
    return connection.ping();
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cache name");
    Objects.requireNonNull(configuration, "configuration");
    if (!configuration.isStoreByValue()) {
      // JSR-107 CacheManager#createCache: "UnsupportedOperationException if the configuration specifies an
      // unsupported feature"; store-by-reference is optional (OptionalFeature.STORE_BY_REFERENCE, which
      // isSupported denies). Accepting it would leave getConfiguration() and the CacheMXBean claiming
      // store-by-reference while every read is a copy decoded from Redis.
      throw new UnsupportedOperationException("Cache '" + cacheName + "': store-by-reference is not supported"
          + " (entries live in Redis, so every read is a copy); create it with setStoreByValue(true), the default");
    }
    MutableConfiguration<K, V> copy = copyOf(configuration);
    if (file != null) {
      copy = CacheConfigurationMerger.merge(cacheName, copy, file.templateFor(cacheName), file.file());
    }
    return create(cacheName, copy, true);
  }

  /**
   * @param declared whether the application declared the types here (createCache), which may widen the
   *                 allow-list; a cache adopted from a configuration record in Redis never does
   */
  private <K, V> Cache<K, V> create(String cacheName, MutableConfiguration<K, V> copy, boolean declared) {
    synchronized (caches) {
      if (caches.containsKey(cacheName)) {
        throw new CacheException("Cache '" + cacheName + "' already exists in CacheManager " + uri);
      }
      byte[] recordKey = ConfigurationRecord.key(settings.keyPrefix(), cacheName);
      boolean recorded = ConfigurationRecord.claim(records, recordKey, cacheName, copy, signatures);
      try {
        if (declared) {
          serializer.allowList().allowPackageOf(copy.getKeyType());
          serializer.allowList().allowPackageOf(copy.getValueType());
        }
        int compressionThreshold = copy instanceof RedisCacheConfiguration
            ? ((RedisCacheConfiguration<K, V>) copy).getCompressionThreshold()
            : RedisCacheConfiguration.DEFAULT_COMPRESSION_THRESHOLD;
        RedisCache<K, V> cache = CacheFactory.create(this, cacheName, copy,
            new KeyCodec(settings.keyPrefix(), cacheName, settings.keyHashThreshold(), serializer),
            new ValueCodec(serializer, compressionThreshold, signatures), connection, threads);
        caches.put(cacheName, cache);
        return cache;
      } catch (RuntimeException | Error e) {
        // The cache released what it had started; a record this call wrote goes too, so that a retry (with
        // other types, say) is a first creation again rather than "already exists in Redis".
        if (recorded) {
          try {
            ConfigurationRecord.release(records, recordKey);
          } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
          }
        }
        throw e;
      }
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

  /** @return the cache, or {@code null} when no cache of that name exists here or is recorded in Redis */
  @Override
  @SuppressWarnings("unchecked")
  public <K, V> @Nullable Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cache name");
    Objects.requireNonNull(keyType, "key type");
    Objects.requireNonNull(valueType, "value type");
    Cache<?, ?> cache = caches.get(cacheName);
    if (cache == null) {
      cache = adoptRecorded(cacheName);
    }
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

  /** @return the cache, or {@code null} when no cache of that name exists here or is recorded in Redis */
  @Override
  @SuppressWarnings("unchecked")
  public <K, V> @Nullable Cache<K, V> getCache(String cacheName) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cache name");
    RedisCache<?, ?> cache = caches.get(cacheName);
    return cache != null ? (Cache<K, V>) cache : (Cache<K, V>) adoptRecorded(cacheName);
  }

  /** A cache another JVM created: built here from its configuration record, or {@code null} if there is none. */
  private @Nullable Cache<?, ?> adoptRecorded(String cacheName) {
    MutableConfiguration<Object, Object> recorded = ConfigurationRecord.load(records,
        ConfigurationRecord.key(settings.keyPrefix(), cacheName), cacheName, classLoader, serializer.allowList(),
        signatures);
    if (recorded == null) {
      return null;
    }
    synchronized (caches) {
      RedisCache<?, ?> raced = caches.get(cacheName);
      if (raced != null) {
        return raced;
      }
      MutableConfiguration<Object, Object> configuration = file == null ? recorded
          : CacheConfigurationMerger.merge(cacheName, recorded, file.templateFor(cacheName), file.file());
      return create(cacheName, configuration, false);
    }
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
    records.delete(ConfigurationRecord.key(settings.keyPrefix(), cacheName));
    records.delete(ClusterStatistics.key(settings.keyPrefix(), KeyCodec.escape(cacheName)));
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
        Queued<Long> ignored = pipeline.unlink(key);
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

  /**
   * Sends every cache's counts to Redis at once and waits for the answers (or Redis's timeouts), so that a
   * Redis that hangs delays the next round by one timeout, not one per cache.
   */
  private void shareStatistics() {
    CompletableFuture<?>[] shared = caches.values().stream().map(RedisCache::shareStatistics)
        .toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(shared).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    } catch (ExecutionException e) {
      // RedisCache.shareStatistics never completes exceptionally
    }
  }

  /**
   * Closes every cache and gives back the connection. However many caches there are, this waits for Redis
   * (their last statistics, their event connections) about one command timeout in total: the caches close
   * concurrently, against one deadline.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis());
    threads.scheduler().shutdownNow();
    CacheClosing.closeAll(List.copyOf(caches.values()), deadline);
    caches.clear();
    expiredEvents.close();
    provider.release(this);
    provider.connections().release(settings, connection,
        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    threads.close(TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime())));
  }

  /** @return where the caches' asynchronous operations run and complete (see {@link AsyncCache}) */
  Executor asyncExecutor() {
    return asyncExecutor;
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
    return "RedisCacheManager[" + uri + " -> " + connection.topology() + "]";
  }
}
