package io.github.jcacheredis.hibernate;

import java.util.List;
import org.hibernate.boot.registry.selector.SimpleStrategyRegistrationImpl;
import org.hibernate.boot.registry.selector.StrategyRegistration;
import org.hibernate.boot.registry.selector.StrategyRegistrationProvider;
import org.hibernate.cache.spi.RegionFactory;

/**
 * Registers {@link RedisRegionFactory} with Hibernate's strategy selector (found through
 * {@code META-INF/services}) under its short name {@code jcache-redis} and its class name.
 */
public final class RedisRegionFactoryRegistration implements StrategyRegistrationProvider {

  /** As {@code ServiceLoader} creates it. */
  public RedisRegionFactoryRegistration() {
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Iterable<StrategyRegistration> getStrategyRegistrations() {
    // Raw, as hibernate-core 6.6 declares it; 7 returns Iterable<StrategyRegistration<?>>, the same erased type.
    return List.of(new SimpleStrategyRegistrationImpl(RegionFactory.class, RedisRegionFactory.class,
        RedisRegionFactory.SHORT_NAME, RedisRegionFactory.class.getName()));
  }
}
