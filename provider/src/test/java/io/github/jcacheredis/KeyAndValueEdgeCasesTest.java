package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Keys and values at the edges: binary, unicode (including text UTF-8 cannot encode), empty, a megabyte long;
 * values from empty to 64 MB; and the NullPointerException and ClassCastException JSR-107 demands.
 */
class KeyAndValueEdgeCasesTest {

  private String prefix;
  private CacheManager manager;
  private RespClient redis;

  @BeforeEach
  void open() {
    prefix = TestRedis.uniquePrefix("edge");
    manager = TestRedis.newManager(prefix);
    redis = TestRedis.client();
  }

  @AfterEach
  void close() {
    for (String name : manager.getCacheNames()) {
      manager.destroyCache(name); // the shared test Redis must not keep megabytes of leftovers
    }
    manager.close();
    redis.close();
  }

  private <K, V> Cache<K, V> typed(String name, Class<K> keyType, Class<V> valueType) {
    return manager.createCache(name, new MutableConfiguration<K, V>().setTypes(keyType, valueType));
  }

  private static <K, V> Map<K, V> contents(Cache<K, V> cache) {
    Map<K, V> all = new HashMap<>();
    for (Cache.Entry<K, V> entry : cache) {
      all.put(entry.getKey(), entry.getValue());
    }
    return all;
  }

  // ------------------------------------------------------------------------------------------ binary keys

  /**
   * A binary key. A raw {@code byte[]} would be a poor JCache key: arrays have identity {@code equals}, so the
   * map {@code getAll} returns and the keys iteration hands back can never be looked up with another array of
   * the same bytes, and a record over a {@code byte[]} inherits that identity equality. A {@code ByteBuffer}
   * compares by content, but its equality depends on its mutable position and it is not a value type Kryo
   * may serialize here (it is outside the allow-list and its fields are closed to reflection). So the key is
   * a record that compares its bytes by content; being the declared key type, its package is allowed.
   */
  record BinaryKey(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof BinaryKey && Arrays.equals(bytes, ((BinaryKey) o).bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "BinaryKey" + Arrays.toString(bytes);
    }
  }

