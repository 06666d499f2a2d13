package io.github.jcacheredis.management;

import java.lang.management.ManagementFactory;
import java.net.URI;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers a cache's beans with the platform MBeanServer under the names JSR-107 §12 prescribes:
 * {@code javax.cache:type=CacheStatistics|CacheConfiguration,CacheManager=<uri>,Cache=<name>}.
 */
public final class JmxRegistration {

  /** The bean types: the two standard ones and ours. */
  public enum Type {
    /** {@code javax.cache:type=CacheConfiguration}, the {@link javax.cache.management.CacheMXBean}. */
    CONFIGURATION("javax.cache", "CacheConfiguration"),
    /** {@code javax.cache:type=CacheStatistics}, the {@link javax.cache.management.CacheStatisticsMXBean}. */
    STATISTICS("javax.cache", "CacheStatistics"),
    /** {@code io.github.jcacheredis:type=RedisCache}, the {@link RedisCacheDiagnosticsMXBean}. */
    DIAGNOSTICS("io.github.jcacheredis", "RedisCache"),
    /** {@code io.github.jcacheredis:type=ClusterCacheStatistics}, the {@link ClusterStatisticsMXBean}. */
    CLUSTER_STATISTICS("io.github.jcacheredis", "ClusterCacheStatistics");

    private final String domain;
    private final String typeName;

    Type(String domain, String typeName) {
      this.domain = domain;
      this.typeName = typeName;
    }
  }

  private JmxRegistration() {
  }

  /**
   * Registers {@code bean}, replacing nothing: a bean already registered under the name is left in place.
   *
   * @throws CacheException if the MBeanServer refuses the bean
   */
  public static void register(Object bean, URI managerUri, String cacheName, Type type) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = objectName(managerUri, cacheName, type);
    try {
      if (!server.isRegistered(name)) {
        server.registerMBean(bean, name);
      }
    } catch (InstanceAlreadyExistsException e) {
      // registered concurrently by another thread for the same cache: equivalent
    } catch (Exception e) {
      throw new CacheException("Cannot register " + name + ": " + e.getMessage(), e);
    }
  }

  /** Unregisters the bean if it is registered. */
  public static void unregister(URI managerUri, String cacheName, Type type) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = objectName(managerUri, cacheName, type);
    try {
      if (server.isRegistered(name)) {
        server.unregisterMBean(name);
      }
    } catch (InstanceNotFoundException e) {
      // unregistered concurrently: the goal is reached
    } catch (Exception e) {
      throw new CacheException("Cannot unregister " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * @return the ObjectName for a cache's bean
   */
  public static ObjectName objectName(URI managerUri, String cacheName, Type type) {
    String text = type.domain + ":type=" + type.typeName + ",CacheManager=" + sanitize(managerUri.toString())
        + ",Cache=" + sanitize(cacheName);
    try {
      return new ObjectName(text);
    } catch (MalformedObjectNameException e) {
      throw new CacheException("Illegal ObjectName " + text, e);
    }
  }

  // The characters ObjectName values may not hold unquoted become '.', as the TCK's lookups expect.
  private static String sanitize(String value) {
    return value == null ? "" : value.replaceAll("[,:=\n]", ".");
  }
}
