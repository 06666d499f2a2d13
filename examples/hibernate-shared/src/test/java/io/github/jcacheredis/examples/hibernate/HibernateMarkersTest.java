package io.github.jcacheredis.examples.hibernate;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.jcacheredis.launcher.RedisLauncher;
import java.io.Serializable;
import java.net.URI;
import java.util.Properties;
import java.util.stream.Stream;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.property.access.internal.PropertyAccessStrategyBackRefImpl;
import org.hibernate.query.spi.QueryParameterBindings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The markers Hibernate puts inside what it caches and recognizes by identity (an unloaded lazy property, an
 * unknown back-reference, the parameters of a query without any) are read back by another CacheManager as
 * Hibernate's own instances, with no setting: the provider knows them by their class names in this Hibernate.
 */
class HibernateMarkersTest {

  static Stream<Arguments> markers() {
    return Stream.of(
        Arguments.of("LazyPropertyInitializer.UNFETCHED_PROPERTY", LazyPropertyInitializer.UNFETCHED_PROPERTY),
        Arguments.of("PropertyAccessStrategyBackRefImpl.UNKNOWN", PropertyAccessStrategyBackRefImpl.UNKNOWN),
        Arguments.of("QueryParameterBindings.NO_PARAMETER_BINDING_MEMENTO",
            QueryParameterBindings.NO_PARAMETER_BINDING_MEMENTO));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("markers")
  void aMarkerWrittenByOneCacheManagerIsReadByAnotherAsHibernatesOwnInstance(String name, Serializable marker)
      throws Exception {
    try (RedisLauncher redis = RedisLauncher.start()) {
      CacheManager writer = manager(redis.url());
      CacheManager reader = manager(redis.url());
      try {
        // Inside an entity's state, as Hibernate caches it.
        writer.createCache("markers", new MutableConfiguration<>()).put("k", new Serializable[] {"a", marker});

        Serializable[] read = (Serializable[]) reader.createCache("markers", new MutableConfiguration<>()).get("k");

        assertSame(marker, read[1], name);
      } finally {
        writer.close();
        reader.close();
      }
    }
  }

  /** A CacheManager of its own, with the Redis address alone. */
  private static CacheManager manager(String redisUrl) {
    Properties properties = new Properties();
    properties.setProperty("jcacheredis.url", redisUrl);
    CachingProvider provider = Caching.getCachingProvider();
    return provider.getCacheManager(URI.create("markers://" + System.nanoTime()), provider.getDefaultClassLoader(),
        properties);
  }
}
