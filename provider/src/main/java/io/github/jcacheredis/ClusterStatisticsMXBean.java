package io.github.jcacheredis;

/**
 * One cache's statistics summed over every JVM that uses it (with statistics enabled), kept in Redis;
 * registered as {@code io.github.jcacheredis:type=ClusterCacheStatistics,CacheManager=<uri>,Cache=<name>}.
 * Each JVM adds its counts once a second, so the totals lag by up to a second.
 */
public interface ClusterStatisticsMXBean {

  /** @return hits in every JVM */
  long getCacheHits();

  /** @return misses in every JVM */
  long getCacheMisses();

  /** @return gets (hits and misses) in every JVM */
  long getCacheGets();

  /** @return puts in every JVM */
  long getCachePuts();

  /** @return removals in every JVM */
  long getCacheRemovals();

  /** @return evictions: always 0, as Redis evicts without telling any JVM */
  long getCacheEvictions();

  /** @return hits as a percentage of gets, across every JVM */
  float getCacheHitPercentage();
}
