package io.github.jcacheredis.demo;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Prints the statistics of some caches as a table, read the way any JMX console would: from the standard
 * {@code CacheStatisticsMXBean} each cache registers on the platform MBeanServer (JSR-107 §12), not from the
 * provider's classes.
 */
final class StatisticsTable {

  private static final String ROW = "%-10s %8s %8s %7s %7s %9s %13s%n";

  private final MBeanServer server;
  private final URI managerUri;

  /**
   * @param server     the MBeanServer the caches registered with (the platform one)
   * @param managerUri the URI of the CacheManager owning the caches
   */
  StatisticsTable(MBeanServer server, URI managerUri) {
    this.server = requireNonNull(server, "server");
    this.managerUri = requireNonNull(managerUri, "managerUri");
  }

  /**
   * Prints a header and one row per cache.
   *
   * @param cacheNames the caches, each with statistics enabled
   * @param out        where to print
   * @throws JMException if a cache has no statistics bean
   */
  void print(List<String> cacheNames, PrintStream out) throws JMException {
    out.printf(ROW, "cache", "hits", "misses", "hit %", "puts", "removals", "avg get (us)");
    for (String cacheName : cacheNames) {
      ObjectName bean = objectName(managerUri, cacheName);
      out.printf(ROW, cacheName,
          server.getAttribute(bean, "CacheHits"),
          server.getAttribute(bean, "CacheMisses"),
          String.format("%.1f", (Float) server.getAttribute(bean, "CacheHitPercentage")),
          server.getAttribute(bean, "CachePuts"),
          server.getAttribute(bean, "CacheRemovals"),
          String.format("%.1f", (Float) server.getAttribute(bean, "AverageGetTime")));
    }
  }

  /**
   * Returns the name JSR-107 §12 gives a cache's statistics bean.
   *
   * @param managerUri the CacheManager's URI
   * @param cacheName  the cache's name
   * @return {@code javax.cache:type=CacheStatistics,CacheManager=<uri>,Cache=<name>}
   * @throws MalformedObjectNameException never for sanitized values
   */
  static ObjectName objectName(URI managerUri, String cacheName) throws MalformedObjectNameException {
    return new ObjectName("javax.cache:type=CacheStatistics,CacheManager=" + sanitize(managerUri.toString())
        + ",Cache=" + sanitize(cacheName));
  }

  // ',', ':', '=' and newlines cannot appear unquoted in an ObjectName value; providers replace them with '.'.
  private static String sanitize(String value) {
    return value.replaceAll("[,:=\n]", ".");
  }
}
