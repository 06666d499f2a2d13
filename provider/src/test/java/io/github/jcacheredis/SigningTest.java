package io.github.jcacheredis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.evil.Harmless0;
import io.github.jcacheredis.internal.storage.KryoSerializer;
import io.github.jcacheredis.internal.storage.Signatures;
import io.github.jcacheredis.internal.storage.Signatures.Purpose;
import io.github.jcacheredis.internal.storage.ValueCodec;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With signing keys, only bytes a listed key signed for their Redis name are ever deserialized: a value planted
 * unsigned, signed with another key, tampered with or moved from another key reads as a miss counted as unverified
 * (not as a decode error), a forged event reaches no listener, a tampered configuration record is never adopted;
 * keys rotate without making entries unreadable; and no key is ever shown.
 */
class SigningTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String K1 = key();
  private static final String K2 = key();
  /** A key no CacheManager here knows: an attacker's. */
  private static final String K3 = key();
  private static final String DETONATED = "jcacheredis.test.unsigned-detonated";

  static final List<String> HEARD = new CopyOnWriteArrayList<>();

  private final List<CacheManager> managers = new ArrayList<>();
  private final String prefix = TestRedis.uniquePrefix("signing");

  private static String key() {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    return "key-" + HexFormat.of().formatHex(random);
  }

  @AfterEach
  void closeManagers() {
    managers.forEach(CacheManager::close);
  }

  /** A CacheManager under this test's prefix that may store classes of the evil package, with these keys. */
  private CacheManager manager(String... keys) {
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, TestRedis.url());
    properties.setProperty(ProviderSettings.KEY_PREFIX, prefix);
    properties.setProperty(ProviderSettings.ALLOWED_PACKAGES, "io.github.jcacheredis.evil");
    if (keys.length > 0) {
      properties.setProperty(ProviderSettings.SIGNING_KEYS, String.join(",", keys));
    }
    CacheManager manager = TestRedis.provider().getCacheManager(URI.create("signing://" + UUID.randomUUID()),
        TestRedis.provider().getDefaultClassLoader(), properties);
    managers.add(manager);
    return manager;
  }

  private static MutableConfiguration<String, Object> untyped() {
    return new MutableConfiguration<String, Object>().setTypes(String.class, Object.class);
  }

  private static RedisCacheStatistics statistics(Cache<?, ?> cache) {
    return cache.unwrap(RedisCache.class).statistics();
  }

  private String entryKey(String cache, String key) {
    return prefix + ":" + cache + ":" + key;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The bytes of a value naming {@code evil.Unsigned1} (an encoded Harmless0, renamed), signed for {@code name}
   * with {@code key} when one is given.
   */
  private static byte[] unsigned1(String key, String name) {
    Signatures signatures = key == null ? Signatures.none() : Signatures.of(List.of(utf8(key)));
    byte[] bytes = new ValueCodec(new KryoSerializer(SigningTest.class.getClassLoader()), Integer.MAX_VALUE,
        signatures).encode(null, new Harmless0(), Purpose.VALUE, utf8(name));
    byte[] from = "io.github.jcacheredis.evil.Harmless0".getBytes(StandardCharsets.US_ASCII);
    byte[] to = "io.github.jcacheredis.evil.Unsigned1".getBytes(StandardCharsets.US_ASCII);
    from[from.length - 1] |= (byte) 0x80; // Kryo marks an ASCII name's end with the high bit of its last byte
    to[to.length - 1] |= (byte) 0x80;
    int at = indexOf(bytes, from);
    assertTrue(at > 0, "class name not found in the encoded value");
    System.arraycopy(to, 0, bytes, at, to.length);
    if (key != null) {
      // Signed again after the renaming: a well-formed tag, from a key the CacheManager does not have.
      System.arraycopy(signatures.sign(Purpose.VALUE, utf8(name), bytes, 2, Signatures.TAG_LENGTH), 0, bytes, 2,
          Signatures.TAG_LENGTH);
    }
    return bytes;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------- values

  @Test
  void aValueWrittenWithoutKeysReadsAsAMissCountedAsUnverified() {
    Cache<String, Object> signed = manager(K1).createCache("c", untyped());
    manager().getCache("c", String.class, Object.class).put("k", "written unsigned");
    assertNull(signed.get("k"));
    assertEquals(1, statistics(signed).getUnverifiedValues());
    assertEquals(0, statistics(signed).getDecodeErrors());
  }

  @Test
  void aValuePlantedUnsignedIsNeverDeserialized() {
    Cache<String, Object> cache = manager(K1).createCache("c", untyped());
    try (RespClient redis = TestRedis.client()) {
      redis.call("SET", entryKey("c", "bomb"), unsigned1(null, entryKey("c", "bomb")));
      redis.call("SET", entryKey("c", "bomb2"), unsigned1(K3, entryKey("c", "bomb2")));
    }
    assertNull(cache.get("bomb"));
    assertNull(cache.get("bomb2"));
    for (Cache.Entry<String, Object> entry : cache) {
      throw new AssertionError("iteration returned " + entry.getKey());
    }
    assertNull(System.getProperty(DETONATED), "Kryo read the planted bytes: the class's static initializer ran");
    assertEquals(4, statistics(cache).getUnverifiedValues(), "two gets and two entries iterated");
    assertEquals(0, statistics(cache).getDecodeErrors(), "unverified bytes are not decode errors");
  }

  @Test
  void aSignedValueReadsBackAndIsSignedInRedis() {
    Cache<String, Object> cache = manager(K1).createCache("c", untyped());
    cache.put("k", new Harmless0());
    assertEquals("data", ((Harmless0) cache.get("k")).payload);
    try (RespClient redis = TestRedis.client()) {
      byte[] stored = (byte[]) redis.call("GET", entryKey("c", "k"));
      assertEquals(3, stored[0], "format version");
      assertEquals(4, stored[1] & 4, "the signed flag");
    }
    assertEquals(0, statistics(cache).getUnverifiedValues());
  }

  @Test
  void aTamperedValueOrAValueMovedToAnotherKeyReadsAsUnverified() {
    Cache<String, Object> cache = manager(K1).createCache("c", untyped());
    cache.put("a", "the value of a");
    cache.put("b", "the value of b");
    try (RespClient redis = TestRedis.client()) {
      byte[] a = (byte[]) redis.call("GET", entryKey("c", "a"));
      redis.call("SET", entryKey("c", "moved"), a);
      byte[] tampered = a.clone();
      tampered[tampered.length - 2] ^= 1;
      redis.call("SET", entryKey("c", "b"), tampered);
    }
    assertEquals("the value of a", cache.get("a"));
    assertNull(cache.get("moved"));
    assertNull(cache.get("b"));
    assertEquals(2, statistics(cache).getUnverifiedValues());
  }

  @Test
  void aSignedValueIsReadByAManagerWithoutKeysWithItsTagSkipped() {
    manager(K1).createCache("c", untyped()).put("k", "signed");
    Cache<String, Object> plain = manager().getCache("c", String.class, Object.class);
    assertEquals("signed", plain.get("k"));
  }

  // -------------------------------------------------------------------------------------------- rotation

  @Test
  void rotationKeepsOldEntriesReadableUntilTheOldKeyIsDropped() {
    Cache<String, Object> a = manager(K1).createCache("c", untyped());
    a.put("from-a", "written with k1");

    Cache<String, Object> b = manager(K2, K1).getCache("c", String.class, Object.class);
    assertEquals("written with k1", b.get("from-a"));
    b.put("from-b", "written with k2");
    assertEquals(0, statistics(b).getUnverifiedValues());

    Cache<String, Object> c = manager(K2).getCache("c", String.class, Object.class);
    assertNotNull(c, "B signed the configuration record again with k2 when it opened the cache");
    assertEquals("written with k2", c.get("from-b"));
    assertNull(c.get("from-a"), "k1 is no longer listed");
    assertEquals(1, statistics(c).getUnverifiedValues());

    assertNull(a.get("from-b"), "A does not know k2");
  }

  // ---------------------------------------------------------------------------------------------- events

  @Test
  void forgedEventsReachNoListenerAndSignedOnesDo() throws InterruptedException {
    HEARD.clear();
    Cache<String, Integer> listened = manager(K1).createCache("e",
        new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
    listened.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(Recorder.class), null, true, true));
    String channel = "jcache-redis-events:" + prefix + ":e:";
    try (RespClient redis = TestRedis.client()) {
      await("the listener never subscribed").pollInSameThread().atMost(30, TimeUnit.SECONDS)
          .until(() -> ((Long) ((List<?>) redis.call("PUBSUB", "NUMSUB", channel)).get(1)) >= 1);
      redis.call("PUBLISH", channel, event(channel, null, "unsigned", 1));
      redis.call("PUBLISH", channel, event(channel, K3, "unknown-key", 2));
      byte[] retyped = event(channel, K1, "retyped", 3);
      retyped[8] = 1; // CREATED signed, published as UPDATED
      redis.call("PUBLISH", channel, retyped);
    }
    manager(K1).getCache("e", String.class, Integer.class).put("signed", 4);
    await("the signed event was never heard; heard " + HEARD).pollInSameThread().atMost(30, TimeUnit.SECONDS)
        .until(() -> HEARD.contains("CREATED signed 4"));
    assertEquals(List.of("CREATED signed 4"), HEARD);
    assertEquals(3, statistics(listened).getUnverifiedValues());
    assertEquals(0, statistics(listened).getDecodeErrors());
  }

  /** A CREATED event as another JVM's provider would publish it, signed with {@code key} when given. */
  private static byte[] event(String channel, String key, String entryKey, Integer value) {
    Signatures signatures = key == null ? Signatures.none() : Signatures.of(List.of(utf8(key)));
    byte[] header = ByteBuffer.allocate(9).putLong(42L).put((byte) 0).array();
    byte[] name = Arrays.copyOf(utf8(channel), utf8(channel).length + 9);
    System.arraycopy(header, 0, name, name.length - 9, 9);
    byte[] payload = new ValueCodec(new KryoSerializer(SigningTest.class.getClassLoader()), Integer.MAX_VALUE,
        signatures).encode(entryKey, new Object[] {value, null}, Purpose.EVENT, name);
    return ByteBuffer.allocate(9 + payload.length).put(header).put(payload).array();
  }


  /** Records created events as "CREATED key value". */
  public static final class Recorder implements CacheEntryCreatedListener<String, Integer>, Serializable {
    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      events.forEach(event -> HEARD.add(event.getEventType() + " " + event.getKey() + " " + event.getValue()));
    }
  }

  // ------------------------------------------------------------------------------- configuration records

  @Test
  void aTamperedConfigurationRecordFailsGetCacheNamingTheCache() {
    manager(K1).createCache("c", untyped());
    String recordKey = prefix + ":c";
    try (RespClient redis = TestRedis.client()) {
      String record = new String((byte[]) redis.call("GET", recordKey), StandardCharsets.UTF_8);
      assertTrue(record.contains("|sig="), record);
      redis.call("SET", recordKey, record.replace("expiry=eternal", "expiry=created:1"));
    }
    CacheException failure = assertThrows(CacheException.class, () -> manager(K1).getCache("c"));
    assertTrue(failure.getMessage().contains("Cache 'c'"), failure.getMessage());
    assertTrue(failure.getMessage().contains(ProviderSettings.SIGNING_KEYS), failure.getMessage());
    assertThrows(CacheException.class, () -> manager(K1).createCache("c", untyped()));
  }

  @Test
  void anUnsignedConfigurationRecordIsNeverAdopted() {
    manager().createCache("c", untyped());
    CacheException failure = assertThrows(CacheException.class,
        () -> manager(K1).getCache("c", String.class, Object.class));
    assertTrue(failure.getMessage().contains("Cache 'c'") && failure.getMessage().contains("not signed"),
        failure.getMessage());
  }

  // ------------------------------------------------------------------------------------ keys never shown

  @Test
  void aShortOrMalformedKeyFailsNamingTheSettingButNotTheKey() {
    String shortKey = "short-secret-" + HexFormat.of().formatHex(new byte[4]);
    for (String keys : List.of(K1 + "," + shortKey, "base64:" + shortKey + "!", K1 + ",")) {
      CacheException failure = assertThrows(CacheException.class, () -> manager(keys));
      String message = failure.getMessage();
      assertTrue(message.contains(ProviderSettings.SIGNING_KEYS), message);
      assertFalse(message.contains("short-secret"), message);
      assertFalse(message.contains(K1), message);
      for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
        assertFalse(String.valueOf(cause).contains("short-secret"), String.valueOf(cause));
      }
    }
  }

  @Test
  void noKeyAppearsInToStringOrJmx() throws Exception {
    CacheManager manager = manager(K2, K1);
    Cache<String, Object> cache = manager.createCache("c", untyped().setStatisticsEnabled(true)
        .setManagementEnabled(true));
    cache.put("k", "v");
    RedisCacheManager redis = manager.unwrap(RedisCacheManager.class);
    List<String> shown = new ArrayList<>(List.of(manager.toString(), cache.toString(),
        redis.providerSettings().toString(), String.valueOf(redis.providerSettings().connectionKey()),
        Signatures.of(redis.providerSettings().signingKeys()).toString()));
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    for (ObjectName name : server.queryNames(new ObjectName("*:Cache=c,*"), null)) {
      for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
        shown.add(name + " " + attribute.getName() + " = " + server.getAttribute(name, attribute.getName()));
      }
    }
    assertTrue(shown.stream().anyMatch(text -> text.contains("UnverifiedValues")), "the diagnostics bean was read");
    for (String text : shown) {
      for (String key : List.of(K1, K2)) {
        assertFalse(text.contains(key.substring(4, 30)), text);
      }
    }
  }
}
