package io.github.jcacheredis.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Properties;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.jcache.JCacheCache;

/**
 * Spring caches a {@code null} result as its {@code NullValue} marker: refused by the provider's allow-list by
 * default (hence {@code unless = "#result == null"} in {@link ProductCatalogue}), stored and read back as
 * {@code null} once {@code org.springframework.cache.support} is an allowed package.
 */
class CachingNullResultsTest {

  private static Cache springCache(CacheManager manager) {
    return new JCacheCache(manager.createCache("lookups", new MutableConfiguration<>()));
  }

  private static CacheManager manager(String name, String allowedPackages) {
    CachingProvider provider = Caching.getCachingProvider();
    Properties properties = new Properties();
    properties.setProperty("jcacheredis.url", TestRedis.url());
    properties.setProperty("jcacheredis.prefix", "null-results");
    if (allowedPackages != null) {
      properties.setProperty("jcacheredis.allowedPackages", allowedPackages);
    }
    return provider.getCacheManager(URI.create("null-results-" + name), provider.getDefaultClassLoader(),
        properties);
  }

  @Test
  void byDefaultSpringsNullMarkerIsRefusedNamingTheSetting() {
    try (CacheManager manager = manager("default", null)) {
      Cache cache = springCache(manager);
      assertThatThrownBy(() -> cache.put("missing", null))
          .hasMessageContaining("org.springframework.cache.support.NullValue")
          .hasMessageContaining("allowedPackages");
      manager.destroyCache("lookups");
    }
  }

  @Test
  void withItsPackageAllowedANullResultIsCachedAndReadBackAsNull() {
    try (CacheManager manager = manager("allowed", "org.springframework.cache.support")) {
      Cache cache = springCache(manager);
      cache.put("missing", null);
      Cache.ValueWrapper cached = cache.get("missing");
      assertThat(cached).as("a cached null, not a miss").isNotNull();
      assertThat(cached.get()).isNull();
      manager.destroyCache("lookups");
    }
  }
}
