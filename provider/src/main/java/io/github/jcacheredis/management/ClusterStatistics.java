package io.github.jcacheredis.management;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The cluster-wide statistics of one cache: a Redis hash at {@code {prefix}:%stats:{cache}} (a name no cache's
 * keys can have, as cache names are percent-encoded) that every JVM adds its counts to once a second with
 * HINCRBY, off the path of any cache operation.
 */
public final class ClusterStatistics implements ClusterStatisticsMXBean {

  /** The hash's fields, in the order {@link CacheStatistics#takeUnshared()} returns the counts. */
  public static final List<String> FIELDS = List.of("hits", "misses", "puts", "removals");

  private final byte[] key;
  private final Function<byte[], Map<String, Long>> reader;

  /**
   * @param key    the hash's key
   * @param reader reads the hash (HGETALL)
   */
  public ClusterStatistics(byte[] key, Function<byte[], Map<String, Long>> reader) {
    this.key = key.clone();
    this.reader = reader;
  }

  /**
   * @param keyPrefix the key prefix
   * @param escapedCacheName the cache name as it appears in keys
   * @return the key of a cache's totals
   */
  public static byte[] key(String keyPrefix, String escapedCacheName) {
    return (keyPrefix + ":%stats:" + escapedCacheName).getBytes(StandardCharsets.UTF_8);
  }

  /** @return the hash's key */
  public byte[] key() {
    return key.clone();
  }

  private long field(String name) {
    Long value = reader.apply(key).get(name);
    return value == null ? 0 : value;
  }

  @Override
  public long getCacheHits() {
    return field("hits");
  }

  @Override
  public long getCacheMisses() {
    return field("misses");
  }

  @Override
  public long getCacheGets() {
    Map<String, Long> totals = reader.apply(key);
    return totals.getOrDefault("hits", 0L) + totals.getOrDefault("misses", 0L);
  }

  @Override
  public long getCachePuts() {
    return field("puts");
  }

  @Override
  public long getCacheRemovals() {
    return field("removals");
  }

  @Override
  public long getCacheEvictions() {
    return 0;
  }

  @Override
  public float getCacheHitPercentage() {
    Map<String, Long> totals = reader.apply(key);
    long hits = totals.getOrDefault("hits", 0L);
    long gets = hits + totals.getOrDefault("misses", 0L);
    return gets == 0 ? 0 : 100f * hits / gets;
  }
}
