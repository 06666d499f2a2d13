package io.github.jcacheredis.examples.hibernate;

/**
 * {@link RedisCommandsTest} on the region factory {@code jcache-redis}: as many round trips for every read and
 * write; READ_WRITE writes with a compare-and-set script where hibernate-jcache sends a {@code SET}.
 */
class RedisCommandsOnJcacheRedisTest extends RedisCommandsTest {

  @Override
  String regionFactory() {
    return Library.JCACHE_REDIS;
  }

  @Override
  String readWriteWrite() {
    return "EVALSHA";
  }
}
