package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.evil.Harmless0;
import io.github.jcacheredis.internal.storage.KryoSerializer;
import io.github.jcacheredis.internal.storage.ValueCodec;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/** Kryo never loads a class outside the allow-list, whatever bytes Redis holds. */
class AllowListTest {

  private static final String DETONATED = "jcacheredis.test.detonated";

  /** Bytes of a value naming {@code evil.Detonator}, made by renaming an encoded Harmless0 (same length). */
  private static byte[] detonatorBytes() {
    byte[] bytes = new ValueCodec(new KryoSerializer(AllowListTest.class.getClassLoader()), Integer.MAX_VALUE)
        .encode(null, new Harmless0());
    // Kryo writes ASCII class names with the last character's high bit set.
    byte[] from = "io.github.jcacheredis.evil.Harmless0".getBytes(StandardCharsets.US_ASCII);
    byte[] to = "io.github.jcacheredis.evil.Detonator".getBytes(StandardCharsets.US_ASCII);
    from[from.length - 1] |= (byte) 0x80;
    to[to.length - 1] |= (byte) 0x80;
    int at = indexOf(bytes, from);
    assertTrue(at > 0, "class name not found in the encoded value");
    System.arraycopy(to, 0, bytes, at, to.length);
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

  private static CacheManager manager(String prefix, String allowedPackages) {
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, TestRedis.url());
    properties.setProperty(ProviderSettings.KEY_PREFIX, prefix);
    if (allowedPackages != null) {
      properties.setProperty(ProviderSettings.ALLOWED_PACKAGES, allowedPackages);
    }
    return TestRedis.provider().getCacheManager(URI.create("allow://" + UUID.randomUUID()),
        TestRedis.provider().getDefaultClassLoader(), properties);
  }

  @Test
  void aClassOutsideTheListIsNeverLoaded() {
    String prefix = TestRedis.uniquePrefix("allow");
    CacheManager manager = manager(prefix, null);
    try (RespClient redis = TestRedis.client()) {
      Cache<String, Object> cache = manager.createCache("c", new MutableConfiguration<>());
      redis.call("SET", prefix + ":c:bomb", detonatorBytes());
      assertNull(cache.get("bomb"));
      assertEquals(1, cache.unwrap(RedisCache.class).statistics().getDecodeErrors());
      assertNull(System.getProperty(DETONATED), "the class's static initializer ran");
      for (Cache.Entry<String, Object> entry : cache) {
        throw new AssertionError("iteration returned " + entry.getKey());
      }
      assertNull(System.getProperty(DETONATED), "the class's static initializer ran");
    } finally {
      manager.close();
    }
  }

  @Test
  void theSameBytesDoLoadTheClassWhenEverythingIsAllowed() {
    // The control: the bytes above are a valid value, so it is the allow-list that stops them.
    String prefix = TestRedis.uniquePrefix("allowall");
    CacheManager manager = manager(prefix, "*");
    try (RespClient redis = TestRedis.client()) {
      Cache<String, Object> cache = manager.createCache("c", new MutableConfiguration<>());
      redis.call("SET", prefix + ":c:bomb", detonatorBytes());
      Object value = cache.get("bomb");
      assertEquals("io.github.jcacheredis.evil.Detonator", value.getClass().getName());
      assertEquals("true", System.getProperty(DETONATED));
    } finally {
      System.clearProperty(DETONATED);
      manager.close();
    }
  }

  @Test
  void writingAClassOutsideTheListFailsNamingTheSetting() {
    CacheManager manager = manager(TestRedis.uniquePrefix("allowwrite"), null);
    try {
      Cache<String, Object> cache = manager.createCache("c", new MutableConfiguration<>());
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> cache.put("k", new Harmless0()));
      assertTrue(refused.getMessage().contains(ProviderSettings.ALLOWED_PACKAGES), refused.getMessage());
      assertTrue(refused.getMessage().contains("io.github.jcacheredis.evil"), refused.getMessage());
      assertTrue(cache.putIfAbsent("other", "a String is always allowed"));
    } finally {
      manager.close();
    }
  }

  @Test
  void anArrayDeclaredAsSerializableHoldingAllowedValuesIsAllowed() {
    // Hibernate's second-level cache entries hold an entity's state as a Serializable[] (StandardCacheEntryImpl,
    // CollectionCacheEntry): the array's declared type names java.io.Serializable, its elements are JDK values.
    CacheManager manager = manager(TestRedis.uniquePrefix("allowser"), null);
    try {
      Cache<String, Object> cache = manager.createCache("c", new MutableConfiguration<>());
      cache.put("k", new java.io.Serializable[] {"Dune", 1965, null});
      assertArrayEquals(new Object[] {"Dune", 1965, null}, (Object[]) cache.get("k"));
    } finally {
      manager.close();
    }
  }

  @Test
  void configuredAndDeclaredPackagesAreAllowed() {
    CacheManager configured = manager(TestRedis.uniquePrefix("allowcfg"), "io.github.jcacheredis.evil");
    CacheManager declared = manager(TestRedis.uniquePrefix("allowdecl"), null);
    try {
      Cache<String, Object> untyped = configured.createCache("c", new MutableConfiguration<>());
      untyped.put("k", new Harmless0());
      assertEquals("data", ((Harmless0) untyped.get("k")).payload);
      Cache<String, Harmless0> typed = declared.createCache("c",
          new MutableConfiguration<String, Harmless0>().setTypes(String.class, Harmless0.class));
      typed.put("k", new Harmless0());
      assertEquals("data", typed.get("k").payload);
    } finally {
      configured.close();
      declared.close();
    }
  }
}
