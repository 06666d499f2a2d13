package io.github.jcacheredis.examples.hibernate;

/**
 * {@link SecondLevelCacheTest} on the region factory {@code jcache-redis}: statistics, the query cache, the
 * update-timestamps region and regions created on demand work as with hibernate-jcache.
 */
class SecondLevelCacheOnJcacheRedisTest extends SecondLevelCacheTest {

  @Override
  String regionFactory() {
    return Library.JCACHE_REDIS;
  }
}
