package io.github.jcacheredis.async;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.AsyncCache;
import io.github.jcacheredis.RedisCache;
import io.github.jcacheredis.NearCacheConfiguration;
import io.github.jcacheredis.RedisCacheConfiguration;
import io.github.jcacheredis.async.CacheCalls.Api;
import io.github.jcacheredis.RedisCacheStatistics;
import io.github.jcacheredis.NearCacheState;
import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each asynchronous operation against the blocking one: the same scenario runs through both APIs (see
 * {@link CacheCalls}) and must give the same results, events, writer and loader calls and statistics. Two
 * caches: a plain one (listener and statistics, no loader or writer: getAsync and putAsync take their
 * non-blocking path) and an integrated one (read-through loader and write-through writer too).
 */
class AsyncCacheSemanticsTest {

  private static final Collection<String> EVENTS = new ConcurrentLinkedQueue<>();
  private static final Collection<String> WRITER = new ConcurrentLinkedQueue<>();

  private CacheManager manager;
  private Cache<String, String> plain;
  private Cache<String, String> integrated;

  @BeforeEach
  void open() {
    EVENTS.clear();
    WRITER.clear();
    manager = TestRedis.newManager(TestRedis.uniquePrefix("async"));
    plain = manager.createCache("plain", configuration());
    integrated = manager.createCache("integrated", configuration().setReadThrough(true).setWriteThrough(true)
        .setCacheLoaderFactory(FactoryBuilder.factoryOf(Loader.class))
        .setCacheWriterFactory(FactoryBuilder.factoryOf(Writer.class)));
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private static RedisCacheConfiguration<String, String> configuration() {
    RedisCacheConfiguration<String, String> configuration = new RedisCacheConfiguration<>();
    configuration.setTypes(String.class, String.class).setStatisticsEnabled(true)
        .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(Recorder.class), null, true, true));
    return configuration;
  }

  /**
   * Reads until the near cache holds {@code size} copies. A read keeps no copy when the invalidation of the write
   * before it reaches this JVM after the read began (that write's own, sent by Redis to every tracking
   * connection), so the first read may have to be repeated.
   *
   * @return how many reads it took (each counts as a hit)
   */
  private static int readUntilKept(Supplier<String> read, String expected, NearCacheState near, long size) {
    int[] reads = {0};
    await().pollInSameThread().pollInterval(java.time.Duration.ofMillis(20))
        .atMost(java.time.Duration.ofSeconds(10)).until(() -> {
      reads[0]++;
      assertEquals(expected, read.get());
      return near.size() == size;
    });
    return reads[0];
  }

  private static RedisCacheStatistics statistics(Cache<String, String> cache) {
    return cache.unwrap(RedisCache.class).statistics();
  }

  private static List<String> events() {
    return new ArrayList<>(EVENTS);
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void getCountsAHitAndAMiss(Api api) {
    plain.put("a", "1");
    CacheCalls calls = api.on(plain);
    assertEquals("1", calls.get("a"));
    assertNull(calls.get("b"));
    assertEquals(1, statistics(plain).getCacheHits());
    assertEquals(1, statistics(plain).getCacheMisses());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void getLoadsAMissOfAReadThroughCache(Api api) {
    CacheCalls calls = api.on(integrated);
    assertEquals("loaded:db:1", calls.get("db:1"));
    assertNull(calls.get("other"));
    assertTrue(integrated.containsKey("db:1"));
    assertEquals(List.of("CREATED db:1=loaded:db:1"), events());
    assertEquals(2, statistics(integrated).getCacheMisses());
    assertEquals(List.of(), List.copyOf(WRITER), "a loaded value is not written through (JSR-107 §9.2)");
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void getAllLoadsTheMissingKeys(Api api) {
    integrated.put("a", "1");
    WRITER.clear();
    EVENTS.clear();
    Map<String, String> found = api.on(integrated).getAll(Set.of("a", "db:2", "none"));
    assertEquals(Map.of("a", "1", "db:2", "loaded:db:2"), found);
    assertEquals(List.of("CREATED db:2=loaded:db:2"), events());
    assertEquals(1, statistics(integrated).getCacheHits());
    assertEquals(2, statistics(integrated).getCacheMisses());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void containsKeyNeitherLoadsNorCounts(Api api) {
    integrated.put("a", "1");
    CacheCalls calls = api.on(integrated);
    assertTrue(calls.containsKey("a"));
    assertFalse(calls.containsKey("db:1"));
    assertEquals(0, statistics(integrated).getCacheHits() + statistics(integrated).getCacheMisses());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void putCreatesThenUpdates(Api api) {
    for (Cache<String, String> cache : List.of(plain, integrated)) {
      EVENTS.clear();
      CacheCalls calls = api.on(cache);
      calls.put("k", "1");
      calls.put("k", "2");
      assertEquals("2", cache.get("k"));
      assertEquals(List.of("CREATED k=1", "UPDATED k=2 (was 1)"), events());
      assertEquals(2, statistics(cache).getCachePuts());
    }
    assertEquals(List.of("write k=1", "write k=2"), List.copyOf(WRITER));
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void putUnderACreatedExpiryPolicyKeepsTheTtlOnUpdate(Api api) {
    Cache<String, String> expiring = manager.createCache("expiring", configuration()
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(java.util.concurrent.TimeUnit.MINUTES, 5))));
    CacheCalls calls = api.on(expiring);
    calls.put("k", "1");
    calls.put("k", "2");
    assertEquals("2", expiring.get("k"));
    assertEquals(List.of("CREATED k=1", "UPDATED k=2 (was 1)"), events());
    try (RespClient redis = TestRedis.client()) {
      long ttl = redis.number("PTTL", manager.getProperties().getProperty(ProviderSettings.KEY_PREFIX) + ":expiring:k");
      assertTrue(ttl > 0 && ttl <= 300_000, "TTL " + ttl);
    }
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void getAndPutAnswersThePreviousValue(Api api) {
    CacheCalls calls = api.on(integrated);
    assertNull(calls.getAndPut("k", "1"));
    assertEquals("1", calls.getAndPut("k", "2"));
    assertEquals(List.of("CREATED k=1", "UPDATED k=2 (was 1)"), events());
    assertEquals(1, statistics(integrated).getCacheHits());
    assertEquals(1, statistics(integrated).getCacheMisses());
    assertEquals(List.of("write k=1", "write k=2"), List.copyOf(WRITER));
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void putAllWritesThroughAndStores(Api api) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("a", "1");
    entries.put("b", "2");
    api.on(integrated).putAll(entries);
    assertEquals(Map.of("a", "1", "b", "2"), integrated.getAll(Set.of("a", "b")));
    assertEquals(Set.of("writeAll a=1", "writeAll b=2"), Set.copyOf(WRITER));
    assertEquals(Set.of("CREATED a=1", "CREATED b=2"), Set.copyOf(events()));
    assertEquals(2, statistics(integrated).getCachePuts());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void putIfAbsentStoresOnlyTheFirst(Api api) {
    CacheCalls calls = api.on(integrated);
    assertTrue(calls.putIfAbsent("k", "1"));
    assertFalse(calls.putIfAbsent("k", "2"));
    assertEquals("1", integrated.get("k"));
    assertEquals(List.of("CREATED k=1"), events());
    assertEquals(List.of("write k=1"), List.copyOf(WRITER));
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void removeDeletesThroughAndNotifies(Api api) {
    integrated.put("k", "1");
    EVENTS.clear();
    WRITER.clear();
    CacheCalls calls = api.on(integrated);
    assertTrue(calls.remove("k"));
    assertFalse(calls.remove("k"));
    assertEquals(List.of("REMOVED k (was 1)"), events());
    assertEquals(List.of("delete k", "delete k"), List.copyOf(WRITER));
    assertEquals(1, statistics(integrated).getCacheRemovals());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void removeWithAValueRemovesOnlyThatValue(Api api) {
    integrated.put("k", "1");
    EVENTS.clear();
    CacheCalls calls = api.on(integrated);
    assertFalse(calls.remove("k", "2"));
    assertTrue(calls.remove("k", "1"));
    assertFalse(integrated.containsKey("k"));
    assertEquals(List.of("REMOVED k (was 1)"), events());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void getAndRemoveAnswersTheRemovedValue(Api api) {
    integrated.put("k", "1");
    EVENTS.clear();
    CacheCalls calls = api.on(integrated);
    assertEquals("1", calls.getAndRemove("k"));
    assertNull(calls.getAndRemove("k"));
    assertEquals(List.of("REMOVED k (was 1)"), events());
    assertEquals(1, statistics(integrated).getCacheHits());
    assertEquals(1, statistics(integrated).getCacheMisses());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void replaceWithAnExpectedValue(Api api) {
    integrated.put("k", "1");
    EVENTS.clear();
    CacheCalls calls = api.on(integrated);
    assertFalse(calls.replace("k", "9", "2"));
    assertTrue(calls.replace("k", "1", "2"));
    assertFalse(calls.replace("absent", "1", "2"));
    assertEquals("2", integrated.get("k"));
    assertEquals(List.of("UPDATED k=2 (was 1)"), events());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void replaceOnlyAnExistingEntry(Api api) {
    CacheCalls calls = api.on(integrated);
    assertFalse(calls.replace("k", "1"));
    integrated.put("k", "1");
    EVENTS.clear();
    assertTrue(calls.replace("k", "2"));
    assertEquals(List.of("UPDATED k=2 (was 1)"), events());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void getAndReplaceAnswersTheReplacedValue(Api api) {
    CacheCalls calls = api.on(integrated);
    assertNull(calls.getAndReplace("k", "1"));
    assertFalse(integrated.containsKey("k"));
    integrated.put("k", "1");
    assertEquals("1", calls.getAndReplace("k", "2"));
    assertEquals("2", integrated.get("k"));
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void removeAllOfSomeKeys(Api api) {
    integrated.putAll(Map.of("a", "1", "b", "2", "c", "3"));
    EVENTS.clear();
    WRITER.clear();
    api.on(integrated).removeAll(Set.of("a", "b"));
    assertEquals(Set.of("c"), keys(integrated));
    assertEquals(Set.of("REMOVED a (was 1)", "REMOVED b (was 2)"), Set.copyOf(events()));
    assertEquals(Set.of("deleteAll a", "deleteAll b"), Set.copyOf(WRITER));
    assertEquals(2, statistics(integrated).getCacheRemovals());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void removeAllOfEveryKey(Api api) {
    integrated.putAll(Map.of("a", "1", "b", "2"));
    EVENTS.clear();
    api.on(integrated).removeAll();
    assertEquals(Set.of(), keys(integrated));
    assertEquals(Set.of("REMOVED a (was 1)", "REMOVED b (was 2)"), Set.copyOf(events()));
  }

  private static Set<String> keys(Cache<String, String> cache) {
    Set<String> keys = new java.util.TreeSet<>();
    cache.forEach(entry -> keys.add(entry.getKey()));
    return keys;
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void invokeRunsTheProcessorLoadingAnAbsentEntry(Api api) {
    CacheCalls calls = api.on(integrated);
    assertEquals("loaded:db:1", calls.invoke("db:1", new Append(), "!"));
    assertEquals("loaded:db:1!", integrated.get("db:1"));
    assertNull(calls.invoke("absent", new Append(), "!"));
    assertEquals("!", integrated.get("absent"));
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void invokeAllRunsTheProcessorOnEachKey(Api api) {
    integrated.putAll(Map.of("a", "1", "b", "2"));
    Map<String, EntryProcessorResult<String>> results = api.on(integrated).invokeAll(Set.of("a", "b"),
        new Append(), "!");
    assertEquals("1", results.get("a").get());
    assertEquals("2", results.get("b").get());
    assertEquals(Map.of("a", "1!", "b", "2!"), integrated.getAll(Set.of("a", "b")));
  }

  // ------------------------------------------------------------- near cache and dynamic expiry

  @ParameterizedTest
  @EnumSource(Api.class)
  void aNearCacheServesRepeatedReadsAndDropsWhatIsWritten(Api api) {
    Cache<String, String> nearCached = manager.createCache("near", configuration()
        .setNearCache(NearCacheConfiguration.ofMaximumSize(100)));
    NearCacheState near = nearCached.unwrap(RedisCache.class).nearCache();
    CacheCalls calls = api.on(nearCached);
    calls.put("k", "1");
    int reads = readUntilKept(() -> calls.get("k"), "1", near, 1); // the miss keeps a copy
    assertEquals("1", calls.get("k"));
    assertTrue(calls.containsKey("k"));
    assertEquals(reads + 1, statistics(nearCached).getCacheHits());
    assertEquals("1", calls.getAndPut("k", "2"));
    assertEquals("2", calls.get("k"), "the write dropped the local copy");
    assertTrue(calls.remove("k"));
    assertNull(calls.get("k"));
    assertFalse(calls.containsKey("k"));
    assertTrue(calls.putIfAbsent("k", "3"));
    assertEquals("3", calls.getAndRemove("k"));
    assertNull(calls.get("k"));
    assertEquals(List.of("CREATED k=1", "UPDATED k=2 (was 1)", "REMOVED k (was 2)", "CREATED k=3",
        "REMOVED k (was 3)"), events());
    assertEquals(2, statistics(nearCached).getCacheRemovals());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aDynamicPolicyIsAskedForEachTtlAsTheBlockingCallsAskIt(Api api) {
    Cache<String, String> dynamic = manager.createCache("dynamic", configuration()
        .setExpiryPolicyFactory(FactoryBuilder.factoryOf(MinutesPolicy.class)));
    CacheCalls calls = api.on(dynamic);
    calls.put("k", "1"); // created: 1 minute
    assertTrue(ttlOf("dynamic", "k") > 0 && ttlOf("dynamic", "k") <= 60_000);
    assertEquals("1", calls.get("k")); // accessed: 3 minutes
    assertTrue(ttlOf("dynamic", "k") > 120_000 && ttlOf("dynamic", "k") <= 180_000);
    assertEquals("1", calls.getAndPut("k", "2")); // updated: 2 minutes
    assertTrue(ttlOf("dynamic", "k") > 60_000 && ttlOf("dynamic", "k") <= 120_000);
    assertFalse(calls.putIfAbsent("k", "3"));
    assertTrue(calls.replace("k", "4"));
    assertEquals("4", calls.getAndReplace("k", "5"));
    assertFalse(calls.replace("absent", "1"));
    assertTrue(calls.putIfAbsent("other", "1"));
    assertTrue(ttlOf("dynamic", "other") > 0 && ttlOf("dynamic", "other") <= 60_000);
    assertNull(calls.get("none"));
    assertFalse(calls.replace("k", "9", "6"));
    assertTrue(calls.replace("k", "5", "6")); // updated: 2 minutes
    assertTrue(ttlOf("dynamic", "k") > 60_000 && ttlOf("dynamic", "k") <= 120_000);
    assertTrue(calls.remove("other", "1"));
    assertEquals(List.of("CREATED k=1", "UPDATED k=2 (was 1)", "UPDATED k=4 (was 2)", "UPDATED k=5 (was 4)",
        "CREATED other=1", "UPDATED k=6 (was 5)", "REMOVED other (was 1)"), events());
    assertEquals(6, statistics(dynamic).getCachePuts());
    assertEquals(1, statistics(dynamic).getCacheRemovals());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void getAllCountsHitsAndMissesWithoutLoading(Api api) {
    plain.put("a", "1");
    plain.put("b", "2");
    assertEquals(Map.of("a", "1", "b", "2"), api.on(plain).getAll(Set.of("a", "b", "c")));
    assertEquals(Map.of(), api.on(plain).getAll(Set.of()));
    assertEquals(2, statistics(plain).getCacheHits());
    assertEquals(1, statistics(plain).getCacheMisses());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void getAllReadsNearCopiesAndRedisTogether(Api api) {
    Cache<String, String> nearCached = manager.createCache("near", configuration()
        .setNearCache(NearCacheConfiguration.ofMaximumSize(100)));
    NearCacheState near = nearCached.unwrap(RedisCache.class).nearCache();
    nearCached.put("a", "1");
    nearCached.put("b", "2");
    int reads = readUntilKept(() -> nearCached.get("a"), "1", near, 1); // a has a local copy, b none
    assertEquals(Map.of("a", "1", "b", "2"), api.on(nearCached).getAll(Set.of("a", "b", "c")));
    assertEquals(reads + 2, statistics(nearCached).getCacheHits());
    assertEquals(1, statistics(nearCached).getCacheMisses());
    nearCached.put("a", "3");
    assertEquals(Map.of("a", "3"), api.on(nearCached).getAll(Set.of("a")), "the write dropped the local copy");
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void getAllUnderADynamicPolicyAppliesTheAccessTtlToEachHit(Api api) {
    Cache<String, String> dynamic = manager.createCache("dynamic", configuration()
        .setExpiryPolicyFactory(FactoryBuilder.factoryOf(MinutesPolicy.class)));
    dynamic.put("a", "1"); // created: 1 minute
    dynamic.put("b", "2");
    assertEquals(Map.of("a", "1", "b", "2"), api.on(dynamic).getAll(Set.of("a", "b", "c"))); // accessed: 3 minutes
    assertTrue(ttlOf("dynamic", "a") > 120_000 && ttlOf("dynamic", "a") <= 180_000);
    assertTrue(ttlOf("dynamic", "b") > 120_000 && ttlOf("dynamic", "b") <= 180_000);
    assertEquals(2, statistics(dynamic).getCacheHits());
    assertEquals(1, statistics(dynamic).getCacheMisses());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void getAllUnderAnAccessedPolicyRenewsTheTtlOfEachHit(Api api) {
    Cache<String, String> accessed = manager.createCache("accessed", configuration()
        .setExpiryPolicyFactory(FactoryBuilder.factoryOf(new javax.cache.expiry.AccessedExpiryPolicy(
            new Duration(java.util.concurrent.TimeUnit.MINUTES, 5)))));
    accessed.put("a", "1");
    try (RespClient redis = TestRedis.client()) {
      redis.number("PEXPIRE", manager.getProperties().getProperty(ProviderSettings.KEY_PREFIX) + ":accessed:a",
          "1000");
      redis.number("HSET", manager.getProperties().getProperty(ProviderSettings.KEY_PREFIX) + ":accessed:h", "f",
          "v");
    }
    assertEquals(Map.of("a", "1"), api.on(accessed).getAll(Set.of("a", "b", "h")), "a hash at h is a miss");
    assertTrue(ttlOf("accessed", "a") > 60_000, "GETEX renewed the 5 minutes");
    assertEquals(2, statistics(accessed).getCacheMisses());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void getAllReadsAKeyOfAnotherTypeAsAMiss(Api api) {
    try (RespClient redis = TestRedis.client()) {
      redis.number("HSET", manager.getProperties().getProperty(ProviderSettings.KEY_PREFIX) + ":plain:h", "f",
          "v");
    }
    plain.put("a", "1");
    assertEquals(Map.of("a", "1"), api.on(plain).getAll(Set.of("a", "h")));
    assertEquals(1, statistics(plain).getCacheMisses());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void putAllCreatesAndUpdatesAndDropsNearCopies(Api api) {
    Cache<String, String> nearCached = manager.createCache("near", configuration()
        .setNearCache(NearCacheConfiguration.ofMaximumSize(100)));
    NearCacheState near = nearCached.unwrap(RedisCache.class).nearCache();
    nearCached.put("a", "1");
    readUntilKept(() -> nearCached.get("a"), "1", near, 1);
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("a", "2");
    entries.put("b", "3");
    api.on(nearCached).putAll(entries);
    assertEquals(0, near.size(), "the write dropped the local copy");
    assertEquals(Map.of("a", "2", "b", "3"), nearCached.getAll(Set.of("a", "b")));
    assertEquals(List.of("CREATED a=1", "UPDATED a=2 (was 1)", "CREATED b=3"), events());
    assertEquals(3, statistics(nearCached).getCachePuts());
    api.on(nearCached).putAll(Map.of());
    assertEquals(3, statistics(nearCached).getCachePuts());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void putAllUnderADynamicPolicyAsksForTheCreationAndUpdateTtls(Api api) {
    Cache<String, String> dynamic = manager.createCache("dynamic", configuration()
        .setExpiryPolicyFactory(FactoryBuilder.factoryOf(MinutesPolicy.class)));
    dynamic.put("a", "1");
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("a", "2"); // updated: 2 minutes
    entries.put("b", "3"); // created: 1 minute
    api.on(dynamic).putAll(entries);
    assertTrue(ttlOf("dynamic", "a") > 60_000 && ttlOf("dynamic", "a") <= 120_000);
    assertTrue(ttlOf("dynamic", "b") > 0 && ttlOf("dynamic", "b") <= 60_000);
    assertEquals(List.of("CREATED a=1", "UPDATED a=2 (was 1)", "CREATED b=3"), events());
    assertEquals(3, statistics(dynamic).getCachePuts());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void putAllStoresOnlyWhatTheWriterWroteAndReportsItsFailure(Api api) {
    Cache<String, String> refusing = manager.createCache("refusing", configuration().setWriteThrough(true)
        .setCacheWriterFactory(FactoryBuilder.factoryOf(RefusingWriter.class)));
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("a", "1");
    entries.put("refused", "2");
    assertThrows(javax.cache.integration.CacheWriterException.class, () -> api.on(refusing).putAll(entries));
    assertEquals(Map.of("a", "1"), refusing.getAll(Set.of("a", "refused")));
    assertEquals(List.of("CREATED a=1"), events());
    assertEquals(1, statistics(refusing).getCachePuts());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void putAllOverAKeyOfAnotherTypeReplacesIt(Api api) {
    try (RespClient redis = TestRedis.client()) {
      redis.number("HSET", manager.getProperties().getProperty(ProviderSettings.KEY_PREFIX) + ":plain:h", "f",
          "v");
    }
    api.on(plain).putAll(Map.of("h", "1"));
    assertEquals("1", plain.get("h"));
    assertEquals(List.of("CREATED h=1"), events());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void removeAllOfSomeKeysDropsNearCopies(Api api) {
    Cache<String, String> nearCached = manager.createCache("near", configuration()
        .setNearCache(NearCacheConfiguration.ofMaximumSize(100)));
    NearCacheState near = nearCached.unwrap(RedisCache.class).nearCache();
    nearCached.putAll(Map.of("a", "1", "b", "2"));
    assertEquals(Map.of("a", "1", "b", "2"), Map.copyOf(nearCached.getAll(Set.of("a", "b"))));
    readUntilKept(() -> nearCached.get("a"), "1", near, 1);
    EVENTS.clear();
    api.on(nearCached).removeAll(Set.of("a", "c"));
    assertEquals(0, near.size(), "the removal dropped the local copy");
    assertNull(nearCached.get("a"));
    assertEquals(List.of("REMOVED a (was 1)"), events());
    assertEquals(1, statistics(nearCached).getCacheRemovals());
    api.on(nearCached).removeAll(Set.of());
    assertEquals(1, statistics(nearCached).getCacheRemovals());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void removeAllWithoutListenersCountsWhatExisted(Api api) {
    Cache<String, String> quiet = manager.createCache("quiet", new RedisCacheConfiguration<String, String>()
        .setTypes(String.class, String.class).setStatisticsEnabled(true));
    quiet.putAll(Map.of("a", "1", "b", "2"));
    api.on(quiet).removeAll(Set.of("a", "b", "c"));
    assertEquals(Set.of(), keys(quiet));
    assertEquals(2, statistics(quiet).getCacheRemovals());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void removeAllKeepsWhatTheWriterDidNotDeleteAndReportsItsFailure(Api api) {
    Cache<String, String> refusing = manager.createCache("refusing", configuration().setWriteThrough(true)
        .setCacheWriterFactory(FactoryBuilder.factoryOf(RefusingWriter.class)));
    refusing.put("a", "1");
    refusing.put("refused", "2");
    EVENTS.clear();
    assertThrows(javax.cache.integration.CacheWriterException.class,
        () -> api.on(refusing).removeAll(Set.of("a", "refused")));
    assertEquals(Set.of("refused"), keys(refusing));
    assertEquals(List.of("REMOVED a (was 1)"), events());
    assertEquals(1, statistics(refusing).getCacheRemovals());
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void removeAllOfAKeyOfAnotherTypeDeletesIt(Api api) {
    try (RespClient redis = TestRedis.client()) {
      String key = manager.getProperties().getProperty(ProviderSettings.KEY_PREFIX) + ":plain:h";
      redis.number("HSET", key, "f", "v");
      api.on(plain).removeAll(Set.of("h"));
      assertEquals(0, redis.number("EXISTS", key));
    }
    assertEquals(List.of(), events(), "nothing readable was removed");
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void putGetAndGetAndRemoveOfAnIntegratedCacheTellTheWriter(Api api) {
    CacheCalls calls = api.on(integrated);
    calls.put("k", "1");
    assertEquals("1", calls.get("k"));
    assertEquals("1", calls.getAndRemove("k"));
    assertNull(calls.getAndRemove("k"));
    assertEquals(List.of("write k=1", "delete k", "delete k"), List.copyOf(WRITER));
  }

  private long ttlOf(String cacheName, String key) {
    try (RespClient redis = TestRedis.client()) {
      return redis.number("PTTL", manager.getProperties().getProperty(ProviderSettings.KEY_PREFIX) + ":"
          + cacheName + ":" + key);
    }
  }

  // ----------------------------------------------------------------------------------- async only

  @Test
  void aClosedCacheFailsTheStageWithIllegalState() {
    AsyncCache<String, String> async = plain.unwrap(AsyncCache.class);
    AsyncCache<String, String> viaExecutor = integrated.unwrap(AsyncCache.class);
    plain.close();
    integrated.close();
    for (CompletableFuture<?> stage : List.of(async.getAsync("k").toCompletableFuture(),
        async.putAsync("k", "v").toCompletableFuture(), viaExecutor.getAsync("k").toCompletableFuture(),
        viaExecutor.removeAsync("k").toCompletableFuture())) {
      ExecutionException failure = assertThrows(ExecutionException.class, stage::get);
      assertInstanceOf(IllegalStateException.class, failure.getCause());
    }
  }

  @Test
  void aNullArgumentIsThrownAtOnce() {
    AsyncCache<String, String> async = plain.unwrap(AsyncCache.class);
    assertThrows(NullPointerException.class, () -> async.getAsync(null));
    assertThrows(NullPointerException.class, () -> async.putAsync("k", null));
    assertThrows(NullPointerException.class, () -> async.invokeAsync("k", null));
    assertThrows(NullPointerException.class, () -> async.getAllAsync(null));
  }

  @Test
  void stagesCompleteOnTheAsyncExecutorNeverOnRedissonsThreads() {
    AsyncCache<String, String> async = plain.unwrap(AsyncCache.class);
    async.putAsync("k", "v").toCompletableFuture().join();
    for (CompletableFuture<String> stage : List.of(
        async.getAsync("k").thenApply(value -> Thread.currentThread().getName()).toCompletableFuture(),
        async.putAsync("k", "w").thenApply(value -> Thread.currentThread().getName()).toCompletableFuture(),
        async.getAndPutAsync("k", "x").thenApply(value -> Thread.currentThread().getName())
            .toCompletableFuture())) {
      String thread = stage.join();
      // (a stage already complete when thenApply is called runs it on this thread: also not Redisson's)
      assertTrue(thread.startsWith("jcache-redis-async-") || thread.equals(Thread.currentThread().getName()),
          thread);
    }
  }

  @Test
  void aSynchronousListenerFailureFailsTheStage() {
    Cache<String, String> failing = manager.createCache("failing", new RedisCacheConfiguration<String, String>()
        .setTypes(String.class, String.class).addCacheEntryListenerConfiguration(
            new MutableCacheEntryListenerConfiguration<>(FactoryBuilder.factoryOf(Failing.class), null, false,
                true)));
    CompletionException failure = assertThrows(CompletionException.class,
        () -> failing.unwrap(AsyncCache.class).putAsync("k", "v").toCompletableFuture().join());
    assertInstanceOf(javax.cache.event.CacheEntryListenerException.class, failure.getCause());
  }

  // ----------------------------------------------------------------------------------- fixtures

  /** Not one of JSR-107's standard policies (so asked per operation): created 1, updated 2, accessed 3 minutes. */
  public static final class MinutesPolicy implements ExpiryPolicy, Serializable {
    @Override
    public Duration getExpiryForCreation() {
      return new Duration(java.util.concurrent.TimeUnit.MINUTES, 1);
    }

    @Override
    public Duration getExpiryForUpdate() {
      return new Duration(java.util.concurrent.TimeUnit.MINUTES, 2);
    }

    @Override
    public Duration getExpiryForAccess() {
      return new Duration(java.util.concurrent.TimeUnit.MINUTES, 3);
    }
  }

  /** Records every event as a line, old values included. */
  public static final class Recorder implements CacheEntryCreatedListener<String, String>,
      CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String>, Serializable {

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(event -> EVENTS.add("CREATED " + event.getKey() + "=" + event.getValue()));
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(event -> EVENTS.add("UPDATED " + event.getKey() + "=" + event.getValue() + " (was "
          + event.getOldValue() + ")"));
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(event -> EVENTS.add("REMOVED " + event.getKey() + " (was " + event.getOldValue() + ")"));
    }
  }

  /** Fails on every created event. */
  public static final class Failing implements CacheEntryCreatedListener<String, String>, Serializable {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      throw new IllegalStateException("listener failure");
    }
  }

  /** Loads keys starting with "db:". */
  public static final class Loader implements CacheLoader<String, String>, Serializable {
    @Override
    public String load(String key) {
      return key.startsWith("db:") ? "loaded:" + key : null;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      Map<String, String> loaded = new LinkedHashMap<>();
      for (String key : keys) {
        String value = load(key);
        if (value != null) {
          loaded.put(key, value);
        }
      }
      return loaded;
    }
  }

  /** Records what it is asked to write and delete. */
  public static final class Writer implements CacheWriter<String, String>, Serializable {
    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      WRITER.add("write " + entry.getKey() + "=" + entry.getValue());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      entries.forEach(entry -> WRITER.add("writeAll " + entry.getKey() + "=" + entry.getValue()));
      entries.clear();
    }

    @Override
    public void delete(Object key) {
      WRITER.add("delete " + key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.forEach(key -> WRITER.add("deleteAll " + key));
      keys.clear();
    }
  }

  /**
   * Writes every single entry; in bulk, writes and deletes every key except "refused", and then fails.
   */
  public static final class RefusingWriter implements CacheWriter<String, String>, Serializable {
    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      entries.removeIf(entry -> !entry.getKey().equals("refused"));
      if (!entries.isEmpty()) {
        throw new javax.cache.integration.CacheWriterException("refused");
      }
    }

    @Override
    public void delete(Object key) {
      if (key.equals("refused")) {
        throw new javax.cache.integration.CacheWriterException("refused");
      }
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.removeIf(key -> !key.equals("refused"));
      if (!keys.isEmpty()) {
        throw new javax.cache.integration.CacheWriterException("refused");
      }
    }
  }

  /** Appends its argument to the value (absent: the argument alone), answering the value before. */
  static final class Append implements EntryProcessor<String, String, String>, Serializable {
    @Override
    public String process(javax.cache.processor.MutableEntry<String, String> entry, Object... arguments) {
      String before = entry.getValue();
      entry.setValue(before == null ? (String) arguments[0] : before + arguments[0]);
      return before;
    }
  }
}
