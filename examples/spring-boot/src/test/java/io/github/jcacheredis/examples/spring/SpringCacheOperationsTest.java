package io.github.jcacheredis.examples.spring;

import io.github.jcacheredis.launcher.RedisInspector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.SimpleKey;

/**
 * The JCache calls behind each operation of Spring's {@link Cache} (its {@code JCacheCache} adapter), on the
 * {@code products} cache: entry processors for {@code putIfAbsent} and {@code get(key, loader)}, the boolean
 * {@code remove} for {@code evictIfPresent}, {@code removeAll} for {@code invalidate}.
 */
@ExtendWith(TestRedis.class)
@SpringBootTest
class SpringCacheOperationsTest {

  private static final Product LAMP = new Product("p-1", "Desk lamp", 12_30);
  private static final Product CHAIR = new Product("p-2", "Office chair", 149_00);

  @Autowired
  CacheManager cacheManager;

  Cache products;
  RedisInspector redis;

  @BeforeEach
  void startEmpty() {
    products = cacheManager.getCache(ProductCatalogue.CACHE);
    products.clear();
    redis = new RedisInspector(TestRedis.url());
  }

  @AfterEach
  void closeInspector() {
    redis.close();
  }

  @Test
  void putIfAbsentStoresOnlyWhenAbsentAndReturnsWhatWasThere() {
    assertThat(products.putIfAbsent("p-1", LAMP)).isNull();
    Cache.ValueWrapper existing = products.putIfAbsent("p-1", CHAIR);
    assertThat(existing).isNotNull();
    assertThat(existing.get()).isEqualTo(LAMP);
    assertThat(products.get("p-1", Product.class)).isEqualTo(LAMP);
  }

  @Test
  void getWithAValueLoaderLoadsOnceThenServesTheCachedValue() {
    AtomicInteger loads = new AtomicInteger();
    Product loaded = products.get("p-2", () -> {
      loads.incrementAndGet();
      return CHAIR;
    });
    Product cached = products.get("p-2", () -> {
      loads.incrementAndGet();
      return LAMP;
    });
    assertThat(loaded).isEqualTo(CHAIR);
    assertThat(cached).isEqualTo(CHAIR);
    assertThat(loads).hasValue(1);
    assertThat(redis.exists("catalogue:products:p-2")).isTrue();
  }

  @Test
  void aValueLoaderFailureReachesTheCallerAsSpringsValueRetrievalException() {
    assertThatThrownBy(() -> products.get("p-3", () -> {
      throw new IllegalStateException("backend down");
    })).isInstanceOf(Cache.ValueRetrievalException.class).rootCause().hasMessage("backend down");
    assertThat(redis.exists("catalogue:products:p-3")).isFalse();
  }

  @Test
  void evictIfPresentTellsWhetherThereWasAnEntry() {
    products.put("p-1", LAMP);
    assertThat(products.evictIfPresent("p-1")).isTrue();
    assertThat(products.evictIfPresent("p-1")).isFalse();
    assertThat(redis.exists("catalogue:products:p-1")).isFalse();
  }

  @Test
  void invalidateEmptiesTheCache() {
    products.put("p-1", LAMP);
    products.put("p-2", CHAIR);
    products.invalidate();
    assertThat(products.get("p-1")).isNull();
    assertThat(redis.exists("catalogue:products:p-2")).isFalse();
  }

  @Test
  void aCachedNullIsReadBackAsNullNotAsAMiss() {
    products.put("p-9", null);
    Cache.ValueWrapper cached = products.get("p-9");
    assertThat(cached).as("a cached null, not a miss").isNotNull();
    assertThat(cached.get()).isNull();
  }

  @Test
  void springsSimpleKeyFindsItsEntryAsKryoBytesNotText() {
    products.put(new SimpleKey("p-1", "EUR"), LAMP);
    assertThat(products.get(new SimpleKey("p-1", "EUR"), Product.class)).isEqualTo(LAMP);
    assertThat(redis.exists("catalogue:products:p-1")).as("not the text key of a String SKU").isFalse();
  }
}
