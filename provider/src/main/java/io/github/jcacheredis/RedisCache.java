package io.github.jcacheredis;

import io.github.jcacheredis.internal.cache.CacheIterator;
import io.github.jcacheredis.internal.cache.EntryCodec;
import io.github.jcacheredis.internal.cache.EntryProcessorRunner;
import io.github.jcacheredis.internal.cache.EntryWrites;

import io.github.jcacheredis.internal.cache.RedisCacheEntry;
import io.github.jcacheredis.internal.event.EventDispatcher;
import io.github.jcacheredis.internal.event.ExpiredEvents;
import io.github.jcacheredis.internal.event.RemoteEvents;
import io.github.jcacheredis.internal.expiry.ExpiryCalculator;
import io.github.jcacheredis.internal.expiry.Ttl;
import io.github.jcacheredis.internal.cache.EntryCodec.Timed;
import io.github.jcacheredis.internal.integration.ReadThrough;
import io.github.jcacheredis.internal.integration.RefreshAhead;
import io.github.jcacheredis.internal.integration.SingleFlight;
import io.github.jcacheredis.internal.integration.WriteThrough;
import io.github.jcacheredis.internal.management.CacheConfigurationBean;
import io.github.jcacheredis.internal.management.CacheStatistics;
import io.github.jcacheredis.internal.management.ClusterStatistics;
import io.github.jcacheredis.internal.management.StatisticsDelta;
import io.github.jcacheredis.internal.management.CacheBeans;
import io.github.jcacheredis.internal.management.RedisCacheDiagnostics;
import io.github.jcacheredis.internal.near.InvalidationListener;
import io.github.jcacheredis.internal.near.NearCache;
import io.github.jcacheredis.internal.storage.CasAction;
import io.github.jcacheredis.internal.storage.WriteCondition;
import io.github.jcacheredis.internal.storage.EntryStore;
import io.github.jcacheredis.internal.storage.EntryStore.Queued;
import io.github.jcacheredis.internal.storage.RemainingTtl;
import io.github.jcacheredis.internal.storage.EntryStore.CasOutcome;
import io.github.jcacheredis.internal.storage.EntryStore.PutOutcome;
import io.github.jcacheredis.internal.storage.KeyCodec;
import io.github.jcacheredis.internal.storage.KeyCodec.EncodedKey;
import io.github.jcacheredis.internal.storage.RedisConnection;
import io.github.jcacheredis.internal.storage.ValueCodec;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSR-107 cache whose entries live in Redis, one Redis key per entry (see {@link KeyCodec} and
 * {@link ValueCodec} for the layout). Nothing is held in this JVM but the configuration, listeners and
 * statistics, so every process sharing the Redis sees the same entries.
 *
 * <p>This class orchestrates: encoding, the expiry policy, write-through, events and statistics are delegated;
 * each operation is one Redis round trip unless the policy or a writer needs to know an entry's state first.
 * Compound operations (replace with an expected value, remove with an expected value, invoke) are optimistic
 * compare-and-set loops, atomic across JVMs without holding any lock across a round trip.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class RedisCache<K, V> implements Cache<K, V> {

  private static final Logger LOG = LoggerFactory.getLogger(RedisCache.class);
  private static final int SCAN_COUNT = 500;

  private final RedisCacheManager manager;
  private final String name;
  private final MutableConfiguration<K, V> configuration;
  private final Class<K> keyType;
  private final Class<V> valueType;
  private final EntryCodec<K, V> codec;
  private final EntryStore store;
  private final EntryWrites writes;
  private final ExpiryCalculator expiry;
  private final ReadThrough<K, V> readThrough;
  private final WriteThrough<K, V> writeThrough;
  private final EventDispatcher<K, V> events;
  private final CacheStatistics statistics;
  private final CacheConfigurationBean configurationBean;
  private final EntryProcessorRunner<K, V> processors;
  private final @Nullable NearCache near;
  private final @Nullable InvalidationListener nearListener;
  private final boolean mayExpire;
  private final ClusterStatistics clusterStatistics;
  private final EntryStore statisticsStore;
  private final Executor loadExecutor;
  private final @Nullable SingleFlight flight;
  private final @Nullable RefreshAhead refresh;
  private final CacheBeans beans;
  private final RedisAsyncCache<K, V> async;
  // loadAll calls still running, which close() lets finish before it closes the loader they use.
  private final int[] loadsUnderWay = new int[1];
  private volatile boolean closed;

  /** Wires the parts {@link CacheFactory} built with what needs the cache itself. */
  RedisCache(RedisCacheManager manager, CacheParts<K, V> parts) {
    this.manager = manager;
    this.name = parts.name();
    this.configuration = parts.configuration();
    this.keyType = configuration.getKeyType();
    this.valueType = configuration.getValueType();
    this.loadExecutor = parts.loadExecutor();
    this.expiry = parts.expiry();
    this.statistics = parts.statistics();
    this.near = parts.near();
    this.store = parts.store();
    this.nearListener = parts.nearListener();
    this.mayExpire = parts.mayExpire();
    this.writes = parts.writes();
    this.readThrough = parts.readThrough();
    this.flight = parts.flight();
    this.refresh = parts.refresh();
    this.writeThrough = parts.writeThrough();
    this.configurationBean = parts.configurationBean();
    this.codec = parts.codec();
    this.statisticsStore = parts.statisticsStore();
    this.clusterStatistics = parts.clusterStatistics();
    RedisConnection connection = parts.connection();
    this.events = new EventDispatcher<>(this, parts.threads().delivery());
    this.beans = new CacheBeans(manager.getURI(), name, configurationBean, statistics, clusterStatistics,
        new RedisCacheDiagnostics(statistics, near, connection::ping, this::expiredEventsStatus));
    try {
      for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
        events.register(listener);
      }
      events.connect(new RemoteEvents<>(name, RemoteEvents.channel(parts.keys().namespace()), parts.values(),
          keyType, valueType, connection, parts.subscribeTimeoutMillis(), parts.threads().scheduler(),
          parts.threads().delivery(), events::deliverRemote, statistics));
      events.connectExpired(expiredKeys(manager.expiredEvents(), parts.keys().namespace()));
      this.processors = new EntryProcessorRunner<>(name, store, codec, expiry, readThrough, writeThrough, events,
          statistics, this::checkValue, flight);
      beans.apply(configuration.isManagementEnabled(), configuration.isStatisticsEnabled());
      if (nearListener != null) {
        nearListener.start();
      }
      this.async = new RedisAsyncCache<>(this, codec, store, writes, expiry, statistics, writeThrough, near,
          manager.asyncExecutor());
    } catch (RuntimeException | Error e) {
      try {
        beans.close();
        events.close();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }


  /**
   * This cache's link to the manager's expired-key subscription: the names Redis expires under this cache's
   * namespace become expired events carrying the key (JSR-107 §8: CacheEntryExpiredListener), when the name can
   * be turned back into a key of the cache's type.
   */
  private EventDispatcher.ExpiredKeys expiredKeys(ExpiredEvents subscription, byte[] namespace) {
    ExpiredEvents.Sink sink = new ExpiredEvents.Sink() {
      @Override
      public void expired(byte[] redisKey) {
        K key = codec.expiredKey(redisKey);
        if (key != null && !closed) {
          events.deliverExpired(key);
        }
      }

      @Override
      public void dropped() {
        statistics.recordDroppedEvent();
      }
    };
    return new EventDispatcher.ExpiredKeys() {
      @Override
      public void listen() {
        subscription.register(name, namespace, sink);
      }

      @Override
      public void stopListening() {
        subscription.deregister(namespace);
      }
    };
  }

  private String expiredEventsStatus() {
    return events.hearsExpired() ? manager.expiredEvents().status() : "NO_EXPIRED_LISTENER";
  }

  // ---------------------------------------------------------------------------------------------- reads

  /** @return the value, or {@code null} on a miss that read-through (if configured) did not fill */
  @Override
  public @Nullable V get(K key) {
    checkOpen();
    checkKey(key);
    long start = statistics.start();
    EncodedKey encoded = codec.key(key);
    V value = counted(key, encoded, read(key, encoded));
    if (value == null && readThrough.isReadThrough()) {
      value = loadMissing(key, encoded);
    }
    statistics.recordGetTime(start);
    return value;
  }

  /**
   * get's step once the entry has been read (shared with {@link RedisAsyncCache}): a hit or a miss counted, a
   * stale hit refreshed ahead.
   *
   * @return the value, or {@code null} on a miss (which the caller loads for a read-through cache)
   */
  @Nullable V counted(K key, EncodedKey encoded, @Nullable Timed<V> found) {
    if (found == null) {
      statistics.recordMisses(1);
      return null;
    }
    statistics.recordHits(1);
    if (refresh != null && refresh.isStale(found.writeTime())) {
      refresh.refresh(encoded.bytes(), () -> reload(key, encoded));
    }
    return found.value();
  }

  /** get's load of a missing entry: the loader's value stored, once across the cluster under single flight. */
  @Nullable V loadMissing(K key, EncodedKey encoded) {
    return flight == null ? loadAndStore(key, encoded)
        : flight.run(encoded.bytes(), () -> valueOf(read(key, encoded)), () -> loadAndStore(key, encoded));
  }

  /** @return whether a miss of get is loaded (JSR-107 §10.1) */
  boolean isReadThrough() {
    return readThrough.isReadThrough();
  }

  private static <V> @Nullable V valueOf(@Nullable Timed<V> found) {
    return found == null ? null : found.value();
  }

  /**
   * One read with the access TTL applied; a dynamic policy is asked only when the entry exists.
   *
   * @return the value with its write time, or {@code null}
   */
  private @Nullable Timed<V> read(K key, EncodedKey encoded) {
    NearCache near = this.near;
    if (near != null) {
      return readThroughNearCache(near, key, encoded);
    }
    if (expiry.isFixed()) {
      return codec.decodeTimed(key, encoded, store.getAndExpire(encoded.bytes(), expiry.forAccess()));
    }
    Timed<V> found = codec.decodeTimed(key, encoded, store.get(encoded.bytes()));
    if (found != null) {
      writes.touch(encoded.bytes());
    }
    return found;
  }

  /**
   * Refresh ahead's reload, run under the key's lease: the entry is read again and, still stale, replaced by
   * the loader's value only if it still holds the bytes read (a put meanwhile wins over the reload).
   */
  private void reload(K key, EncodedKey encoded) {
    RefreshAhead ahead = Objects.requireNonNull(refresh, "only refresh ahead schedules reloads");
    byte[] current = store.get(encoded.bytes());
    Timed<V> found = codec.decodeTimed(key, encoded, current);
    if (found == null || !ahead.isStale(found.writeTime())) {
      return; // gone (the next miss loads it) or refreshed by another JVM just before we took the lease
    }
    V loaded = readThrough.load(key);
    if (loaded == null) {
      return;
    }
    checkValue(loaded);
    long ttl = expiry.forUpdate();
    byte[] bytes = codec.value(key, encoded, loaded);
    CasOutcome outcome = store.compareAndSet(encoded.bytes(), current, ttl == Ttl.EXPIRE_NOW ? CasAction.DELETE : CasAction.SET, bytes,
        ttl, Ttl.KEEP);
    if (outcome.matched() && ttl != Ttl.EXPIRE_NOW) {
      events.updated(key, loaded, found.value());
    }
  }

  /**
   * A read through the near cache: a local hit decodes a private copy; a miss reads Redis (with the entry's
   * TTL, when entries can expire, so the copy never outlives the entry) and keeps the bytes unless the key was
   * invalidated while the answer was on its way. Near caches exist only under policies whose reads leave
   * lifetimes alone, so a local hit needs no round trip to renew anything.
   */
  private @Nullable Timed<V> readThroughNearCache(NearCache near, K key, EncodedKey encoded) {
    Timed<V> local = nearHit(near, key, encoded);
    if (local != null) {
      return local;
    }
    long stamp = near.stamp(encoded.bytes());
    if (mayExpire) {
      EntryStore.ValueWithTtl answer = store.getWithTtl(encoded.bytes());
      return nearMiss(near, key, encoded, answer.value(), answer.ttl(), stamp);
    }
    return nearMiss(near, key, encoded, store.get(encoded.bytes()), RemainingTtl.NONE, stamp);
  }

  /**
   * The near cache's local copy of a key, decoded (shared with {@link RedisAsyncCache}); a copy that no longer
   * decodes is dropped.
   *
   * @return the value with its write time, or {@code null} when there is no usable copy
   */
  @Nullable Timed<V> nearHit(NearCache near, K key, EncodedKey encoded) {
    byte[] local = near.get(encoded.bytes());
    if (local != null) {
      Timed<V> found = codec.decodeTimed(key, encoded, local);
      if (found != null) {
        return found;
      }
      near.invalidate(encoded.bytes());
    }
    return null;
  }

  /**
   * A near-cache miss's step once Redis has answered (shared with {@link RedisAsyncCache}): the value decoded and
   * its bytes kept, unless the key was invalidated since {@code stamp} or the entry has no time left.
   */
  @Nullable Timed<V> nearMiss(NearCache near, K key, EncodedKey encoded, byte @Nullable [] bytes, RemainingTtl ttl,
      long stamp) {
    if (bytes == null) {
      return null;
    }
    Timed<V> found = codec.decodeTimed(key, encoded, bytes);
    if (found != null && ttl.isLive()) {
      near.offer(encoded.bytes(), bytes, ttl, stamp);
    }
    return found;
  }

  /** @return whether a near-cache miss must read the entry's TTL with its value */
  boolean nearCopiesMayExpire() {
    return mayExpire;
  }

  private @Nullable V loadAndStore(K key, EncodedKey encoded) {
    V loaded = readThrough.load(key);
    if (loaded == null) {
      return null;
    }
    checkValue(loaded);
    PutOutcome outcome = writes.write(encoded.bytes(), codec.value(key, encoded, loaded), WriteCondition.ALWAYS,
        events.hasListeners());
    publishPut(key, encoded, loaded, outcome);
    return loaded;
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keySet) {
    checkOpen();
    checkKeys(keySet);
    long start = statistics.start();
    List<K> requested = new ArrayList<>(keySet);
    List<EncodedKey> encoded = codec.keys(requested);
    List<byte[]> answers = readAll(encoded);
    Map<K, V> result = new LinkedHashMap<>(requested.size() * 2);
    List<K> missing = new ArrayList<>();
    List<byte[]> missingRedisKeys = new ArrayList<>();
    for (int i = 0; i < requested.size(); i++) {
      K key = requested.get(i);
      V value = codec.decode(key, encoded.get(i), answers.get(i));
      if (value != null) {
        result.put(key, value);
        if (!expiry.isFixed()) {
          writes.touch(encoded.get(i).bytes());
        }
      } else {
        missing.add(key);
        missingRedisKeys.add(encoded.get(i).bytes());
      }
    }
    statistics.recordHits(result.size());
    statistics.recordMisses(missing.size());
    if (!missing.isEmpty() && readThrough.isReadThrough()) {
      loadMissingInto(missing, missingRedisKeys, result);
    }
    statistics.recordGetTime(start);
    return result;
  }

  /**
   * getAll's load of the keys it missed (shared with {@link RedisAsyncCache}, which calls it on its executor): one
   * loadAll, the values stored, once across the cluster under single flight; what was loaded goes into
   * {@code result}.
   */
  void loadMissingInto(List<K> missing, List<byte[]> missingRedisKeys, Map<K, V> result) {
    if (flight == null) {
      result.putAll(loadAndStoreAll(missing));
      return;
    }
    Map<K, V> loaded = flight.runAll(missing, missingRedisKeys, this::presentValues, this::loadAndStoreAll);
    for (K key : missing) {
      V value = loaded.get(key);
      if (value != null) {
        result.put(key, value);
      }
    }
  }

  /** getAll's load: one loadAll call for the keys, the values it gives stored in one round trip. */
  private Map<K, V> loadAndStoreAll(List<K> keys) {
    Map<K, V> loaded = readThrough.loadAll(keys);
    Map<K, V> toStore = new LinkedHashMap<>();
    for (K key : keys) {
      V value = loaded.get(key);
      if (value != null) {
        toStore.put(key, value);
      }
    }
    storeAll(toStore, WriteCondition.ALWAYS);
    return toStore;
  }

  /** The values of those keys that are present now (the single flight's second look). */
  private Map<K, V> presentValues(List<K> keys) {
    List<EncodedKey> encoded = codec.keys(keys);
    List<byte[]> answers = readAll(encoded);
    Map<K, V> found = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      V value = codec.decode(keys.get(i), encoded.get(i), answers.get(i));
      if (value != null) {
        found.put(keys.get(i), value);
      }
    }
    return found;
  }

  /**
   * The stored bytes of many keys in one round trip per node: MGET per hash slot when reads leave TTLs alone,
   * else pipelined GETEX; near copies first, when the cache has a near cache.
   */
  @SuppressWarnings("IdentityHashMapUsage") // byte-array keys: identity is what tells the answers apart
  private List<byte[]> readAll(List<EncodedKey> encoded) {
    List<byte[]> toFetch = new ArrayList<>(encoded.size());
    List<byte[]> answers = nearCopies(encoded, toFetch);
    if (toFetch.isEmpty()) {
      return answers;
    }
    long accessTtl = expiry.isFixed() ? expiry.forAccess() : Ttl.KEEP;
    Map<byte[], byte[]> fetched;
    if (accessTtl == Ttl.KEEP) {
      // MGET answers nil for a key of another Redis type (a hash...), so getAll reads it as a plain miss: telling
      // it apart, to count it as get() does, would cost every getAll an EXISTS per hash slot.
      fetched = store.getAll(toFetch);
    } else {
      fetched = new java.util.IdentityHashMap<>();
      EntryStore.Pipeline pipeline = store.pipeline();
      List<Queued<byte[]>> futures = new ArrayList<>(toFetch.size());
      for (byte[] key : toFetch) {
        futures.add(pipeline.getAndExpire(key, accessTtl));
      }
      pipeline.execute();
      for (int i = 0; i < toFetch.size(); i++) {
        fetched.put(toFetch.get(i), pipeline.result(futures.get(i)));
      }
    }
    return withFetched(encoded, answers, fetched);
  }

  /**
   * {@link #readAll} without waiting (for {@link RedisAsyncCache}): the same near copies, then the same MGETs or
   * pipelined GETEXs; completes on {@code completion}.
   */
  @SuppressWarnings("IdentityHashMapUsage") // byte-array keys: identity is what tells the answers apart
  CompletableFuture<List<byte[]>> readAllAsync(List<EncodedKey> encoded, Executor completion) {
    List<byte[]> toFetch = new ArrayList<>(encoded.size());
    List<byte[]> answers = nearCopies(encoded, toFetch);
    if (toFetch.isEmpty()) {
      return CompletableFuture.completedFuture(answers);
    }
    long accessTtl = expiry.isFixed() ? expiry.forAccess() : Ttl.KEEP;
    if (accessTtl == Ttl.KEEP) {
      return store.getAllAsync(toFetch, completion).thenApply(fetched -> withFetched(encoded, answers, fetched));
    }
    EntryStore.Pipeline pipeline = store.pipeline();
    List<Queued<byte[]>> futures = new ArrayList<>(toFetch.size());
    for (byte[] key : toFetch) {
      futures.add(pipeline.getAndExpire(key, accessTtl));
    }
    return pipeline.executeAsync(completion).thenApply(done -> {
      Map<byte[], byte[]> fetched = new java.util.IdentityHashMap<>();
      for (int i = 0; i < toFetch.size(); i++) {
        fetched.put(toFetch.get(i), pipeline.result(futures.get(i)));
      }
      return withFetched(encoded, answers, fetched);
    });
  }

  /** readAll's first step: each key's near copy, or {@code null} with the key added to {@code toFetch}. */
  private List<byte[]> nearCopies(List<EncodedKey> encoded, List<byte[]> toFetch) {
    List<byte[]> answers = new ArrayList<>(encoded.size());
    for (EncodedKey key : encoded) {
      byte[] local = near == null ? null : near.get(key.bytes());
      answers.add(local);
      if (local == null) {
        toFetch.add(key.bytes());
      }
    }
    return answers;
  }

  /** readAll's last step: the fetched bytes in the places the near cache left empty. */
  private static List<byte[]> withFetched(List<EncodedKey> encoded, List<byte[]> answers, Map<byte[], byte[]> fetched) {
    for (int i = 0; i < encoded.size(); i++) {
      if (answers.get(i) == null) {
        answers.set(i, fetched.get(encoded.get(i).bytes()));
      }
    }
    return answers;
  }

  @Override
  public boolean containsKey(K key) {
    checkOpen();
    checkKey(key);
    EncodedKey encoded = codec.key(key);
    if (near != null && near.get(encoded.bytes()) != null) {
      return true;
    }
    return contained(store.content(encoded.bytes()));
  }

  /**
   * containsKey's reading of the key's Redis type (shared with {@link RedisAsyncCache}). TYPE rather than EXISTS,
   * in the same one command: a hash or list at the entry's key is no entry (it reads as a miss and a decode error,
   * as get() reads it).
   */
  boolean contained(EntryStore.KeyContent content) {
    switch (content) {
      case STRING:
        return true;
      case OTHER_TYPE:
        statistics.recordDecodeError();
        return false;
      default:
        return false;
    }
  }

  @Override
  public void loadAll(Set<? extends K> keySet, boolean replaceExistingValues, CompletionListener listener) {
    checkOpen();
    checkKeys(keySet);
    CompletionListener completion = listener == null ? NoCompletionListener.INSTANCE : listener;
    if (!readThrough.hasLoader()) {
      completion.onCompletion();
      return;
    }
    List<K> requested = new ArrayList<>(keySet);
    synchronized (loadsUnderWay) {
      loadsUnderWay[0]++;
    }
    Runnable load = () -> {
      try {
        if (closed) {
          // JSR-107 §4.1.6: a closed cache calls no loader (it has been closed, with its connections).
          completion.onException(new IllegalStateException("Cache '" + name + "' was closed before loadAll ran"));
          return;
        }
        List<K> toLoad = new ArrayList<>();
        for (K key : requested) {
          if (replaceExistingValues || !containsKey(key)) {
            toLoad.add(key);
          }
        }
        if (toLoad.isEmpty()) {
          completion.onCompletion();
          return;
        }
        WriteCondition condition = replaceExistingValues ? WriteCondition.ALWAYS : WriteCondition.IF_ABSENT;
        if (flight == null || replaceExistingValues) {
          // Replacing reloads present keys on purpose: there is no absent key to load once.
          loadAndStoreAny(toLoad, condition);
        } else {
          List<byte[]> redisKeys = new ArrayList<>(toLoad.size());
          for (EncodedKey key : codec.keys(toLoad)) {
            redisKeys.add(key.bytes());
          }
          flight.runAll(toLoad, redisKeys, this::presentValues, keys -> loadAndStoreAny(keys, condition));
        }
        completion.onCompletion();
      } catch (Exception e) {
        completion.onException(e instanceof CacheLoaderException ? e : new CacheLoaderException(e));
      } finally {
        loadDone();
      }
    };
    try {
      loadExecutor.execute(load);
    } catch (RejectedExecutionException closing) {
      loadDone();
      completion.onException(new IllegalStateException("Cache '" + name + "' is closing", closing));
    }
  }

  private void loadDone() {
    synchronized (loadsUnderWay) {
      loadsUnderWay[0]--;
      loadsUnderWay.notifyAll();
    }
  }

  /** loadAll's load: whatever entries the loader gives (JSR-107 §9.1 lets it give others), stored. */
  private Map<K, V> loadAndStoreAny(List<K> keys, WriteCondition condition) {
    Map<K, V> loaded = readThrough.loadAll(keys);
    Map<K, V> toStore = new LinkedHashMap<>();
    for (Map.Entry<K, V> entry : loaded.entrySet()) {
      if (entry.getKey() != null && entry.getValue() != null) {
        toStore.put(entry.getKey(), entry.getValue());
      }
    }
    storeAll(toStore, condition);
    return toStore;
  }

  // --------------------------------------------------------------------------------------------- writes

  @Override
  public void put(K key, V value) {
    checkOpen();
    checkKey(key);
    checkValue(value);
    long start = statistics.start();
    EncodedKey encoded = codec.key(key);
    byte[] bytes = codec.value(key, encoded, value);
    writeThrough.write(new RedisCacheEntry<>(key, value));
    stored(key, encoded, value, writes.write(encoded.bytes(), bytes, WriteCondition.ALWAYS, events.hasListeners()),
        start);
  }

  /** put's step once Redis has answered (shared with {@link RedisAsyncCache}). */
  void stored(K key, EncodedKey encoded, V value, PutOutcome outcome, long start) {
    if (outcome.written()) {
      statistics.recordPuts(1);
      statistics.recordPutTime(start);
      publishPut(key, encoded, value, outcome);
    }
  }

  /** @return the value replaced, or {@code null} if there was none */
  @Override
  public @Nullable V getAndPut(K key, V value) {
    checkOpen();
    checkKey(key);
    checkValue(value);
    long start = statistics.start();
    EncodedKey encoded = codec.key(key);
    byte[] bytes = codec.value(key, encoded, value);
    writeThrough.write(new RedisCacheEntry<>(key, value));
    return putAndGot(key, encoded, value, writes.write(encoded.bytes(), bytes, WriteCondition.ALWAYS, true), start);
  }

  /** getAndPut's step once Redis has answered (shared with {@link RedisAsyncCache}). */
  @Nullable V putAndGot(K key, EncodedKey encoded, V value, PutOutcome outcome, long start) {
    V previous = outcome.previous() == null ? null : codec.decode(key, encoded, outcome.previous());
    if (previous != null) {
      statistics.recordHits(1);
    } else {
      statistics.recordMisses(1);
    }
    statistics.recordGetTime(start);
    if (outcome.written()) {
      statistics.recordPuts(1);
      statistics.recordPutTime(start);
      publishPut(key, encoded, value, outcome);
    }
    return previous;
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    checkOpen();
    Objects.requireNonNull(map, "map");
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      checkKey(entry.getKey());
      checkValue(entry.getValue());
    }
    long start = statistics.start();
    Map<K, V> toStore = new LinkedHashMap<>(map);
    // Every value is encoded before the writer or Redis sees any: one that cannot be stored refuses the whole
    // call, so putAll is all-or-nothing on that point.
    Map<K, Prepared<K, V>> prepared = prepare(toStore);
    CacheWriterException failure = writeThrough.isEnabled() ? writeAllThrough(toStore, prepared) : null;
    statistics.recordPuts(storePrepared(prepared, WriteCondition.ALWAYS));
    statistics.recordPutTime(start);
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * putAll's writer call (shared with {@link RedisAsyncCache}, which makes it on its executor): what the writer
   * did not write is taken out of {@code prepared}.
   *
   * @return the writer's failure, or {@code null}
   */
  @Nullable CacheWriterException writeAllThrough(Map<K, V> toStore, Map<K, Prepared<K, V>> prepared) {
    List<Cache.Entry<? extends K, ? extends V>> pending = new ArrayList<>(toStore.size());
    for (Map.Entry<K, V> entry : toStore.entrySet()) {
      pending.add(new RedisCacheEntry<>(entry.getKey(), entry.getValue()));
    }
    CacheWriterException failure = writeThrough.writeAll(pending);
    // JSR-107 §9.2: what the writer left in the collection was not written, so it must not be cached.
    for (Cache.Entry<? extends K, ? extends V> notWritten : pending) {
      prepared.remove(notWritten.getKey());
    }
    return failure;
  }

  /** An entry encoded for Redis. */
  record Prepared<K, V>(K key, EncodedKey encoded, V value, byte[] bytes) {
  }

  /**
   * Encodes every entry, in order, so a value that cannot be stored is refused before anything is written (shared
   * with {@link RedisAsyncCache}).
   */
  Map<K, Prepared<K, V>> prepare(Map<K, V> entries) {
    Map<K, Prepared<K, V>> prepared = new LinkedHashMap<>();
    List<EncodedKey> encoded = codec.keys(new ArrayList<>(entries.keySet()));
    int i = 0;
    for (Map.Entry<K, V> entry : entries.entrySet()) {
      K key = entry.getKey();
      V value = entry.getValue();
      EncodedKey encodedKey = encoded.get(i++);
      prepared.put(key, new Prepared<>(key, encodedKey, value, codec.value(key, encodedKey, value)));
    }
    return prepared;
  }

  private int storeAll(Map<K, V> entries, WriteCondition condition) {
    return storePrepared(prepare(entries), condition);
  }

  /**
   * Writes many entries in one pipelined round trip (or one by one under a dynamic policy), with events.
   *
   * @return how many were written
   */
  private int storePrepared(Map<K, Prepared<K, V>> entries, WriteCondition condition) {
    if (entries.isEmpty()) {
      return 0;
    }
    int written = 0;
    boolean wantPrevious = events.hasListeners();
    if (!expiry.isFixed()) {
      for (Prepared<K, V> entry : entries.values()) {
        PutOutcome outcome = writes.write(entry.encoded().bytes(), entry.bytes(), condition, wantPrevious);
        written += outcome.written() ? 1 : 0;
        publishConditionalPut(entry.key(), entry.encoded(), entry.value(), outcome);
      }
      return written;
    }
    EntryStore.Pipeline pipeline = store.pipeline();
    List<Queued<?>> futures = queueAll(pipeline, entries, condition, wantPrevious);
    pipeline.execute();
    return publishAll(pipeline, futures, entries, wantPrevious);
  }

  /**
   * {@link #storePrepared} without waiting (for {@link RedisAsyncCache}): the same pipeline, or under a dynamic
   * policy the same writes one after the other; completes on {@code completion}, where events are published.
   */
  CompletableFuture<Integer> storePreparedAsync(Map<K, Prepared<K, V>> entries, WriteCondition condition,
      Executor completion) {
    if (entries.isEmpty()) {
      return CompletableFuture.completedFuture(0);
    }
    boolean wantPrevious = events.hasListeners();
    if (!expiry.isFixed()) {
      // One after the other, as storePrepared writes them: the policy is asked in the same order.
      CompletableFuture<Integer> written = CompletableFuture.completedFuture(0);
      for (Prepared<K, V> entry : entries.values()) {
        written = written.thenCompose(count -> writes.writeAsync(entry.encoded().bytes(), entry.bytes(), condition,
            wantPrevious, completion).thenApply(outcome -> {
              publishConditionalPut(entry.key(), entry.encoded(), entry.value(), outcome);
              return count + (outcome.written() ? 1 : 0);
            }));
      }
      return written;
    }
    EntryStore.Pipeline pipeline = store.pipeline();
    List<Queued<?>> futures = queueAll(pipeline, entries, condition, wantPrevious);
    return pipeline.executeAsync(completion).thenApply(done -> publishAll(pipeline, futures, entries, wantPrevious));
  }

  private List<Queued<?>> queueAll(EntryStore.Pipeline pipeline, Map<K, Prepared<K, V>> entries,
      WriteCondition condition, boolean wantPrevious) {
    List<Queued<?>> futures = new ArrayList<>(entries.size());
    for (Prepared<K, V> entry : entries.values()) {
      futures.add(writes.queue(pipeline, entry.encoded().bytes(), entry.bytes(), condition, wantPrevious));
    }
    return futures;
  }

  /** Reads each answer of an executed pipeline of writes, publishing events; returns how many were written. */
  private int publishAll(EntryStore.Pipeline pipeline, List<Queued<?>> futures, Map<K, Prepared<K, V>> entries,
      boolean wantPrevious) {
    int written = 0;
    int i = 0;
    for (Prepared<K, V> entry : entries.values()) {
      PutOutcome outcome = EntryWrites.outcome(pipeline.result(futures.get(i++)), wantPrevious);
      written += outcome.written() ? 1 : 0;
      publishConditionalPut(entry.key(), entry.encoded(), entry.value(), outcome);
    }
    return written;
  }

  private void publishConditionalPut(K key, EncodedKey encoded, V value, PutOutcome outcome) {
    if (outcome.written()) {
      publishPut(key, encoded, value, outcome);
    }
  }

  void publishPut(K key, EncodedKey encoded, V value, PutOutcome outcome) {
    if (!events.hasListeners()) {
      return;
    }
    V previous = outcome.previous() == null ? null : codec.decode(key, encoded, outcome.previous());
    if (outcome.existed() && previous != null) {
      events.updated(key, value, previous);
    } else {
      events.created(key, value);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>An unreadable value at the key (corrupt bytes, or a hash, list, set, sorted set or stream another program
   * put there) counts as present: nothing is written and the answer is {@code false}. Telling it from an entry
   * would cost every putIfAbsent a script or a second round trip instead of one SET NX; the next put, replace
   * or remove of the key, or its TTL, clears it.
   */
  @Override
  public boolean putIfAbsent(K key, V value) {
    checkOpen();
    checkKey(key);
    checkValue(value);
    long start = statistics.start();
    EncodedKey encoded = codec.key(key);
    byte[] bytes = codec.value(key, encoded, value);
    if (writeThrough.isEnabled()) {
      // JSR-107 §9.2: the writer sees only writes that happen, so learn first whether this one will.
      if (store.exists(encoded.bytes())) {
        statistics.recordHits(1);
        return false;
      }
      writeThrough.write(new RedisCacheEntry<>(key, value));
    }
    return storedIfAbsent(key, value, writes.write(encoded.bytes(), bytes, WriteCondition.IF_ABSENT, false), start);
  }

  /** putIfAbsent's step once Redis has answered (shared with {@link RedisAsyncCache}). */
  boolean storedIfAbsent(K key, V value, PutOutcome outcome, long start) {
    if (outcome.written()) {
      statistics.recordMisses(1);
      statistics.recordPuts(1);
      statistics.recordPutTime(start);
      events.created(key, value);
    } else {
      statistics.recordHits(1);
    }
    return outcome.written();
  }

  @Override
  public boolean replace(K key, V value) {
    return replaceExisting(key, value, events.hasListeners()).written();
  }

  /** @return the value replaced, or {@code null} if there was none (and nothing was replaced) */
  @Override
  public @Nullable V getAndReplace(K key, V value) {
    long start = statistics.start();
    return replacedAndGot(key, replaceExisting(key, value, true), start);
  }

  /** getAndReplace's step once replaced (shared with {@link RedisAsyncCache}): the previous value. */
  @Nullable V replacedAndGot(K key, PutOutcome outcome, long start) {
    statistics.recordGetTime(start);
    return outcome.previous() == null ? null : codec.decode(key, codec.key(key), outcome.previous());
  }

  /** replace(k, v) and getAndReplace: write only over an existing entry. */
  private PutOutcome replaceExisting(K key, V value, boolean wantPrevious) {
    checkOpen();
    checkKey(key);
    checkValue(value);
    long start = statistics.start();
    EncodedKey encoded = codec.key(key);
    byte[] bytes = codec.value(key, encoded, value);
    if (writeThrough.isEnabled()) {
      // JSR-107 §9.2: the writer sees only writes that happen, so learn first whether this one will.
      if (!store.exists(encoded.bytes())) {
        return replacedExisting(key, encoded, value, new PutOutcome(false, false, null), start);
      }
      writeThrough.write(new RedisCacheEntry<>(key, value));
    }
    return replacedExisting(key, encoded, value,
        writes.write(encoded.bytes(), bytes, WriteCondition.IF_PRESENT, wantPrevious), start);
  }

  /** replace(k, v)'s step once Redis has answered (shared with {@link RedisAsyncCache}). */
  PutOutcome replacedExisting(K key, EncodedKey encoded, V value, PutOutcome outcome, long start) {
    if (outcome.written()) {
      statistics.recordHits(1);
      statistics.recordPuts(1);
      statistics.recordPutTime(start);
      publishPut(key, encoded, value, outcome);
    } else {
      statistics.recordMisses(1);
    }
    return outcome;
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    checkOpen();
    checkKey(key);
    checkValue(oldValue);
    checkValue(newValue);
    long start = statistics.start();
    EncodedKey encoded = codec.key(key);
    byte[] replacement = codec.value(key, encoded, newValue);
    Boolean done = compareAndApply(key, encoded, oldValue, replacement,
        () -> writeThrough.write(new RedisCacheEntry<>(key, newValue)));
    return replacedIfEqual(key, oldValue, newValue, done, start);
  }

  /**
   * replace(k, old, new)'s step once the compare-and-set is over (shared with {@link RedisAsyncCache}).
   *
   * @param done {@code null} if there was no entry, else whether it was replaced
   */
  boolean replacedIfEqual(K key, V oldValue, V newValue, @Nullable Boolean done, long start) {
    if (done == null) {
      statistics.recordMisses(1);
      return false;
    }
    statistics.recordHits(1);
    if (done) {
      statistics.recordPuts(1);
      statistics.recordPutTime(start);
      events.updated(key, newValue, oldValue);
    }
    return done;
  }

  // -------------------------------------------------------------------------------------------- removes

  @Override
  public boolean remove(K key) {
    checkOpen();
    checkKey(key);
    long start = statistics.start();
    writeThrough.delete(key);
    EncodedKey encoded = codec.key(key);
    if (events.hasListeners()) {
      byte[] previous = store.getAndDelete(encoded.bytes());
      return removed(key, encoded, previous != null, previous, start);
    }
    return removed(key, encoded, store.delete(encoded.bytes()), null, start);
  }

  /**
   * remove(k)'s step once Redis has answered (shared with {@link RedisAsyncCache}).
   *
   * @param previous the bytes GETDEL removed when listeners wanted them, else {@code null}
   */
  boolean removed(K key, EncodedKey encoded, boolean removed, byte @Nullable [] previous, long start) {
    if (previous != null) {
      V old = codec.decode(key, encoded, previous);
      if (old != null) {
        events.removed(key, old);
      }
    }
    if (removed) {
      statistics.recordRemovals(1);
      statistics.recordRemoveTime(start);
    }
    return removed;
  }

  @Override
  public boolean remove(K key, V oldValue) {
    checkOpen();
    checkKey(key);
    checkValue(oldValue);
    long start = statistics.start();
    EncodedKey encoded = codec.key(key);
    Boolean done = compareAndApply(key, encoded, oldValue, null, () -> writeThrough.delete(key));
    return removedIfEqual(key, oldValue, done, start);
  }

  /**
   * remove(k, old)'s step once the compare-and-set is over (shared with {@link RedisAsyncCache}).
   *
   * @param done {@code null} if there was no entry, else whether it was removed
   */
  boolean removedIfEqual(K key, V oldValue, @Nullable Boolean done, long start) {
    if (done == null) {
      statistics.recordMisses(1);
      return false;
    }
    statistics.recordHits(1);
    if (done) {
      statistics.recordRemovals(1);
      statistics.recordRemoveTime(start);
      events.removed(key, oldValue);
    }
    return done;
  }

  /**
   * The compare-and-set loop behind replace(k, old, new) and remove(k, v): succeeds only while the entry holds
   * a value equal to {@code expected}. Values are compared first by their bytes in Redis and, when those
   * differ, by {@code equals} on the decoded value, since equal objects need not serialize identically.
   *
   * @param replacement the new bytes, or {@code null} to remove
   * @param writerCall  calls the writer once a match is certain
   * @return {@code null} if there was no entry, else whether the change was applied
   */
  private @Nullable Boolean compareAndApply(K key, EncodedKey encoded, V expected, byte @Nullable [] replacement,
      Runnable writerCall) {
    long accessTtl = expiry.isFixed() ? expiry.forAccess() : Ttl.KEEP;
    // The writer must see only what will happen (JSR-107 §9.2), and a dynamic policy may be asked for the
    // update TTL only once the update is certain: both need the match confirmed before the write.
    boolean confirmFirst = writeThrough.isEnabled() || !expiry.isFixed();
    byte[] expectedBytes = confirmFirst ? null : codec.value(key, encoded, expected);
    while (true) {
      if (confirmFirst) {
        byte[] current = store.get(encoded.bytes());
        V currentValue = codec.decode(key, encoded, current);
        if (currentValue == null) {
          return null;
        }
        if (!currentValue.equals(expected)) {
          mismatchAccess(encoded, accessTtl);
          return false;
        }
        expectedBytes = current;
        writerCall.run();
      }
      CasAction action = replacement == null ? CasAction.DELETE : CasAction.SET;
      long ttl = replacement == null ? Ttl.KEEP : expiry.forUpdate();
      if (ttl == Ttl.EXPIRE_NOW) {
        action = CasAction.DELETE;
      }
      CasOutcome outcome = store.compareAndSet(encoded.bytes(), expectedBytes, action, replacement, ttl,
          confirmFirst ? Ttl.KEEP : accessTtl);
      if (outcome.matched()) {
        return true;
      }
      if (confirmFirst) {
        continue; // changed between our read and our write: look again
      }
      V currentValue = codec.decode(key, encoded, outcome.current());
      if (currentValue == null) {
        return null;
      }
      if (!currentValue.equals(expected)) {
        return false; // the script already applied the access TTL
      }
      expectedBytes = outcome.current();
    }
  }

  private void mismatchAccess(EncodedKey encoded, long accessTtl) {
    if (expiry.isFixed()) {
      if (accessTtl != Ttl.KEEP) {
        store.expire(encoded.bytes(), accessTtl);
      }
    } else {
      writes.touch(encoded.bytes());
    }
  }

  /** @return the value removed, or {@code null} if there was none */
  @Override
  public @Nullable V getAndRemove(K key) {
    checkOpen();
    checkKey(key);
    long start = statistics.start();
    writeThrough.delete(key);
    EncodedKey encoded = codec.key(key);
    return removedAndGot(key, encoded, store.getAndDelete(encoded.bytes()), start);
  }

  /** getAndRemove's step once Redis has answered (shared with {@link RedisAsyncCache}). */
  @Nullable V removedAndGot(K key, EncodedKey encoded, byte @Nullable [] bytes, long start) {
    V previous = codec.decode(key, encoded, bytes);
    if (previous != null) {
      statistics.recordHits(1);
      statistics.recordRemovals(1);
      statistics.recordRemoveTime(start);
      events.removed(key, previous);
    } else {
      statistics.recordMisses(1);
    }
    statistics.recordGetTime(start);
    return previous;
  }

  @Override
  public void removeAll(Set<? extends K> keySet) {
    checkOpen();
    checkKeys(keySet);
    long start = statistics.start();
    List<K> toRemove = new ArrayList<>(keySet);
    CacheWriterException failure = writeThrough.isEnabled() ? deleteAllThrough(toRemove) : null;
    long removed = deleteAll(toRemove, codec.keys(toRemove));
    statistics.recordRemovals(removed);
    statistics.recordRemoveTime(start);
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * removeAll's writer call (shared with {@link RedisAsyncCache}, which makes it on its executor): what the writer
   * did not delete is taken out of {@code toRemove} (JSR-107 §9.2: it stays cached).
   *
   * @return the writer's failure, or {@code null}
   */
  @Nullable CacheWriterException deleteAllThrough(List<K> toRemove) {
    List<K> pending = new ArrayList<>(toRemove);
    CacheWriterException failure = writeThrough.deleteAll(pending);
    toRemove.removeAll(pending);
    return failure;
  }

  /** Deletes keys in one pipelined round trip, publishing removed events; returns how many existed. */
  private long deleteAll(List<K> keyList, List<EncodedKey> encoded) {
    return deleteAll(keyList, encoded, false);
  }

  /**
   * @param unlink whether to delete with UNLINK rather than DEL when no listener needs the old value (a listener
   *               needs GETDEL; an entry's value is one string, which UNLINK frees at once anyway)
   */
  private long deleteAll(List<K> keyList, List<EncodedKey> encoded, boolean unlink) {
    if (keyList.isEmpty()) {
      return 0;
    }
    EntryStore.Pipeline pipeline = store.pipeline();
    List<Queued<?>> futures = queueDeletes(pipeline, encoded, unlink);
    pipeline.execute();
    return removedBy(pipeline, futures, keyList, encoded);
  }

  /**
   * removeAll(keys)'s deletion without waiting (for {@link RedisAsyncCache}): the same pipeline; completes on
   * {@code completion}, where removed events are published, with how many keys existed.
   */
  CompletableFuture<Long> deleteAllAsync(List<K> keyList, Executor completion) {
    if (keyList.isEmpty()) {
      return CompletableFuture.completedFuture(0L);
    }
    List<EncodedKey> encoded = codec.keys(keyList);
    EntryStore.Pipeline pipeline = store.pipeline();
    List<Queued<?>> futures = queueDeletes(pipeline, encoded, false);
    return pipeline.executeAsync(completion).thenApply(done -> removedBy(pipeline, futures, keyList, encoded));
  }

  /** Queues a delete of each key: GETDEL when a listener needs the old value, else UNLINK or DEL. */
  private List<Queued<?>> queueDeletes(EntryStore.Pipeline pipeline, List<EncodedKey> encoded, boolean unlink) {
    boolean publish = events.hasListeners();
    List<Queued<?>> futures = new ArrayList<>(encoded.size());
    for (EncodedKey key : encoded) {
      futures.add(publish ? pipeline.getAndDelete(key.bytes())
          : unlink ? pipeline.unlink(key.bytes()) : pipeline.delete(key.bytes()));
    }
    return futures;
  }

  /** Reads each answer of an executed pipeline of deletes, publishing removed events; returns how many existed. */
  private long removedBy(EntryStore.Pipeline pipeline, List<Queued<?>> futures, List<K> keyList,
      List<EncodedKey> encoded) {
    long removed = 0;
    for (int i = 0; i < keyList.size(); i++) {
      Object answer = pipeline.result(futures.get(i));
      if (answer instanceof byte[]) {
        removed++;
        V old = codec.decode(keyList.get(i), encoded.get(i), (byte[]) answer);
        if (old != null) {
          events.removed(keyList.get(i), old);
        }
      } else if (Boolean.TRUE.equals(answer) || (answer instanceof Long && (Long) answer > 0)) {
        removed++;
      }
    }
    return removed;
  }

  @Override
  public void removeAll() {
    checkOpen();
    long start = statistics.start();
    PageRemoval removal = new PageRemoval(false);
    EntryStore.KeyScan scan = store.scan(codec.scanPattern(), SCAN_COUNT);
    for (List<byte[]> page = scan.nextPage(); page != null; page = scan.nextPage()) {
      removal.remove(page);
    }
    statistics.recordRemovals(removal.removed);
    statistics.recordRemoveTime(start);
    if (removal.failure != null) {
      throw removal.failure;
    }
  }

  /**
   * Removes every entry of this cache whose key, as the application wrote it, matches {@code glob}, with what
   * {@link #removeAll(Set)} does for each: the writer is told first (JSR-107 §9.2; keys it leaves undeleted stay),
   * removed listeners hear of each removal, removals are counted, and near caches here and in other JVMs drop
   * their copies. Keys are found with {@code SCAN MATCH} on every master (a page of at most 500 at a time, so
   * memory stays bounded however many match) and deleted with {@code UNLINK}, or {@code GETDEL} when a listener
   * needs the old value. Like {@code removeAll()} it is not atomic: an entry written while the scan runs may or may
   * not go.
   *
   * <p>The glob is Redis's ({@code *} any bytes, {@code ?} one byte, {@code [abc]}, {@code [^a-z]}, {@code \}
   * escapes the next character) applied to the key's UTF-8 bytes, so {@code "user:42:*"} removes every key
   * starting with {@code user:42:}; the prefix and cache name before it are matched literally, whatever
   * characters they hold. Keys that are not stored as their own text cannot be matched and are never removed by
   * this call: a key longer than the hash threshold ({@code keyHashThreshold}, stored as a digest), and a string
   * holding an unpaired surrogate (stored as Kryo bytes). Keys of other types in an {@code Object}-keyed cache
   * are ignored.
   *
   * @param glob the pattern over the application's keys, not null
   * @return how many entries were removed
   * @throws UnsupportedOperationException if the cache's key type cannot be a {@code String}
   * @throws IllegalStateException if the cache is closed
   * @throws CacheWriterException if the writer failed for some keys (the others were removed)
   */
  public long removeAllMatching(String glob) {
    checkOpen();
    Objects.requireNonNull(glob, "glob");
    if (!keyType.isAssignableFrom(String.class)) {
      throw new UnsupportedOperationException("Cache '" + name + "' has keys of type " + keyType.getName()
          + "; removeAllMatching matches String keys only");
    }
    long start = statistics.start();
    PageRemoval removal = new PageRemoval(true);
    List<byte[]> patterns = codec.stringKeyPatterns(glob);
    for (int p = 0; p < patterns.size(); p++) {
      EntryStore.KeyScan scan = store.scan(patterns.get(p), SCAN_COUNT);
      for (List<byte[]> page = scan.nextPage(); page != null; page = scan.nextPage()) {
        List<byte[]> strings = new ArrayList<>(page.size());
        for (byte[] redisKey : page) {
          if (codec.isStringMatch(redisKey, p)) {
            strings.add(redisKey);
          }
        }
        removal.remove(strings);
      }
    }
    statistics.recordRemovals(removal.removed);
    statistics.recordRemoveTime(start);
    if (removal.failure != null) {
      throw removal.failure;
    }
    return removal.removed;
  }

  /** Removes scanned pages of keys as removeAll(keys) removes keys, keeping the count and the first writer failure. */
  private final class PageRemoval {
    private final boolean unlink;
    private long removed;
    private @Nullable CacheWriterException failure;

    PageRemoval(boolean unlink) {
      this.unlink = unlink;
    }

    void remove(List<byte[]> page) {
      if (page.isEmpty()) {
        return;
      }
      Map<K, EncodedKey> found = codec.resolve(page, store);
      List<K> toRemove = new ArrayList<>(found.keySet());
      if (writeThrough.isEnabled()) {
        List<K> pending = new ArrayList<>(toRemove);
        CacheWriterException pageFailure = writeThrough.deleteAll(pending);
        failure = failure == null ? pageFailure : failure;
        toRemove.removeAll(pending);
      }
      List<EncodedKey> encoded = new ArrayList<>(toRemove.size());
      for (K key : toRemove) {
        encoded.add(found.get(key));
      }
      removed += deleteAll(toRemove, encoded, unlink);
    }
  }

  @Override
  public void clear() {
    checkOpen();
    RedisCacheManager.deleteData(store, codec.scanPattern());
    if (near != null) {
      near.invalidateAll();
    }
  }

  // -------------------------------------------------------------------------------------------- invoke

  /** @return what the processor returned, which may be {@code null} */
  @Override
  public <T> @Nullable T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    checkOpen();
    checkKey(key);
    Objects.requireNonNull(processor, "entry processor");
    return processors.invoke(key, processor, arguments);
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keySet,
      EntryProcessor<K, V, T> processor, Object... arguments) {
    checkOpen();
    checkKeys(keySet);
    Objects.requireNonNull(processor, "entry processor");
    return processors.invokeAll(new ArrayList<>(keySet), processor, arguments);
  }

  // ----------------------------------------------------------------------------------------- iteration

  @Override
  public Iterator<Entry<K, V>> iterator() {
    checkOpen();
    return new CacheIterator<>(store, codec, writes, expiry, statistics, this::checkOpen, this::remove);
  }

  // ----------------------------------------------------------------------------------------- checks

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("Cache '" + name + "' is closed");
    }
  }

  void checkKey(K key) {
    Objects.requireNonNull(key, "key");
    if (!keyType.isInstance(key)) {
      throw new ClassCastException("Key " + key + " of type " + key.getClass().getName() + " is not a "
          + keyType.getName() + " as cache '" + name + "' requires");
    }
  }

  void checkKeys(Collection<? extends K> keySet) {
    Objects.requireNonNull(keySet, "keys");
    for (K key : keySet) {
      checkKey(key);
    }
  }

  void checkValue(V value) {
    Objects.requireNonNull(value, "value");
    if (!valueType.isInstance(value)) {
      throw new ClassCastException("Value of type " + value.getClass().getName() + " is not a "
          + valueType.getName() + " as cache '" + name + "' requires");
    }
  }

  // ------------------------------------------------------------------------------- lifecycle, metadata

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    if (clazz.isInstance(configuration)) {
      return clazz.cast(configuration);
    }
    throw new IllegalArgumentException("The configuration of cache '" + name + "' is not a " + clazz.getName());
  }

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    checkOpen();
    Objects.requireNonNull(listenerConfiguration, "listener configuration");
    events.register(listenerConfiguration);
    configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    checkOpen();
    Objects.requireNonNull(listenerConfiguration, "listener configuration");
    if (events.deregister(listenerConfiguration)) {
      configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
    }
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  /** Closes the cache, waiting at most the command timeout for its last statistics to reach Redis. */
  @Override
  public void close() {
    close(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(manager.settings().timeoutMillis()));
  }

  /**
   * Closes the cache: its beans, loader, writer, expiry policy, listeners and connections go now; its last
   * statistics are sent to Redis and waited for until {@code deadlineNanos} at most (a Redis that hangs must not
   * hold up a CacheManager closing all its caches).
   *
   * @param deadlineNanos a {@link System#nanoTime()} after which nothing more is waited for
   */
  /** Waits, until the deadline at most, for the loadAll calls under way, which use the loader close() releases. */
  private void awaitLoads(long deadlineNanos) {
    synchronized (loadsUnderWay) {
      try {
        while (loadsUnderWay[0] > 0) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
          if (left <= 0) {
            LOG.debug("Cache '{}': closing with loadAll calls still under way", name);
            return;
          }
          loadsUnderWay.wait(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void close(long deadlineNanos) {
    if (closed) {
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    manager.release(this);
    beans.close();
    CompletableFuture<Void> shared = shareStatistics();
    awaitLoads(deadlineNanos);
    closeQuietly(readThrough);
    closeQuietly(writeThrough);
    closeQuietly(expiry);
    if (nearListener != null) {
      nearListener.close();
    }
    events.close();
    try {
      shared.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      LOG.debug("Cache '{}': closed before Redis answered; its last statistics may not be shared", name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // shareStatistics never completes exceptionally
    }
  }

  private void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Closing {} of cache '{}' failed", closeable, name, e);
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz == AsyncCache.class) {
      return clazz.cast(async);
    }
    if (clazz.isAssignableFrom(getClass())) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("Cache '" + name + "' cannot be unwrapped to " + clazz.getName());
  }

  /** Turns statistics recording and its MXBean on or off (JSR-107 §12). */
  void setStatisticsEnabled(boolean enabled) {
    beans.apply(configuration.isManagementEnabled(), enabled);
    configuration.setStatisticsEnabled(enabled);
    statistics.setEnabled(enabled);
  }

  /** Turns the configuration MXBean on or off (JSR-107 §12). */
  void setManagementEnabled(boolean enabled) {
    beans.apply(enabled, configuration.isStatisticsEnabled());
    configuration.setManagementEnabled(enabled);
  }

  /**
   * @return this cache's statistics summed over every JVM using it (each JVM adds its counts once a second)
   */
  public ClusterStatisticsMXBean clusterStatistics() {
    return clusterStatistics;
  }

  /**
   * Adds the counts recorded here since the last call to the cluster-wide totals in Redis (the CacheManager
   * calls this once a second), without waiting; counts that cannot be added are kept for the next call. The
   * script adds all of them or none (see {@code add_counters.lua}), so giving all of them back never counts
   * one twice.
   *
   * @return completes when Redis has answered, or the command failed (never exceptionally)
   */
  CompletableFuture<Void> shareStatistics() {
    StatisticsDelta counts = statistics.takeUnshared();
    if (counts.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return statisticsStore.addToCounters(clusterStatistics.key(), counts.byField())
        .handle((restarted, failure) -> {
          if (failure != null) {
            statistics.returnUnshared(counts);
            LOG.debug("Cache '{}': sharing statistics failed, retried next time: {}", name, failure.toString());
          } else if (restarted > 0) {
            LOG.warn("Cache '{}': {} cluster statistics field(s) in Redis held no whole number and restarted"
                + " from this JVM's counts", name, restarted);
          }
          return null;
        });
  }

  /** @return whether any listener is registered here (the previous value of a write is then needed) */
  boolean hasListeners() {
    return events.hasListeners();
  }

  /** @return what the near cache holds, read-only, or {@code null} when this cache has none */
  public @Nullable NearCacheState nearCache() {
    return near;
  }

  /** @return this cache's statistics in this JVM, read-only */
  public RedisCacheStatistics statistics() {
    return statistics;
  }

  /** A completion listener for callers that passed none. */
  private enum NoCompletionListener implements CompletionListener {
    INSTANCE;

    @Override
    public void onCompletion() {
    }

    @Override
    public void onException(Exception e) {
      LOG.warn("loadAll failed", e);
    }
  }
}
