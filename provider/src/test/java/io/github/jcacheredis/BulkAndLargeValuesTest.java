package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.jcacheredis.testing.TestRedis;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Large values and large batches. */
class BulkAndLargeValuesTest {

  private CacheManager manager;

  @BeforeEach
  void open() {
    manager = TestRedis.newManager(TestRedis.uniquePrefix("bulk"));
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void anEightMegabyteValueRoundTrips() {
    Cache<String, byte[]> cache = manager.createCache("big", new MutableConfiguration<String, byte[]>()
        .setTypes(String.class, byte[].class));
    byte[] value = new byte[8 * 1024 * 1024];
    new Random(1).nextBytes(value);
    cache.put("big", value);
    assertArrayEquals(value, cache.get("big"));
  }

  @Test
  void aThousandEntriesGoInAndOutInBulk() {
    Cache<Integer, String> cache = manager.createCache("many", new MutableConfiguration<Integer, String>()
        .setTypes(Integer.class, String.class));
    Map<Integer, String> entries = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      entries.put(i, "value-" + i);
    }
    cache.putAll(entries);
    assertEquals(entries, cache.getAll(entries.keySet()));
    cache.removeAll(entries.keySet());
    assertEquals(Map.of(), cache.getAll(entries.keySet()));
    assertFalse(cache.iterator().hasNext());
  }
}
