package io.github.jcacheredis.internal.management;

import io.github.jcacheredis.ClusterStatisticsMXBean;
import io.github.jcacheredis.RedisCacheDiagnosticsMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The beans of one cache in the platform MBeanServer, under the names JSR-107 §12 prescribes:
 * {@code javax.cache:type=CacheStatistics|CacheConfiguration,CacheManager=<uri>,Cache=<name>}, and ours beside
 * them.
 *
 * <p>Names are what the TCK and Micrometer's {@code JCacheMetrics} look up: the URI with {@code , : = \n} made
 * {@code .} (both replace {@code :}), the cache name as it is. A value ObjectName cannot hold as it is (a
 * cache named {@code a*}, {@code x,y} or {@code a"b}) is quoted instead, so every cache name has its own bean:
 * no unquoted value starts with {@code "}, and quoting is one-to-one. Two caches whose names still meet (two
 * URIs that differ only where the URI was made safe, or two CacheManagers with one URI in two class loaders)
 * cannot share a bean: the second registration fails, naming both caches, and closing one cache never
 * unregisters another's bean.
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

  // Which cache each bean this class loader's provider registered belongs to; guarded by itself. The
  // MBeanServer knows a name is taken, not by whom.
  private static final Map<ObjectName, JmxRegistration> OWNERS = new HashMap<>();

  private final URI managerUri;
  private final String cacheName;
  private final Map<Type, ObjectName> registered = new EnumMap<>(Type.class);

  /**
   * @param managerUri the cache's CacheManager's URI
   * @param cacheName  the cache's name
   */
  public JmxRegistration(URI managerUri, String cacheName) {
    this.managerUri = Objects.requireNonNull(managerUri, "managerUri");
    this.cacheName = Objects.requireNonNull(cacheName, "cacheName");
  }

  /**
   * Registers {@code bean} as this cache's bean of {@code type}; does nothing if it already is.
   *
   * @throws CacheException if another cache (or anything else) has a bean under the name, or the MBeanServer
   *     refuses the bean
   */
  public void register(Type type, Object bean) {
    ObjectName name = objectName(managerUri, cacheName, type);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    synchronized (OWNERS) {
      JmxRegistration owner = OWNERS.get(name);
      if (owner == this) {
        return;
      }
      if (owner != null) {
        throw new CacheException(this + " cannot have the JMX bean " + name + ": " + owner
            + " has it, as both names map to the same ObjectName. Rename one of the caches, or give their"
            + " CacheManagers URIs that differ in more than , : = or line breaks");
      }
      try {
        server.registerMBean(bean, name);
      } catch (InstanceAlreadyExistsException e) {
        throw new CacheException(this + " cannot have the JMX bean " + name + ": something other than this"
            + " provider (or a copy of it in another class loader) registered that name", e);
      } catch (JMException | RuntimeException e) {
        throw new CacheException("Cannot register " + name + " for " + this + ": " + e.getMessage(), e);
      }
      OWNERS.put(name, this);
      registered.put(type, name);
    }
  }

  /** Unregisters this cache's bean of {@code type}, if it has one; another cache's bean is left alone. */
  public void unregister(Type type) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    synchronized (OWNERS) {
      ObjectName name = registered.remove(type);
      if (name == null || !OWNERS.remove(name, this)) {
        return;
      }
      try {
        server.unregisterMBean(name);
      } catch (InstanceNotFoundException e) {
        // unregistered by someone else: the goal is reached
      } catch (JMException | RuntimeException e) {
        throw new CacheException("Cannot unregister " + name + " of " + this + ": " + e.getMessage(), e);
      }
    }
  }

  /** Unregisters every bean of this cache. */
  public void unregisterAll() {
    for (Type type : Type.values()) {
      unregister(type);
    }
  }

  /** @return whether this cache has its bean of {@code type} registered */
  public boolean isRegistered(Type type) {
    synchronized (OWNERS) {
      return registered.containsKey(type);
    }
  }

  /**
   * @return the ObjectName of a cache's bean
   */
  public static ObjectName objectName(URI managerUri, String cacheName, Type type) {
    String text = type.domain + ":type=" + type.typeName + ",CacheManager="
        + value(managerUri.toString().replaceAll("[,:=\n]", ".")) + ",Cache=" + value(cacheName);
    try {
      return new ObjectName(text);
    } catch (MalformedObjectNameException e) {
      throw new CacheException("Illegal ObjectName " + text, e);
    }
  }

  /** A value as it is when ObjectName can hold it unquoted and it is not a pattern, else quoted. */
  private static String value(String value) {
    return value.startsWith("\"") || !holdsUnquoted(value) ? ObjectName.quote(value) : value;
  }

  // Asked of ObjectName itself, so that what counts as legal is exactly what it accepts.
  private static boolean holdsUnquoted(String value) {
    if (value.chars().anyMatch(c -> ",=:\"*?\n".indexOf(c) >= 0)) {
      return false;
    }
    try {
      ObjectName probe = new ObjectName("d:k=" + value);
      return !probe.isPattern() && value.equals(probe.getKeyProperty("k"));
    } catch (MalformedObjectNameException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "cache '" + cacheName + "' of CacheManager " + managerUri;
  }
}
