package io.github.jcacheredis.internal.management;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts recorded in this JVM since they were last added to the cluster-wide totals in Redis.
 *
 * @param hits     cache hits
 * @param misses   cache misses
 * @param puts     puts
 * @param removals removals
 */
public record StatisticsDelta(long hits, long misses, long puts, long removals) {

  /** @return whether there is nothing to add */
  public boolean isEmpty() {
    return hits == 0 && misses == 0 && puts == 0 && removals == 0;
  }

  /** @return the counts by the name of their field in the cluster statistics hash (see {@link ClusterStatistics}) */
  public Map<String, Long> byField() {
    Map<String, Long> fields = new LinkedHashMap<>();
    fields.put(ClusterStatistics.HITS, hits);
    fields.put(ClusterStatistics.MISSES, misses);
    fields.put(ClusterStatistics.PUTS, puts);
    fields.put(ClusterStatistics.REMOVALS, removals);
    return fields;
  }
}
