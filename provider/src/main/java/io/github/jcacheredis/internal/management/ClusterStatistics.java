package io.github.jcacheredis.internal.management;

import io.github.jcacheredis.ClusterStatisticsMXBean;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide statistics of one cache: a Redis hash at {@code {prefix}:%stats:{cache}} (a name no cache's
 * keys can have, as cache names are percent-encoded) that every JVM adds its counts to once a second, all
 * counts in one script, off the path of any cache operation.
 *
 * <p>The hash is read as Redis holds it: a field whose value is not a whole number (written by something other
 * than this provider) reads as 0, alone; the next addition to it restarts it from that JVM's count.
 */
public final class ClusterStatistics implements ClusterStatisticsMXBean {

  /** The hash's fields, in the order {@link CacheStatistics#takeUnshared()} returns the counts. */
  public static final List<String> FIELDS = List.of("hits", "misses", "puts", "removals");

  private static final Logger LOG = LoggerFactory.getLogger(ClusterStatistics.class);

  private final byte[] key;
  private final Function<byte[], Map<String, String>> reader;

  /**
   * @param key    the hash's key
   * @param reader reads the hash (HGETALL), values as text
   */
  public ClusterStatistics(byte[] key, Function<byte[], Map<String, String>> reader) {
    this.key = Objects.requireNonNull(key, "key").clone();
    this.reader = Objects.requireNonNull(reader, "reader");
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

  /** @return the fields of the hash that hold whole numbers; the others are left out, one by one */
  private Map<String, Long> totals() {
    Map<String, Long> totals = new HashMap<>();
    reader.apply(key).forEach((field, value) -> {
      try {
        totals.put(field, Long.parseLong(value));
      } catch (NumberFormatException e) {
        LOG.debug("Statistics field {} of {} holds no whole number; read as 0", field,
            new String(key, StandardCharsets.UTF_8));
      }
    });
    return totals;
  }

  @Override
  public long getCacheHits() {
    return totals().getOrDefault("hits", 0L);
  }

  @Override
  public long getCacheMisses() {
    return totals().getOrDefault("misses", 0L);
  }

  @Override
  public long getCacheGets() {
    Map<String, Long> totals = totals();
    return totals.getOrDefault("hits", 0L) + totals.getOrDefault("misses", 0L);
  }

  @Override
  public long getCachePuts() {
    return totals().getOrDefault("puts", 0L);
  }

  @Override
  public long getCacheRemovals() {
    return totals().getOrDefault("removals", 0L);
  }

  @Override
  public long getCacheEvictions() {
    return 0;
  }

  @Override
  public float getCacheHitPercentage() {
    Map<String, Long> totals = totals();
    long hits = totals.getOrDefault("hits", 0L);
    long gets = hits + totals.getOrDefault("misses", 0L);
    return gets == 0 ? 0 : 100f * hits / gets;
  }
}
