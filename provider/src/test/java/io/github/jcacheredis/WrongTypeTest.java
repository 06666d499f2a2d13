package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.processor.MutableEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hash, list, set, sorted set or stream planted at the exact Redis key of an entry is a corrupt value, not a
 * Redis outage: reads see a miss and count a decode error, writes overwrite or delete it as they would corrupt
 * bytes, iteration skips it, and no operation throws.
 */
class WrongTypeTest {

  /** The foreign Redis types, each planted with the command redis-cli would use. */
  enum Foreign {
    HASH("HSET", "field", "value"),
    LIST("LPUSH", "element"),
    SET("SADD", "member"),
    ZSET("ZADD", "1", "member"),
    STREAM("XADD", "*", "field", "value");

    private final String command;
    private final String[] arguments;

    Foreign(String command, String... arguments) {
      this.command = command;
      this.arguments = arguments;
    }

    void plant(RespClient redis, String key) {
      List<Object> call = new ArrayList<>();
      call.add(command);
      call.add(key);
      call.addAll(List.of(arguments));
      redis.call(call.toArray());
    }
  }

  static final List<String> HEARD = new CopyOnWriteArrayList<>();

  private String prefix;
  private CacheManager manager;
  private RespClient redis;
  private Cache<String, String> cache;

  @BeforeEach
  void open() {
    prefix = TestRedis.uniquePrefix("wrongtype");
    manager = TestRedis.newManager(prefix);
    redis = TestRedis.client();
    cache = manager.createCache("c", typed());
    HEARD.clear();
  }

  @AfterEach
  void close() {
    manager.close();
    redis.close();
  }

  private static MutableConfiguration<String, String> typed() {
    return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
  }

  private String redisKey(String key) {
    return prefix + ":c:" + key;
  }

  private String typeAt(String key) {
    return redis.text("TYPE", redisKey(key));
  }

  private static long decodeErrors(Cache<?, ?> cache) {
    return cache.unwrap(RedisCache.class).statistics().getDecodeErrors();
  }

