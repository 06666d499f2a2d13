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

  /** The hash's field of hits. */
  public static final String HITS = "hits";
  /** The hash's field of misses. */
  public static final String MISSES = "misses";
  /** The hash's field of puts. */
  public static final String PUTS = "puts";
  /** The hash's field of removals. */
  public static final String REMOVALS = "removals";
  /** Every field of the hash. */
  public static final List<String> FIELDS = List.of(HITS, MISSES, PUTS, REMOVALS);

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
    return totals().getOrDefault(HITS, 0L);
  }

  @Override
  public long getCacheMisses() {
    return totals().getOrDefault(MISSES, 0L);
  }

  @Override
  public long getCacheGets() {
    Map<String, Long> totals = totals();
    return totals.getOrDefault(HITS, 0L) + totals.getOrDefault(MISSES, 0L);
  }

  @Override
  public long getCachePuts() {
    return totals().getOrDefault(PUTS, 0L);
  }

  @Override
  public long getCacheRemovals() {
    return totals().getOrDefault(REMOVALS, 0L);
  }

  @Override
  public long getCacheEvictions() {
    return 0;
  }

  @Override
  public float getCacheHitPercentage() {
    Map<String, Long> totals = totals();
    long hits = totals.getOrDefault(HITS, 0L);
    long gets = hits + totals.getOrDefault(MISSES, 0L);
    return gets == 0 ? 0 : 100f * hits / gets;
  }
}
