package io.github.jcacheredis.examples.spring;

import io.github.jcacheredis.launcher.RedisInspector;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.jcacheredis.internal.management.JmxRegistration;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The catalogue's cache annotations, observed in the repository's call count and in Redis itself. */
@ExtendWith(TestRedis.class)
@SpringBootTest
class CachedCatalogueTest {

  @Autowired
  ProductCatalogue catalogue;
  @Autowired
  ProductRepository repository;
  @Autowired
  javax.cache.CacheManager jcacheManager;

  RedisInspector redis;

  @BeforeEach
  void startEmpty() {
    catalogue.forgetAll();
    redis = new RedisInspector(TestRedis.url());
  }

  @AfterEach
  void restoreCatalogue() {
    redis.close();
    repository.save(new Product("p-1", "Desk lamp", 12_30));
    repository.save(new Product("p-2", "Office chair", 149_00));
  }

  @Test
  void aSecondLookupIsServedByTheCache() {
    int before = repository.lookups();
    Product first = catalogue.find("p-1");
    Product second = catalogue.find("p-1");
    assertThat(second).isEqualTo(first).isEqualTo(new Product("p-1", "Desk lamp", 12_30));
    assertThat(repository.lookups() - before).isEqualTo(1);
  }

  @Test
  void theEntryIsAPlainRedisKeyWithTheConfiguredTenMinuteTtl() {
    catalogue.find("p-1");
    long ttl = redis.pttl("catalogue:products:p-1");
    assertThat(ttl).isBetween(1L, 600_000L);
  }

  @Test
  void anUnknownProductIsNotCached() {
    int before = repository.lookups();
    assertThat(catalogue.find("p-404")).isNull();
    assertThat(catalogue.find("p-404")).isNull();
    assertThat(repository.lookups() - before).isEqualTo(2);
    assertThat(redis.exists("catalogue:products:p-404")).isFalse();
  }

  @Test
  void cachePutReplacesTheCachedValueSoTheNextLookupNeedsNoRepository() {
    catalogue.find("p-2");
    catalogue.reprice("p-2", 99_00);
    int before = repository.lookups();
    assertThat(catalogue.find("p-2").priceCents()).isEqualTo(99_00);
    assertThat(repository.lookups()).isEqualTo(before);
  }

  @Test
  void cacheEvictDeletesTheRedisKey() {
    catalogue.find("p-2");
    assertThat(redis.exists("catalogue:products:p-2")).isTrue();
    catalogue.discontinue("p-2");
    assertThat(redis.exists("catalogue:products:p-2")).isFalse();
    int before = repository.lookups();
    assertThat(catalogue.find("p-2")).isNull();
    assertThat(repository.lookups() - before).isEqualTo(1);
  }

  @Test
  void evictingAllEntriesEmptiesTheCacheInRedis() {
    catalogue.find("p-1");
    catalogue.find("p-2");
    catalogue.forgetAll();
    assertThat(redis.exists("catalogue:products:p-1")).isFalse();
    assertThat(redis.exists("catalogue:products:p-2")).isFalse();
  }

  @Test
  void theStandardStatisticsBeanCountsSpringsHitsAndMisses() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName statistics = JmxRegistration.objectName(jcacheManager.getURI(), ProductCatalogue.CACHE,
        JmxRegistration.Type.STATISTICS);
    long hits = (Long) server.getAttribute(statistics, "CacheHits");
    long misses = (Long) server.getAttribute(statistics, "CacheMisses");
    catalogue.find("p-3");
    catalogue.find("p-3");
    catalogue.find("p-3");
    assertThat((Long) server.getAttribute(statistics, "CacheMisses") - misses).isEqualTo(1);
    assertThat((Long) server.getAttribute(statistics, "CacheHits") - hits).isEqualTo(2);
  }
}