  private void listen() {
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(Recorder.class), null, true, true));
  }

  // ------------------------------------------------------------------------------------------------ reads

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void getReadsAMissAndCountsADecodeError(Foreign type) {
    type.plant(redis, redisKey("k"));
    assertNull(cache.get("k"));
    assertEquals(1, decodeErrors(cache));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void getAllReadsAMissForTheForeignKeyOnly(Foreign type) {
    type.plant(redis, redisKey("k"));
    cache.put("good", "v");
    assertEquals(Map.of("good", "v"), cache.getAll(Set.of("k", "good")));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void containsKeyIsFalseAndCounted(Foreign type) {
    type.plant(redis, redisKey("k"));
    assertFalse(cache.containsKey("k"));
    assertEquals(1, decodeErrors(cache));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void aProcessorThatOnlyReadsSeesNoEntry(Foreign type) {
    type.plant(redis, redisKey("k"));
    assertEquals(Boolean.FALSE, cache.invoke("k", (entry, args) -> entry.exists()));
    assertEquals(1, decodeErrors(cache));
    assertEquals(type.name().toLowerCase(java.util.Locale.ROOT), typeAt("k"));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void iterationSkipsTheForeignKey(Foreign type) {
    type.plant(redis, redisKey("k"));
    cache.put("good", "v");
    List<String> keys = new ArrayList<>();
    for (Cache.Entry<String, String> entry : cache) {
      keys.add(entry.getKey());
    }
    assertEquals(List.of("good"), keys);
    assertEquals(1, decodeErrors(cache));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void aReadThatRenewsTheTtlReadsAMiss(Foreign type) {
    Cache<String, String> accessed = manager.createCache("a", typed()
        .setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(Duration.ONE_MINUTE)));
    type.plant(redis, prefix + ":a:k");
    accessed.put("good", "v");
    assertNull(accessed.get("k"));
    assertEquals(Map.of("good", "v"), accessed.getAll(Set.of("k", "good")));
    int seen = 0;
    for (Cache.Entry<String, String> entry : accessed) {
      seen++;
    }
    assertEquals(1, seen);
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void aNearCacheReadReadsAMiss(Foreign type) {
    Cache<String, String> near = manager.createCache("near", new RedisCacheConfiguration<String, String>()
        .setNearCache(NearCacheConfiguration.ofMaximumSize(100)).setTypes(String.class, String.class));
    type.plant(redis, prefix + ":near:k");
    assertNull(near.get("k"));
    assertEquals(1, decodeErrors(near));
  }

  // ----------------------------------------------------------------------------------------------- writes

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void putOverwritesIt(Foreign type) {
    type.plant(redis, redisKey("k"));
    cache.put("k", "v");
    assertEquals("v", cache.get("k"));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void putWithAListenerOverwritesItAndReportsACreation(Foreign type) {
    listen();
    type.plant(redis, redisKey("k"));
    cache.put("k", "v");
    assertEquals("v", cache.get("k"));
    assertEquals(List.of("CREATED k v"), HEARD);
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void getAndPutReturnsNothingAndOverwritesIt(Foreign type) {
    type.plant(redis, redisKey("k"));
    assertNull(cache.getAndPut("k", "v"));
    assertEquals("v", cache.get("k"));
    assertTrue(decodeErrors(cache) > 0, "the old value was not counted as a decode error");
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void putAllWithAListenerOverwritesIt(Foreign type) {
    listen();
    type.plant(redis, redisKey("k"));
    cache.putAll(Map.of("k", "v"));
    assertEquals("v", cache.get("k"));
    assertEquals(List.of("CREATED k v"), HEARD);
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void replaceOverwritesItAsItWouldCorruptBytes(Foreign type) {
    type.plant(redis, redisKey("k"));
    assertTrue(cache.replace("k", "v"));
    assertEquals("v", cache.get("k"));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void getAndReplaceReturnsNothingAndOverwritesIt(Foreign type) {
    type.plant(redis, redisKey("k"));
    assertNull(cache.getAndReplace("k", "v"));
    assertEquals("v", cache.get("k"));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void replaceOfAnExpectedValueDoesNotMatchIt(Foreign type) {
    type.plant(redis, redisKey("k"));
    assertFalse(cache.replace("k", "old", "new"));
    assertFalse(cache.remove("k", "old"));
    assertNull(cache.get("k"));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void putIfAbsentLeavesItAsItWouldCorruptBytes(Foreign type) {
    type.plant(redis, redisKey("k"));
    assertFalse(cache.putIfAbsent("k", "v"));
    assertNull(cache.get("k"));
    cache.put("k", "v");
    assertEquals("v", cache.get("k"));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void removeDeletesIt(Foreign type) {
    type.plant(redis, redisKey("k"));
    assertTrue(cache.remove("k"));
    assertEquals("none", typeAt("k"));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void removeWithAListenerDeletesItWithoutAnEvent(Foreign type) {
    listen();
    type.plant(redis, redisKey("k"));
    assertTrue(cache.remove("k"));
    assertEquals("none", typeAt("k"));
    type.plant(redis, redisKey("k"));
    cache.removeAll(Set.of("k"));
    assertEquals("none", typeAt("k"));
    assertEquals(List.of(), HEARD);
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void getAndRemoveReturnsNothingAndDeletesIt(Foreign type) {
    type.plant(redis, redisKey("k"));
    assertNull(cache.getAndRemove("k"));
    assertEquals("none", typeAt("k"));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void aProcessorThatWritesOverwritesIt(Foreign type) {
    type.plant(redis, redisKey("k"));
    assertEquals("v", cache.invoke("k", (MutableEntry<String, String> entry, Object... args) -> {
      entry.setValue("v");
      return entry.getValue();
    }));
    assertEquals("v", cache.get("k"));
    type.plant(redis, redisKey("n"));
    cache.invokeAll(Set.of("n"), (entry, args) -> {
      entry.setValue("w");
      return null;
    });
    assertEquals("w", cache.get("n"));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void aProcessorThatRemovesDeletesIt(Foreign type) {
    type.plant(redis, redisKey("k"));
    cache.invoke("k", (entry, args) -> {
      entry.remove();
      return null;
    });
    assertNull(cache.get("k"));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void aDynamicExpiryPolicyCacheOverwritesIt(Foreign type) {
    Cache<String, String> dynamic = manager.createCache("d", typed()
        .setExpiryPolicyFactory(new FactoryBuilder.SingletonFactory<>(new Dynamic())));
    type.plant(redis, prefix + ":d:k");
    assertNull(dynamic.get("k"));
    dynamic.put("k", "v");
    assertEquals("v", dynamic.get("k"));
    type.plant(redis, prefix + ":d:r");
    assertTrue(dynamic.replace("r", "v"));
    assertEquals("v", dynamic.get("r"));
  }

  @ParameterizedTest
  @EnumSource(Foreign.class)
  void removeAllAndClearDeleteIt(Foreign type) {
    type.plant(redis, redisKey("k"));
    cache.removeAll();
    type.plant(redis, redisKey("k"));
    cache.clear();
    assertEquals(List.of(), redis.keys(prefix + ":c:*"));
  }

  /** A policy not among the five standard ones, so the cache asks it at every operation. */
  public static final class Dynamic implements ExpiryPolicy, Serializable {
    @Override
    public Duration getExpiryForCreation() {
      return Duration.ETERNAL;
    }

    @Override
    public Duration getExpiryForAccess() {
      return null;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return null;
    }
  }

  /** Records every event as "TYPE key value". */
  public static final class Recorder implements CacheEntryCreatedListener<String, String>,
      CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String>, Serializable {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(Recorder::record);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(Recorder::record);
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(Recorder::record);
    }

    private static void record(CacheEntryEvent<? extends String, ? extends String> event) {
      HEARD.add(event.getEventType() + " " + event.getKey() + " " + event.getValue());
    }
  }
}
