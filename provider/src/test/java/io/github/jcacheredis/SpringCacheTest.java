package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.jcacheredis.testing.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.cache.support.NullValue;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's cache abstraction over the provider with no {@code allowedPackages}: what Spring stores itself, a
 * {@code SimpleKey} for a method of several parameters and {@code NullValue} for a {@code null} result, is written
 * by one CacheManager and read by another as Spring wrote it.
 */
class SpringCacheTest {

  @Test
  void aSimpleKeyWrittenByOneManagerFindsTheEntryFromAnotherAndIteratesEqualWithItsHash() {
    String prefix = TestRedis.uniquePrefix("simplekey");
    CacheManager writer = TestRedis.newManager(prefix);
    CacheManager reader = TestRedis.newManager(prefix);
    try {
      SimpleKey key = new SimpleKey("SKU-1", 3);
      writer.createCache("prices", new MutableConfiguration<>()).put(key, 300L);
      Cache<Object, Object> prices = reader.createCache("prices", new MutableConfiguration<>());

      List<Object> keys = new ArrayList<>();
      prices.forEach(entry -> keys.add(entry.getKey()));

      assertEquals(300L, prices.get(new SimpleKey("SKU-1", 3)));
      assertEquals(List.of(key), keys);
      assertEquals(key.hashCode(), keys.get(0).hashCode(), "the hash a SimpleKey caches is computed again");
    } finally {
      writer.close();
      reader.close();
    }
  }

  @Test
  void aNullValueWrittenByOneManagerIsReadByAnotherAsSpringsOwnInstance() {
    String prefix = TestRedis.uniquePrefix("nullvalue");
    CacheManager writer = TestRedis.newManager(prefix);
    CacheManager reader = TestRedis.newManager(prefix);
    try {
      writer.createCache("descriptions", new MutableConfiguration<>()).put("SKU-1", NullValue.INSTANCE);

      Object read = reader.createCache("descriptions", new MutableConfiguration<>()).get("SKU-1");

      assertSame(NullValue.INSTANCE, read);
    } finally {
      writer.close();
      reader.close();
    }
  }

  @Test
  void aCacheableMethodOfTwoParametersIsAnsweredFromRedisInAnotherApplication() {
    try (Applications applications = new Applications()) {
      Catalogue first = applications.first.getBean(Catalogue.class);
      Catalogue second = applications.second.getBean(Catalogue.class);

      assertEquals(300L, first.price("SKU-1", 3));
      assertEquals(300L, first.price("SKU-1", 3));
      assertEquals(300L, second.price("SKU-1", 3));
      assertEquals(200L, second.price("SKU-1", 2));

      assertEquals(1, first.calls(), "the first application computed the price once");
      assertEquals(1, second.calls(), "the second computed only the price of the other quantity");
    }
  }

  @Test
  void aCacheableMethodReturningNullIsAnsweredNullFromRedisInAnotherApplication() {
    try (Applications applications = new Applications()) {
      Catalogue first = applications.first.getBean(Catalogue.class);
      Catalogue second = applications.second.getBean(Catalogue.class);

      assertNull(first.description("SKU-1"));
      assertNull(second.description("SKU-1"));

      assertEquals(1, first.calls());
      assertEquals(0, second.calls(), "the second application read the cached null");
    }
  }

  /** A Spring service whose methods count their calls: a call answered from the cache is not counted. */
  static class Catalogue {
    private final AtomicInteger calls = new AtomicInteger();

    /** @return the calls that reached the method (read through Spring's proxy, which holds no state) */
    public int calls() {
      return calls.get();
    }

    @Cacheable("prices")
    public Long price(String sku, int quantity) {
      calls.incrementAndGet();
      return 100L * quantity;
    }

    @Cacheable("descriptions")
    public String description(String sku) {
      calls.incrementAndGet();
      return null;
    }
  }

  @Configuration
  @EnableCaching
  static class CatalogueApplication {
    @Bean
    Catalogue catalogue() {
      return new Catalogue();
    }
  }

  /**
   * Two Spring applications, each with its own JCache CacheManager on the same Redis and key prefix, configured
   * with the Redis address and the prefix only.
   */
  private static final class Applications implements AutoCloseable {
    final String prefix = TestRedis.uniquePrefix("spring");
    final CacheManager firstCaches = caches();
    final CacheManager secondCaches = caches();
    final AnnotationConfigApplicationContext first = application(firstCaches);
    final AnnotationConfigApplicationContext second = application(secondCaches);

    private CacheManager caches() {
      CacheManager caches = TestRedis.newManager(prefix);
      caches.createCache("prices", new MutableConfiguration<>());
      caches.createCache("descriptions", new MutableConfiguration<>());
      return caches;
    }

    private static AnnotationConfigApplicationContext application(CacheManager caches) {
      AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
      context.registerBean(JCacheCacheManager.class, () -> new JCacheCacheManager(caches));
      context.register(CatalogueApplication.class);
      context.refresh();
      return context;
    }

    @Override
    public void close() {
      first.close();
      second.close();
      firstCaches.close();
      secondCaches.close();
    }
  }
}
