package io.github.jcacheredis.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.testing.TestRedis;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.SortedMap;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every value an application commonly caches comes back, through a second CacheManager, as the same class with
 * the same contents, order and comparator; or its put is refused, naming the cache and the class, and nothing is
 * stored.
 */
class FidelityTest {

  private static final String CACHE = "fidelity";
  private static CacheManager writer;
  private static CacheManager reader;
  private static Cache<String, Object> written;
  private static Cache<String, Object> read;

  @BeforeAll
  static void managers() {
    String prefix = TestRedis.uniquePrefix("fidelity");
    writer = manager(prefix);
    reader = manager(prefix);
    written = writer.createCache(CACHE, new MutableConfiguration<String, Object>().setTypes(String.class,
        Object.class));
    read = reader.getCache(CACHE, String.class, Object.class);
  }

  @AfterAll
  static void close() {
    writer.destroyCache(CACHE);
    writer.close();
    reader.close();
  }

  private static CacheManager manager(String prefix) {
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, TestRedis.url());
    properties.setProperty(ProviderSettings.KEY_PREFIX, prefix);
    properties.setProperty(ProviderSettings.ALLOWED_PACKAGES, "io.github.jcacheredis.fidelity");
    return TestRedis.provider().getCacheManager(URI.create("test://fidelity/" + UUID.randomUUID()),
        FidelityTest.class.getClassLoader(), properties);
  }

  @Test
  void coversAtLeastFiftyFaithfulTypes() {
    assertTrue(Values.faithful().size() >= 50, "only " + Values.faithful().size());
  }

  @TestFactory
  Stream<DynamicTest> everyCommonValueComesBackAsItWasPut() {
    return Values.faithful().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
      written.put(entry.getKey(), entry.getValue());
      Object back = read.get(entry.getKey());
      assertSameValue(entry.getKey(), entry.getValue(), back);
    }));
  }

  @TestFactory
  Stream<DynamicTest> valuesOfObjectsWithoutEqualsAreStoredToo() {
    return Values.faithfulWithoutEquals().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(),
        () -> {
          written.put(entry.getKey(), entry.getValue());
          Object back = read.get(entry.getKey());
          assertTrue(back != null, entry.getKey() + " did not come back");
          assertEquals(entry.getValue().getClass(), back.getClass());
          if (entry.getValue() instanceof Set) {
            assertEquals(entry.getValue(), back);
          } else {
            assertEquals(entry.getValue().toString(), back.toString());
          }
        }));
  }

  @TestFactory
  Stream<DynamicTest> aValueThatCannotComeBackIsRefusedAtPutNamingCacheAndClass() {
    return Values.refused().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> written.put(entry.getKey(), entry.getValue()));
      assertTrue(refused.getMessage().contains("'" + CACHE + "'"), refused.getMessage());
      assertTrue(refused.getMessage().contains(entry.getKey()), refused.getMessage());
      assertTrue(refused.getMessage().toLowerCase(java.util.Locale.ROOT).contains("class "), refused.getMessage());
      assertFalse(read.containsKey(entry.getKey()));
    }));
  }

  @Test
  void anAccessOrderedLinkedHashMapStaysAccessOrdered() {
    LinkedHashMap<String, Integer> lru = new LinkedHashMap<>(16, 0.75f, true);
    lru.put("a", 1);
    lru.put("b", 2);
    lru.put("c", 3);
    written.put("lru", lru);
    @SuppressWarnings("unchecked")
    LinkedHashMap<String, Integer> back = (LinkedHashMap<String, Integer>) read.get("lru");
    back.get("a");
    assertEquals(List.of("b", "c", "a"), new ArrayList<>(back.keySet()));
  }

  @Test
  void theRefusalNamesTheClassAtFault() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> written.put("guarded", new Values.Guarded()));
    assertTrue(refused.getMessage().contains("java.util.concurrent.locks.ReentrantLock"), refused.getMessage());
  }

  @Test
  void putAllWithOneUnstorableValueWritesNothingAndCallsNoWriter() {
    CountingWriter.CALLS.set(0);
    AtomicInteger writerCalls = new AtomicInteger();
    Cache<String, Object> withWriter = writer.createCache("fidelity-writer",
        new MutableConfiguration<String, Object>().setTypes(String.class, Object.class).setWriteThrough(true)
            .setCacheWriterFactory(FactoryBuilder.factoryOf(new CountingWriter(writerCalls))));
    try {
      Map<String, Object> batch = new LinkedHashMap<>();
      batch.put("fine", "value");
      batch.put("locked", new Values.Guarded());
      batch.put("also fine", 3);
      assertThrows(IllegalArgumentException.class, () -> withWriter.putAll(batch));
      assertNull(withWriter.get("fine"));
      assertNull(withWriter.get("also fine"));
      assertEquals(0, CountingWriter.CALLS.get());
    } finally {
      writer.destroyCache("fidelity-writer");
    }
  }

  @Test
  void invokeAndInvokeAllWithAnUnstorableValueWriteNothingAndCallNoWriter() {
    CountingWriter.CALLS.set(0);
    Cache<String, Object> withWriter = writer.createCache("fidelity-invoke",
        new MutableConfiguration<String, Object>().setTypes(String.class, Object.class).setWriteThrough(true)
            .setCacheWriterFactory(FactoryBuilder.factoryOf(new CountingWriter(null))));
    try {
      assertThrows(javax.cache.processor.EntryProcessorException.class,
          () -> withWriter.invoke("one", (entry, args) -> {
            entry.setValue(new Values.Guarded());
            return null;
          }));
      Map<String, javax.cache.processor.EntryProcessorResult<Object>> results = withWriter.invokeAll(
          new java.util.LinkedHashSet<>(List.of("a", "b", "c")), (entry, args) -> {
            entry.setValue(entry.getKey().equals("b") ? new Values.Guarded() : "fine");
            return null;
          });
      assertEquals(3, results.size());
      results.values().forEach(result -> assertThrows(javax.cache.processor.EntryProcessorException.class,
          result::get));
      assertFalse(withWriter.containsKey("one"));
      assertFalse(withWriter.containsKey("a"));
      assertFalse(withWriter.containsKey("c"));
      assertEquals(0, CountingWriter.CALLS.get());
    } finally {
      writer.destroyCache("fidelity-invoke");
    }
  }

  /** Counts calls in a static, since the factory hands the cache a copy. */
  static final class CountingWriter implements CacheWriter<String, Object>, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger CALLS = new AtomicInteger();

    CountingWriter(AtomicInteger ignored) {
    }

    @Override
    public void write(Cache.Entry<? extends String, ?> entry) {
      CALLS.incrementAndGet();
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ?>> entries) {
      CALLS.addAndGet(entries.size());
      entries.clear();
    }

    @Override
    public void delete(Object key) {
      CALLS.incrementAndGet();
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      CALLS.addAndGet(keys.size());
      keys.clear();
    }
  }

  static void assertSameValue(String name, Object expected, Object actual) {
    assertTrue(actual != null, name + " did not come back");
    assertEquals(expected.getClass(), actual.getClass(), name);
    if (expected.getClass().isArray()) {
      assertTrue(Objects.deepEquals(expected, actual), name);
      return;
    }
    boolean unordered = expected.getClass().getName().startsWith("java.util.ImmutableCollections$Set")
        || expected.getClass().getName().startsWith("java.util.ImmutableCollections$Map");
    if (unordered) {
      // Set.of and Map.of promise no iteration order (it is salted per JVM); equality is what they promise.
      assertEquals(expected, actual, name);
      return;
    }
    if (expected instanceof Collection) {
      assertEquals(new ArrayList<>((Collection<?>) expected), new ArrayList<>((Collection<?>) actual),
          name + ": elements in order");
      assertEquals(comparatorOf(expected), comparatorOf(actual), name + ": comparator");
    } else if (expected instanceof Map) {
      assertEquals(new ArrayList<>(((Map<?, ?>) expected).entrySet()),
          new ArrayList<>(((Map<?, ?>) actual).entrySet()), name + ": entries in order");
      assertEquals(comparatorOf(expected), comparatorOf(actual), name + ": comparator");
    }
    if (declaresEquals(expected.getClass())) {
      assertEquals(expected, actual, name);
    } else if (!(expected instanceof Collection)) {
      assertEquals(expected.toString(), actual.toString(), name);
    }
  }

  private static Object comparatorOf(Object container) {
    Object comparator = container instanceof SortedSet ? ((SortedSet<?>) container).comparator()
        : container instanceof SortedMap ? ((SortedMap<?, ?>) container).comparator()
        : container instanceof PriorityQueue ? ((PriorityQueue<?>) container).comparator()
        : container instanceof PriorityBlockingQueue ? ((PriorityBlockingQueue<?>) container).comparator() : null;
    return comparator == null ? null : comparator.getClass();
  }

  private static boolean declaresEquals(Class<?> type) {
    try {
      return type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

}
