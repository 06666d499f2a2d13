package io.github.jcacheredis.internal.management;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A cache's MXBeans and the one rule for which of them are registered (JSR-107 §12): the configuration bean while
 * management is enabled; the statistics bean and our cluster statistics bean, both or neither, while statistics
 * are enabled; our diagnostics bean while either is, since then operators are looking. Names and ownership are
 * {@link JmxRegistration}'s.
 */
public final class CacheBeans {

  private final JmxRegistration registration;
  private final Map<JmxRegistration.Type, Object> beans = new EnumMap<>(JmxRegistration.Type.class);

  /**
   * @param managerUri    the cache's CacheManager's URI
   * @param cacheName     the cache's name
   * @param configuration the {@code CacheMXBean}
   * @param statistics    the {@code CacheStatisticsMXBean}
   * @param cluster       the cluster statistics bean
   * @param diagnostics   the diagnostics bean
   */
  public CacheBeans(URI managerUri, String cacheName, Object configuration, Object statistics, Object cluster,
      Object diagnostics) {
    this.registration = new JmxRegistration(managerUri, cacheName);
    beans.put(JmxRegistration.Type.CONFIGURATION, configuration);
    beans.put(JmxRegistration.Type.STATISTICS, statistics);
    beans.put(JmxRegistration.Type.CLUSTER_STATISTICS, cluster);
    beans.put(JmxRegistration.Type.DIAGNOSTICS, diagnostics);
  }

  /**
   * Registers and unregisters beans so that exactly those the flags call for are registered. When one cannot be
   * registered (its name is taken), the beans are left as they were and the failure is thrown.
   *
   * @param management whether management is enabled
   * @param statistics whether statistics are enabled
   */
  public synchronized void apply(boolean management, boolean statistics) {
    Map<JmxRegistration.Type, Boolean> wanted = new EnumMap<>(JmxRegistration.Type.class);
    wanted.put(JmxRegistration.Type.CONFIGURATION, management);
    wanted.put(JmxRegistration.Type.STATISTICS, statistics);
    wanted.put(JmxRegistration.Type.CLUSTER_STATISTICS, statistics);
    wanted.put(JmxRegistration.Type.DIAGNOSTICS, management || statistics);
    Map<JmxRegistration.Type, Boolean> before = new EnumMap<>(JmxRegistration.Type.class);
    for (JmxRegistration.Type type : JmxRegistration.Type.values()) {
      before.put(type, registration.isRegistered(type));
    }
    try {
      wanted.forEach(this::set);
    } catch (RuntimeException e) {
      try {
        before.forEach(this::set);
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void set(JmxRegistration.Type type, boolean registered) {
    if (registered && !registration.isRegistered(type)) {
      registration.register(type, Objects.requireNonNull(beans.get(type), "every type has its bean"));
    } else if (!registered && registration.isRegistered(type)) {
      registration.unregister(type);
    }
  }

  /** Unregisters every bean of the cache (it is closing, or its creation failed). */
  public synchronized void close() {
    registration.unregisterAll();
  }
}
