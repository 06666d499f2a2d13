package io.github.jcacheredis.spring.boot.autoconfigure;

import io.github.jcacheredis.internal.config.ProviderSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code jcacheredis.*} properties the starter hands the provider's {@code getCacheManager}, from
 * {@code jcache-redis.*} and {@code spring.data.redis.*}, each remembered with the Spring property it came from so
 * that the provider's error for a bad value can name the setting the user actually wrote.
 *
 * <p>The address is one choice, as in Spring Boot: {@code jcache-redis.url}, else sentinels, else a cluster, else a
 * single server ({@code spring.data.redis.url}, or host, port, database and credentials). When none of these is set
 * no address is passed, and the provider looks for it as it always does ({@code jcacheredis.url},
 * {@code REDIS_URL}, {@code redis://127.0.0.1:6379}).
 */
final class ManagerProperties {

  private final Properties properties = new Properties();
  private final Map<String, String> origins = new LinkedHashMap<>();

  private ManagerProperties() {
  }

  /**
   * @param ours                the {@code jcache-redis.*} properties
   * @param data                the {@code spring.data.redis.*} properties
   * @param applicationPackages the application's packages, allowed when {@code ours} says so
   * @return the provider's properties
   * @throws IllegalArgumentException when Spring's settings ask for something the provider cannot do
   */
  static ManagerProperties of(JCacheRedisProperties ours, SpringDataRedis data, List<String> applicationPackages) {
    ManagerProperties result = new ManagerProperties();
    result.address(ours, data);
    result.put(ProviderSettings.KEY_PREFIX, ours.getPrefix(), "jcache-redis.prefix");
    result.put(ProviderSettings.TIMEOUT_MILLIS, millis(ours.getTimeout(), data.getTimeout()),
        ours.getTimeout() != null ? "jcache-redis.timeout" : "spring.data.redis.timeout");
    result.put(ProviderSettings.CONNECT_TIMEOUT_MILLIS, millis(ours.getConnectTimeout(), data.getConnectTimeout()),
        ours.getConnectTimeout() != null ? "jcache-redis.connect-timeout" : "spring.data.redis.connect-timeout");
    result.put(ProviderSettings.RETRY_ATTEMPTS, text(ours.getRetryAttempts()), "jcache-redis.retry-attempts");
    result.put(ProviderSettings.POOL_SIZE, text(ours.getPoolSize()), "jcache-redis.pool-size");
    List<String> packages = new ArrayList<>();
    if (ours.isAllowApplicationPackages()) {
      packages.addAll(applicationPackages);
    }
    packages.addAll(ours.getAllowedPackages());
    result.put(ProviderSettings.ALLOWED_PACKAGES, packages.isEmpty() ? null : String.join(",", packages),
        "jcache-redis.allowed-packages (with the application's packages)");
    List<String> keys = ours.getSigningKeys();
    result.put(ProviderSettings.SIGNING_KEYS, keys.isEmpty() ? null : String.join(",", keys),
        "jcache-redis.signing-keys");
    JCacheRedisProperties.Tls tls = ours.getTls();
    result.put(ProviderSettings.TLS_TRUSTSTORE, tls.getTruststore(), "jcache-redis.tls.truststore");
    result.put(ProviderSettings.TLS_TRUSTSTORE_PASSWORD, tls.getTruststorePassword(),
        "jcache-redis.tls.truststore-password");
    result.put(ProviderSettings.TLS_VERIFY_HOSTNAME, tls.isVerifyHostname() ? null : "false",
        "jcache-redis.tls.verify-hostname");
    return result;
  }

  private void address(JCacheRedisProperties ours, SpringDataRedis data) {
    boolean tls = Boolean.TRUE.equals(data.getSsl().getEnabled());
    SpringDataRedis.Sentinel sentinel = data.getSentinel();
    if (ours.getUrl() != null) {
      put(ProviderSettings.URL, ours.getUrl(), "jcache-redis.url");
    } else if (sentinel.getMaster() != null || !sentinel.getNodes().isEmpty()) {
      // The provider speaks to the sentinels with the master's credentials (as Redisson does), so distinct
      // sentinel credentials cannot be honoured; failing says so instead of failing to authenticate later.
      if (sentinel.getPassword() != null && !sentinel.getPassword().equals(data.getPassword())
          || sentinel.getUsername() != null && !sentinel.getUsername().equals(data.getUsername())) {
        throw new IllegalArgumentException("spring.data.redis.sentinel.username/password differ from"
            + " spring.data.redis.username/password: jcache-redis authenticates to the sentinels with the master's"
            + " credentials; set jcache-redis.url, or use one password for both");
      }
      put(ProviderSettings.SENTINEL_NODES, nodes(sentinel.getNodes(), tls, data, data.getDatabase()),
          "spring.data.redis.sentinel.nodes");
      put(ProviderSettings.SENTINEL_MASTER, sentinel.getMaster(), "spring.data.redis.sentinel.master");
    } else if (!data.getCluster().getNodes().isEmpty()) {
      put(ProviderSettings.CLUSTER_NODES, nodes(data.getCluster().getNodes(), tls, data, null),
          "spring.data.redis.cluster.nodes");
    } else if (data.getUrl() != null) {
      String url = data.getUrl().trim();
      if (tls && url.startsWith("redis://")) {
        url = "rediss://" + url.substring("redis://".length());
      }
      put(ProviderSettings.URL, url, "spring.data.redis.url");
    } else if (data.setsSingleServer()) {
      String host = data.getHost() == null ? "localhost" : data.getHost();
      int port = data.getPort() == null ? 6379 : data.getPort();
      put(ProviderSettings.URL, url(tls, data, bracketed(host) + ":" + port, data.getDatabase()),
          "spring.data.redis.host/port/database/username/password");
    }
  }

  /** @return the nodes ({@code host:port}, as Spring Boot writes them) as the provider's comma-separated URLs */
  private static String nodes(List<String> nodes, boolean tls, SpringDataRedis data, Integer database) {
    List<String> urls = new ArrayList<>();
    for (String node : nodes) {
      String trimmed = node.trim();
      int colon = trimmed.lastIndexOf(':');
      String endpoint = trimmed.indexOf(':') == colon || trimmed.startsWith("[") ? trimmed
          : "[" + trimmed.substring(0, colon) + "]" + trimmed.substring(colon);
      urls.add(url(tls, data, endpoint, database));
    }
    return String.join(",", urls);
  }

  private static String url(boolean tls, SpringDataRedis data, String endpoint, Integer database) {
    StringBuilder url = new StringBuilder(tls ? "rediss://" : "redis://");
    if (data.getUsername() != null || data.getPassword() != null) {
      if (data.getUsername() != null) {
        url.append(encode(data.getUsername()));
      }
      if (data.getPassword() != null) {
        url.append(':').append(encode(data.getPassword()));
      }
      url.append('@');
    }
    url.append(endpoint);
    if (database != null) {
      url.append('/').append(database);
    }
    return url.toString();
  }

  private static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** Percent-encodes a user name or password for the userinfo of a URL; the provider decodes it again. */
  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String millis(Duration preferred, Duration fallback) {
    Duration duration = preferred != null ? preferred : fallback;
    return duration == null ? null : Long.toString(duration.toMillis());
  }

  private static String text(Integer value) {
    return value == null ? null : value.toString();
  }

  private void put(String property, String value, String origin) {
    if (value != null) {
      properties.setProperty(property, value);
      origins.put(property, origin);
    }
  }

  /**
   * Drops what a configuration file sets, so the file wins: the whole address when the file names one (the
   * provider takes the address from the first source that sets any part of it), and each other setting it makes.
   *
   * @param file the {@code jcacheredis.*} properties of the file
   */
  void yieldTo(Properties file) {
    List<String> topology = List.of(ProviderSettings.URL, ProviderSettings.CLUSTER_NODES,
        ProviderSettings.SENTINEL_NODES, ProviderSettings.SENTINEL_MASTER);
    if (topology.stream().anyMatch(file::containsKey)) {
      topology.forEach(this::remove);
    }
    file.stringPropertyNames().forEach(this::remove);
  }

  private void remove(String property) {
    properties.remove(property);
    origins.remove(property);
  }

  /** @return a copy of the properties */
  Properties properties() {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  /** @return which Spring property each provider property came from, for error messages; never the values */
  Map<String, String> origins() {
    return Map.copyOf(origins);
  }
}
