package io.github.jcacheredis;

import io.github.jcacheredis.internal.cache.EntryCodec;
import io.github.jcacheredis.internal.cache.EntryWrites;
import io.github.jcacheredis.internal.expiry.ExpiryCalculator;
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
import io.github.jcacheredis.internal.storage.RedisConnection;
import io.github.jcacheredis.internal.storage.ValueCodec;
import io.github.jcacheredis.internal.threads.ManagerThreads;
import java.util.concurrent.Executor;
import javax.cache.configuration.MutableConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * What a cache is made of, as {@link CacheFactory} built it from the cache's merged configuration; the parts that
 * need the cache itself (its events, entry processors, asynchronous view and MXBeans) are wired by
 * {@link RedisCache}'s constructor.
 *
 * <p>{@code near} and {@code nearListener} are {@code null} when the cache has no near cache, {@code flight} when
 * loads are not single-flight, {@code refresh} when entries are not refreshed ahead.
 *
 * @param <K> key type
 * @param <V> value type
 */
record CacheParts<K, V>(
    String name,
    MutableConfiguration<K, V> configuration,
    KeyCodec keys,
    ValueCodec values,
    RedisConnection connection,
    ManagerThreads threads,
    long subscribeTimeoutMillis,
    ExpiryCalculator expiry,
    CacheStatistics statistics,
    @Nullable NearCache near,
    EntryStore store,
    @Nullable InvalidationListener nearListener,
    boolean mayExpire,
    EntryWrites writes,
    ReadThrough<K, V> readThrough,
    @Nullable SingleFlight flight,
    @Nullable RefreshAhead refresh,
    WriteThrough<K, V> writeThrough,
    CacheConfigurationBean configurationBean,
    EntryCodec<K, V> codec,
    EntryStore statisticsStore,
    ClusterStatistics clusterStatistics) {

  /** @return where loads run ({@code loadAll}, refreshes) */
  Executor loadExecutor() {
    return threads.loaders();
  }
}
