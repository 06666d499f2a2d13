package io.github.jcacheredis.examples.hibernate;

import java.util.List;

/**
 * {@link RedisCommandsTest} on the region factory {@code jcache-redis}: as many round trips for every read and
 * write; READ_WRITE writes with a compare-and-set script where hibernate-jcache sends a {@code SET}.
 */
class RedisCommandsOnJcacheRedisTest extends RedisCommandsTest {

  @Override
  String regionFactory() {
    return Library.JCACHE_REDIS;
  }

  // The GET reads the entry, the script replaces the item by an unlocked soft lock if it is still that item.
  @Override
  List<String> evictionOfACachedBook() {
    return List.of("GET books", "EVALSHA books");
  }

  @Override
  String readWriteWrite() {
    return "EVALSHA";
  }
}