  private static BinaryKey binary(int... bytes) {
    byte[] array = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      array[i] = (byte) bytes[i];
    }
    return new BinaryKey(array);
  }

  @Test
  void binaryKeysWithEveryByteValueAreDistinctEntriesFoundByContent() {
    Cache<BinaryKey, String> cache = typed("binary", BinaryKey.class, String.class);
    byte[] everyByte = new byte[256];
    for (int i = 0; i < 256; i++) {
      everyByte[i] = (byte) i;
    }
    byte[] longKey = new byte[4096]; // hashed: longer than the 256-byte threshold
    new Random(3).nextBytes(longKey);
    Map<BinaryKey, String> entries = new LinkedHashMap<>();
    entries.put(new BinaryKey(new byte[0]), "empty");
    entries.put(binary(0), "nul");
    entries.put(binary(0, 0), "two nuls");
    entries.put(binary('\r', '\n'), "crlf");
    entries.put(binary('*', '?', '[', ']', '\\'), "glob characters");
    entries.put(binary(0xff, 0xfe, 0x80), "invalid utf-8");
    entries.put(new BinaryKey(everyByte), "every byte");
    entries.put(new BinaryKey(longKey), "long");
    cache.putAll(entries);

    for (Map.Entry<BinaryKey, String> entry : entries.entrySet()) {
      BinaryKey copy = new BinaryKey(entry.getKey().bytes().clone()); // another array, same bytes
      assertEquals(entry.getValue(), cache.get(copy), entry.getKey().toString());
    }
    assertEquals(entries, cache.getAll(entries.keySet()));
    assertEquals(entries, contents(cache));
    assertTrue(cache.remove(new BinaryKey(longKey.clone())));
    assertTrue(cache.remove(binary(0, 0), "two nuls"));
    assertFalse(cache.containsKey(binary(0, 0)));
    assertEquals("nul", cache.get(binary(0)));
  }

  @Test
  void rawByteArrayKeysAddressEntriesByContentInRedis() {
    // Not a recommended key type (see BinaryKey), but what it does should be known: the Redis key is made of
    // the array's bytes, so another array with the same bytes finds the entry.
    Cache<byte[], String> cache = typed("raw", byte[].class, String.class);
    cache.put(new byte[] {1, 2, 3}, "v");
    assertEquals("v", cache.get(new byte[] {1, 2, 3}));
    Cache.Entry<byte[], String> only = cache.iterator().next();
    assertArrayEquals(new byte[] {1, 2, 3}, only.getKey());
    assertTrue(cache.remove(new byte[] {1, 2, 3}));
  }

  // ----------------------------------------------------------------------------------------- unicode keys

  @Test
  void unicodeKeysRoundTripExactlyThroughGetAndIteration() {
    Cache<String, String> cache = typed("unicode", String.class, String.class);
    List<String> keys = List.of(
        "\uD83D\uDE00",                 // an emoji: a surrogate pair
        "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", // a family: emoji joined by ZWJ
        "漢字かな한글",
        "e\u0301",                      // e + combining acute: looks like the next key, is not equal to it
        "\u00e9",
        "\u0000",
        "\uFEFFbom",
        "\u202Eright-to-left",
        "~\uD83D\uDE00",
        "\uFFFD",                       // the replacement character UTF-8 encoders substitute for ...
        "?",                            // ... and the '?' Java's String.getBytes substitutes for ...
        "\uD800",                       // ... lone surrogates, which must stay distinct keys
        "a\uD800b",
        "\uDC00",
        "\uDC00\uD800");                // a low surrogate before a high one is two lone surrogates
    Map<String, String> expected = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      expected.put(keys.get(i), "value-" + i);
      cache.put(keys.get(i), "value-" + i);
    }
    assertEquals(keys.size(), expected.size(), "the keys are all different strings");
    for (String key : keys) {
      assertEquals(expected.get(key), cache.get(key), () -> "key " + key.codePoints().boxed().toList());
      assertTrue(cache.containsKey(key));
    }
    assertEquals(expected, contents(cache));
    assertEquals(expected, cache.getAll(expected.keySet()));
    assertTrue(cache.remove("\uD800"));
    assertEquals("value-10", cache.get("?"));
    assertEquals("value-9", cache.get("\uFFFD"));
  }

  @Test
  void theEmptyStringIsAKeyLikeAnyOther() {
    Cache<String, String> cache = typed("empty-key", String.class, String.class);
    cache.put("", "empty");
    cache.put("x", "x");
    assertEquals("empty", cache.get(""));
    assertTrue(cache.containsKey(""));
    assertTrue(redis.keys(prefix + ":empty-key:*").contains(prefix + ":empty-key:"));
    assertEquals(Map.of("", "empty", "x", "x"), contents(cache));
    assertTrue(cache.replace("", "empty", "still empty"));
    assertEquals("still empty", cache.getAndRemove(""));
    assertFalse(cache.containsKey(""));
    assertEquals("x", cache.get("x"));
  }

  @Test
  void aOneMegabyteKeyIsStoredHashedAndStillGetsRemovesAndIterates() {
    Cache<String, String> cache = typed("long-key", String.class, String.class);
    String key = randomText(1 << 20, 11);
    String sibling = key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a");
    cache.put(key, "first");
    cache.put(sibling, "second");

    List<String> redisKeys = redis.keys(prefix + ":long-key:*");
    assertEquals(2, redisKeys.size());
    for (String redisKey : redisKeys) {
      assertTrue(redisKey.startsWith(prefix + ":long-key:~#") && redisKey.length() < 200, redisKey);
    }
    assertEquals("first", cache.get(key));
    assertEquals("second", cache.get(sibling));
    assertTrue(cache.containsKey(key));
    assertEquals(Map.of(key, "first", sibling, "second"), contents(cache));
    assertTrue(cache.replace(key, "first", "replaced"));
    assertEquals("replaced", cache.invoke(key, (entry, args) -> entry.getValue()));
    assertTrue(cache.remove(key));
    assertNull(cache.get(key));
    assertEquals(Map.of(sibling, "second"), contents(cache));
    cache.removeAll();
    assertEquals(List.of(), redis.keys(prefix + ":long-key:*"));
  }

  private static String randomText(int length, long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }

  // --------------------------------------------------------------------------------------------- values

  @Test
  void emptyValuesAreValuesNotMisses() {
    Cache<String, String> strings = typed("empty-string", String.class, String.class);
    strings.put("k", "");
    assertEquals("", strings.get("k"));
    assertTrue(strings.containsKey("k"));
    assertTrue(strings.replace("k", "", "x"));
    assertEquals("x", strings.getAndPut("k", ""));
    assertTrue(strings.remove("k", ""));

    Cache<String, byte[]> bytes = typed("empty-bytes", String.class, byte[].class);
    bytes.put("k", new byte[0]);
    assertArrayEquals(new byte[0], bytes.get("k"));
    assertArrayEquals(new byte[0], bytes.getAll(Set.of("k")).get("k"));
    assertArrayEquals(new byte[0], bytes.iterator().next().getValue());
  }

  @Test
  void aSixtyFourMegabyteValueRoundTrips() {
    // Moving 64 MB can take a busy machine longer than the default 1 s timeout, and with retries on (the
    // default) Redisson gives a command only the 100 ms retry delay per attempt to reach the socket, so the
    // command queued behind 64 MB on the connection can fail in 200 ms whatever the timeout. Hence a long
    // timeout without retries: this test is about the value's size, not the time bound.
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, TestRedis.url());
    properties.setProperty(ProviderSettings.KEY_PREFIX, prefix);
    properties.setProperty(ProviderSettings.TIMEOUT_MILLIS, "60000");
    properties.setProperty(ProviderSettings.RETRY_ATTEMPTS, "0");
    CachingProvider provider = TestRedis.provider();
    CacheManager patient = provider.getCacheManager(URI.create("edge://huge/" + prefix),
        provider.getDefaultClassLoader(), properties);
    try {
      Cache<String, byte[]> cache = patient.createCache("huge",
          new MutableConfiguration<String, byte[]>().setTypes(String.class, byte[].class));
      byte[] value = new byte[64 * 1024 * 1024];
      new Random(64).nextBytes(value);
      long t0 = System.nanoTime();
      cache.put("huge", value);
      long t1 = System.nanoTime();
      assertTrue(redis.number("STRLEN", prefix + ":huge:huge") > value.length, "stored whole, uncompressed");
      long t2 = System.nanoTime();
      byte[] read;
      try {
        read = cache.get("huge");
      } catch (CacheException e) {
        // Seen in full builds at load 20+: the connection the GET went out on was gone from Redis, and the call
        // waited for its whole timeout. What Redis's clients were then helps tell why.
        throw new AssertionError("the GET of 64 MB failed; Redis's clients now:\n"
            + redis.text("CLIENT", "LIST"), e);
      }
      long t3 = System.nanoTime();
      System.out.printf("64 MB value: put %d ms, get %d ms%n", (t1 - t0) / 1_000_000, (t3 - t2) / 1_000_000);
      assertArrayEquals(value, read);
      assertTrue(cache.remove("huge"));
    } finally {
      patient.destroyCache("huge");
      patient.close();
    }
  }

  // ---------------------------------------------------------------------------------------------- nulls

  /** An entry processor that only reads. */
  static final EntryProcessor<String, String, String> READ = (entry, args) -> entry.getValue();

  @Test
  void nullKeysValuesAndProcessorsThrowNullPointerExceptionAndStoreNothing() {
    Cache<String, String> cache = typed("nulls", String.class, String.class);
    cache.put("present", "v");
    Map<String, String> nullKey = new HashMap<>();
    nullKey.put("a", "a");
    nullKey.put(null, "b");
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("a", "a");
    nullValue.put("b", null);
    Set<String> nullElement = new HashSet<>(Arrays.asList("present", null));

    List<Executable> calls = List.of(
        () -> cache.get(null),
        () -> cache.getAll(null),
        () -> cache.getAll(nullElement),
        () -> cache.containsKey(null),
        () -> cache.put(null, "v"),
        () -> cache.put("k", null),
        () -> cache.putAll(null),
        () -> cache.putAll(nullKey),
        () -> cache.putAll(nullValue),
        () -> cache.putIfAbsent(null, "v"),
        () -> cache.putIfAbsent("k", null),
        () -> cache.getAndPut(null, "v"),
        () -> cache.getAndPut("k", null),
        () -> cache.remove(null),
        () -> cache.remove(null, "v"),
        () -> cache.remove("present", null),
        () -> cache.getAndRemove(null),
        () -> cache.replace(null, "v"),
        () -> cache.replace("present", null),
        () -> cache.replace(null, "v", "w"),
        () -> cache.replace("present", null, "w"),
        () -> cache.replace("present", "v", null),
        () -> cache.getAndReplace(null, "v"),
        () -> cache.getAndReplace("present", null),
        () -> cache.removeAll(null),
        () -> cache.removeAll(nullElement),
        () -> cache.invoke(null, READ),
        () -> cache.invoke("present", null),
        () -> cache.invokeAll(nullElement, READ),
        () -> cache.invokeAll(Set.of("present"), null),
        () -> cache.loadAll(nullElement, false, null));
    for (int i = 0; i < calls.size(); i++) {
      assertThrows(NullPointerException.class, calls.get(i), "call #" + i);
    }
    assertEquals(Map.of("present", "v"), contents(cache), "nothing was written or removed");
  }

  // ------------------------------------------------------------------------------------------ wrong types

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void wrongKeyOrValueTypesOnATypedCacheThrowClassCastExceptionAndStoreNothing() {
    Cache<String, String> typedCache = typed("typed", String.class, String.class);
    typedCache.put("present", "v");
    Cache raw = typedCache;
    EntryProcessor<Object, Object, Object> setsAnInteger = (entry, args) -> {
      entry.setValue(42);
      return null;
    };

    List<Executable> calls = new ArrayList<>(List.of(
        () -> raw.get(1),
        () -> raw.getAll(Set.of(1)),
        () -> raw.containsKey(1),
        () -> raw.put(1, "v"),
        () -> raw.put("k", 1),
        () -> raw.putAll(Map.of("a", "a", "b", 2)),
        () -> raw.putAll(Map.of("a", "a", 2, "b")),
        () -> raw.putIfAbsent("k", 1),
        () -> raw.getAndPut(1, "v"),
        () -> raw.remove(1),
        () -> raw.remove("present", 1),
        () -> raw.getAndRemove(1),
        () -> raw.replace("present", 1),
        () -> raw.replace("present", "v", 1),
        () -> raw.getAndReplace("present", 1),
        () -> raw.removeAll(Set.of(1)),
        () -> raw.invoke(1, READ)));
    for (int i = 0; i < calls.size(); i++) {
      assertThrows(ClassCastException.class, calls.get(i), "call #" + i);
    }
    // A processor that sets a value of the wrong type fails the invoke with a ClassCastException (JSR-107 §9.3
    // also allows it wrapped in an EntryProcessorException); either way nothing is written.
    RuntimeException failure = assertThrows(RuntimeException.class, () -> raw.invoke("present", setsAnInteger));
    assertTrue(failure instanceof ClassCastException || failure.getCause() instanceof ClassCastException,
        failure.toString());
    assertEquals(Map.of("present", "v"), contents(typedCache), "nothing was written or removed");
  }
}
