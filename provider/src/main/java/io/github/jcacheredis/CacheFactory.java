package io.github.jcacheredis;

import io.github.jcacheredis.internal.cache.Degradation;
import io.github.jcacheredis.internal.cache.EntryCodec;
import io.github.jcacheredis.internal.cache.EntryWrites;
import io.github.jcacheredis.internal.expiry.ExpiryCalculator;
import io.github.jcacheredis.internal.expiry.Ttl;
import io.github.jcacheredis.internal.integration.ReadThrough;
import io.github.jcacheredis.internal.integration.RefreshAhead;
import io.github.jcacheredis.internal.integration.SingleFlight;
import io.github.jcacheredis.internal.integration.WriteThrough;
import io.github.jcacheredis.internal.management.CacheConfigurationBean;
import io.github.jcacheredis.internal.management.CacheStatistics;
import io.github.jcacheredis.internal.management.ClusterStatistics;
import io.github.jcacheredis.internal.near.InvalidationListener;
import io.github.jcacheredis.internal.near.NearCache;
import io.github.jcacheredis.internal.storage.EntryStore;
import io.github.jcacheredis.internal.storage.KeyCodec;
import io.github.jcacheredis.internal.storage.LoadLeases;
import io.github.jcacheredis.internal.storage.OutagePolicy;
import io.github.jcacheredis.internal.storage.RedisConnection;
import io.github.jcacheredis.internal.storage.ValueCodec;
import io.github.jcacheredis.internal.threads.ManagerThreads;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a cache from its merged configuration: its storage, near cache, loader and writer, expiry, statistics and
 * codecs (see {@link CacheParts}), then the cache itself. What was built is released, newest first, when a later
 * step fails (a factory, a listener, a JMX name already taken), so that a failed {@code createCache} leaves no
 * connection, thread or bean behind.
 */
final class CacheFactory {

  private static final Logger LOG = LoggerFactory.getLogger(CacheFactory.class);

  private CacheFactory() {
  }

  @SuppressWarnings("unchecked")
  static <K, V> RedisCache<K, V> create(RedisCacheManager manager, String name,
      MutableConfiguration<K, V> configuration, KeyCodec keys, ValueCodec values, RedisConnection connection,
      ManagerThreads threads) {
    Deque<Closeable> undo = new ArrayDeque<>();
    try {
      ExpiryCalculator expiry = ExpiryCalculator.of(configuration.getExpiryPolicyFactory().create());
      undo.push(expiry);
      CacheStatistics statistics = new CacheStatistics(configuration.isStatisticsEnabled());
      RedisCacheConfiguration<K, V> ours = configuration instanceof RedisCacheConfiguration
          ? (RedisCacheConfiguration<K, V>) configuration : new RedisCacheConfiguration<>();
      long subscribeTimeout = manager.settings().connectTimeoutMillis() + (long) manager.settings().timeoutMillis();
      OutagePolicy outagePolicy = ours.isDegradeWhenUnavailable() ? new Degradation(name, statistics)
          : OutagePolicy.FAIL;
      NearCacheConfiguration nearConfiguration = ours.getNearCache();
      NearCache near = null;
      InvalidationListener nearListener = null;
      EntryStore store;
      if (nearConfiguration != null) {
        if (!expiry.accessKeepsTtl()) {
          throw new IllegalArgumentException("Cache '" + name + "': a near cache needs an expiry policy under"
              + " which reads do not change an entry's lifetime (Eternal, Created or Modified expiry), not "
              + configuration.getExpiryPolicyFactory());
        }
        near = new NearCache(nearConfiguration.maximumSize(), nearConfiguration.timeToLive());
        store = new EntryStore(connection.executor(), name, near::invalidate, outagePolicy);
        nearListener = new InvalidationListener(name, keys.namespace(), connection.allMasters(subscribeTimeout),
            threads.scheduler(), manager.settings().connectTimeoutMillis(), near);
        undo.push(nearListener);
      } else {
        store = new EntryStore(connection.executor(), name, key -> { }, outagePolicy);
      }
      // Whether an entry can carry a TTL at all: if not, near copies need not ask Redis for one.
      boolean mayExpire = !(expiry.isFixed() && expiry.forCreation() == Ttl.ETERNAL
          && (expiry.forUpdate() == Ttl.KEEP || expiry.forUpdate() == Ttl.ETERNAL));
      CacheLoader<K, V> loader = configuration.getCacheLoaderFactory() == null ? null
          : configuration.getCacheLoaderFactory().create();
      ReadThrough<K, V> readThrough = new ReadThrough<>(loader, configuration.isReadThrough());
      undo.push(readThrough);
      LoadLeases leases = new LoadLeases(connection.executor(), manager.settings().keyPrefix(), name, outagePolicy);
      long leaseMillis = ours.getLoadLeaseTime().toMillis();
      SingleFlight flight = ours.isSingleFlight(loader != null) ? new SingleFlight(name, leases, threads.scheduler(),
          leaseMillis, ours.getLoadWaitTimeout().toMillis(), statistics::recordLoadWaitTimeout) : null;
      if (ours.getRefreshAfterWrite() != null && loader == null) {
        throw new IllegalArgumentException("Cache '" + name + "': refreshAfterWrite needs a CacheLoader to reload"
            + " entries with");
      }
      RefreshAhead refresh = ours.getRefreshAfterWrite() == null ? null : new RefreshAhead(name,
          ours.getRefreshAfterWrite().toMillis(), leases, leaseMillis, threads.loaders(), threads.scheduler(),
          statistics::recordRefreshFailure);
      CacheWriter<? super K, ? super V> writer = configuration.isWriteThrough()
          && configuration.getCacheWriterFactory() != null ? configuration.getCacheWriterFactory().create() : null;
      WriteThrough<K, V> writeThrough = new WriteThrough<>(writer);
      undo.push(writeThrough);
      EntryCodec<K, V> codec = new EntryCodec<>(keys, values, configuration.getKeyType(),
          configuration.getValueType(), statistics, name, refresh != null);
      // Sharing statistics is not a cache operation: it never degrades, and its failures are retried next second.
      EntryStore statisticsStore = new EntryStore(connection.executor(), name);
      ClusterStatistics clusterStatistics = new ClusterStatistics(ClusterStatistics.key(
          manager.settings().keyPrefix(), KeyCodec.escape(name)), statisticsStore::hash);
      CacheParts<K, V> parts = new CacheParts<>(name, configuration, keys, values, connection, threads,
          subscribeTimeout, expiry, statistics, near, store, nearListener, mayExpire, new EntryWrites(store, expiry),
          readThrough, flight, refresh, writeThrough, new CacheConfigurationBean(configuration), codec,
          statisticsStore, clusterStatistics);
      return new RedisCache<>(manager, parts);
    } catch (RuntimeException | Error e) {
      for (Closeable release : undo) {
        try {
          release.close();
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      LOG.debug("Cache '{}' could not be created: {}", name, e.toString());
      throw e;
    }
  }
}
