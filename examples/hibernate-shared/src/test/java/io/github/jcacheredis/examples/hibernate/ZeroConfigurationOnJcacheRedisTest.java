package io.github.jcacheredis.examples.hibernate;

/**
 * {@link ZeroConfigurationTest} with {@code hibernate.cache.region.factory_class=jcache-redis}: no other setting
 * either, and the same classes stored (Hibernate's own, allowed by exact name).
 */
class ZeroConfigurationOnJcacheRedisTest extends ZeroConfigurationTest {

  @Override
  String regionFactory() {
    return Library.JCACHE_REDIS;
  }
}
