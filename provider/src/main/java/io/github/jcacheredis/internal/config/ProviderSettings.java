package io.github.jcacheredis.internal.config;

import io.github.jcacheredis.ManagerSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The settings of one CacheManager: where Redis is, how its keys are named and how long a call may block.
 *
 * <p>Each setting is looked up, first to last, in the CacheManager's {@link Properties}, the JVM's system
 * properties and (for the address only) the {@code REDIS_URL} environment variable; otherwise its default
 * applies. Every property under the {@value #PREFIX} namespace must be one of the known names below, so a
 * misspelt setting fails at CacheManager creation instead of being ignored.
 *
 * <p>The address is one of three topologies: a single server ({@value #URL}), a Redis Cluster
 * ({@value #CLUSTER_NODES}) or a master behind Sentinel ({@value #SENTINEL_NODES} with {@value #SENTINEL_MASTER}).
 * These are looked up as one: the first source that sets any of them supplies the address, and it must set exactly
 * one topology, so a system-wide {@value #URL} never mixes with a CacheManager's cluster nodes.
 */
public final class ProviderSettings implements ManagerSettings {

  /** The namespace of every property this provider reads. */
  public static final String PREFIX = "jcacheredis.";
  /** Redis URL, {@code redis[s]://[[user]:password@]host[:port][/db]}. */
  public static final String URL = PREFIX + "url";
  /** Comma-separated URLs of Redis Cluster nodes to discover the cluster from (database 0 only). */
  public static final String CLUSTER_NODES = PREFIX + "clusterNodes";
  /** Comma-separated URLs of the sentinels; their credentials and database are those of the master. */
  public static final String SENTINEL_NODES = PREFIX + "sentinelNodes";
  /** The name the sentinels monitor the master under; required with {@value #SENTINEL_NODES}. */
  public static final String SENTINEL_MASTER = PREFIX + "sentinelMaster";
  /** How often a cluster's slots or the sentinels' master are re-read to follow a failover, ms (default 1000). */
  public static final String TOPOLOGY_REFRESH_MILLIS = PREFIX + "topologyRefreshMillis";
  /** The first segment of every Redis key this CacheManager writes (default {@value #DEFAULT_KEY_PREFIX}). */
  public static final String KEY_PREFIX = PREFIX + "prefix";
  /** Encoded keys longer than this many bytes are stored as their SHA-256 (default 256). */
  public static final String KEY_HASH_THRESHOLD = PREFIX + "keyHashThreshold";
  /** How long Redis may take to answer a command once sent, in milliseconds (default 2000). */
  public static final String TIMEOUT_MILLIS = PREFIX + "timeoutMillis";
  /** How long opening a connection may take, in milliseconds (default 1000). */
  public static final String CONNECT_TIMEOUT_MILLIS = PREFIX + "connectTimeoutMillis";
  /** How many times a command is retried after a timeout or connection failure (default 1). */
  public static final String RETRY_ATTEMPTS = PREFIX + "retryAttempts";
  /** Largest number of pooled connections to Redis (default 32). */
  public static final String POOL_SIZE = PREFIX + "poolSize";
  /**
   * Comma-separated packages whose classes may be stored besides the JDK's value types and the packages of
   * each cache's declared types; {@code *} allows every class (default: none).
   */
  public static final String ALLOWED_PACKAGES = PREFIX + "allowedPackages";
  /**
   * Comma-separated keys that sign (the first) and verify (all) every value, event and configuration record this
   * CacheManager writes, with HMAC-SHA256; bytes no key verifies are never deserialized. Each key is text of at
   * least {@value #MIN_SIGNING_KEY_LENGTH} bytes in UTF-8, or {@code base64:} followed by at least that many bytes
   * in base64 (default: none, nothing signed). The keys are never logged or shown.
   */
  public static final String SIGNING_KEYS = PREFIX + "signingKeys";
  /** The shortest signing key accepted, in bytes: as long as the HMAC-SHA256 tag, as RFC 2104 recommends. */
  public static final int MIN_SIGNING_KEY_LENGTH = 32;
  /** For {@code rediss://}: a trust store file (PKCS12 or JKS) with the CA of the server's certificate. */
  public static final String TLS_TRUSTSTORE = PREFIX + "tlsTruststore";
  /** The trust store's password. */
  public static final String TLS_TRUSTSTORE_PASSWORD = PREFIX + "tlsTruststorePassword";
  /** For {@code rediss://}: whether the server's host name must match its certificate (default true). */
  public static final String TLS_VERIFY_HOSTNAME = PREFIX + "tlsVerifyHostname";

  /** The environment variable holding the Redis address. */
  public static final String REDIS_URL_ENV = "REDIS_URL";
  /** The default of {@value #TIMEOUT_MILLIS}. */
  public static final int DEFAULT_TIMEOUT_MILLIS = 2000;
  /** The default of {@value #CONNECT_TIMEOUT_MILLIS}. */
  public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 1000;
  /** The default of {@value #RETRY_ATTEMPTS}. */
  public static final int DEFAULT_RETRY_ATTEMPTS = 1;
  /** The key prefix used when none is configured. */
  public static final String DEFAULT_KEY_PREFIX = "jcache";

  private static final Set<String> KNOWN = Set.of(URL, CLUSTER_NODES, SENTINEL_NODES, SENTINEL_MASTER,
      TOPOLOGY_REFRESH_MILLIS, KEY_PREFIX, KEY_HASH_THRESHOLD, TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS, RETRY_ATTEMPTS,
      POOL_SIZE, ALLOWED_PACKAGES, SIGNING_KEYS, TLS_TRUSTSTORE, TLS_TRUSTSTORE_PASSWORD, TLS_VERIFY_HOSTNAME);
  private static final String BASE64 = "base64:";
  private static final List<String> TOPOLOGY = List.of(URL, CLUSTER_NODES, SENTINEL_NODES, SENTINEL_MASTER);
  // ':' separates the segments of a key and glob characters would leak into SCAN patterns.
  private static final Pattern PREFIX_SYNTAX = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

  private final RedisTopology topology;
  private final String addressSource;
  private final int topologyRefreshMillis;
  private final String keyPrefix;
  private final int keyHashThreshold;
  private final int timeoutMillis;
  private final int connectTimeoutMillis;
  private final int retryAttempts;
  private final int poolSize;
  private final java.util.List<String> allowedPackages;
  private final TlsTrust tlsTrust;
  private final List<String> tlsKey;
  private final List<byte[]> signingKeys;

  private ProviderSettings(Lookup lookup) {
    Properties source = lookup.firstSetting(TOPOLOGY);
    if (source != null) {
      String setting = topologySetting(source, lookup.kindOf(source));
      addressSource = lookup.kindOf(source) + " " + setting;
      String value = source.getProperty(setting).trim();
      if (setting.equals(URL)) {
        topology = RedisTopology.single(RedisAddress.parse(value, addressSource));
      } else if (setting.equals(CLUSTER_NODES)) {
        topology = RedisTopology.cluster(value, addressSource);
      } else {
        topology = RedisTopology.sentinel(source.getProperty(SENTINEL_MASTER).trim(), value,
            lookup.kindOf(source) + " " + SENTINEL_MASTER, addressSource);
      }
    } else {
      String url = lookup.env.apply(REDIS_URL_ENV);
      addressSource = url != null ? "environment variable " + REDIS_URL_ENV : "default";
      if (url == null) {
        url = RedisAddress.DEFAULT_URL;
      }
      topology = RedisTopology.single(RedisAddress.parse(url, addressSource));
    }
    topologyRefreshMillis = lookup.integer(TOPOLOGY_REFRESH_MILLIS, 1000, 100, 600_000);
    keyPrefix = lookup.value(KEY_PREFIX) == null ? DEFAULT_KEY_PREFIX : lookup.value(KEY_PREFIX);
    if (!PREFIX_SYNTAX.matcher(keyPrefix).matches()) {
      throw new IllegalArgumentException("Invalid " + KEY_PREFIX + " '" + keyPrefix + "' ("
          + lookup.sourceOf(KEY_PREFIX) + "): use 1 to 64 letters, digits, '_', '.' or '-'");
    }
    keyHashThreshold = lookup.integer(KEY_HASH_THRESHOLD, 256, 32, 1 << 20);
    timeoutMillis = lookup.integer(TIMEOUT_MILLIS, DEFAULT_TIMEOUT_MILLIS, 1, 600_000);
    connectTimeoutMillis = lookup.integer(CONNECT_TIMEOUT_MILLIS, DEFAULT_CONNECT_TIMEOUT_MILLIS, 1, 600_000);
    retryAttempts = lookup.integer(RETRY_ATTEMPTS, DEFAULT_RETRY_ATTEMPTS, 0, 100);
    poolSize = lookup.integer(POOL_SIZE, 32, 1, 10_000);
    String packages = lookup.value(ALLOWED_PACKAGES);
    allowedPackages = packages == null || packages.isBlank() ? java.util.List.of()
        : java.util.List.of(packages.split("\\s*,\\s*"));
    String verify = lookup.value(TLS_VERIFY_HOSTNAME);
    if (verify != null && !verify.equalsIgnoreCase("true") && !verify.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException("Invalid " + lookup.sourceOf(TLS_VERIFY_HOSTNAME) + " '" + verify
          + "': expected true or false");
    }
    String truststore = lookup.value(TLS_TRUSTSTORE);
    tlsKey = List.of(String.valueOf(truststore), String.valueOf(verify));
    tlsTrust = TlsTrust.of(truststore, lookup.value(TLS_TRUSTSTORE_PASSWORD), !"false".equalsIgnoreCase(verify),
        truststore == null ? TLS_TRUSTSTORE : lookup.sourceOf(TLS_TRUSTSTORE));
    signingKeys = signingKeys(lookup.value(SIGNING_KEYS), SIGNING_KEYS, lookup);
    for (String name : allowedPackages) {
      if (!name.equals("*") && !name.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*\\.?")) {
        throw new IllegalArgumentException("Invalid " + lookup.sourceOf(ALLOWED_PACKAGES) + " entry '" + name
            + "': expected a package name such as com.example.model, or *");
      }
    }
  }

  /**
   * Reads the signing keys. Errors give a key's position and length, never a character of it, and chain no cause
   * (the base64 decoder's message quotes the offending character).
   */
  private static List<byte[]> signingKeys(@Nullable String text, String setting, Lookup lookup) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String[] parts = text.split(",", -1);
    List<byte[]> keys = new ArrayList<>(parts.length);
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].trim();
      String which = "Invalid " + lookup.sourceOf(setting) + ": key " + (i + 1) + " of " + parts.length;
      byte[] key;
      if (part.startsWith(BASE64)) {
        try {
          key = Base64.getDecoder().decode(part.substring(BASE64.length()).trim());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(which + " is not valid base64 after '" + BASE64 + "'");
        }
      } else {
        key = part.getBytes(StandardCharsets.UTF_8);
      }
      if (key.length < MIN_SIGNING_KEY_LENGTH) {
        throw new IllegalArgumentException(which + " is " + key.length + " bytes; each key must be at least "
            + MIN_SIGNING_KEY_LENGTH + " bytes (text, or " + BASE64 + " and the base64 of random bytes)");
      }
      keys.add(key);
    }
    return List.copyOf(keys);
  }

  /**
   * Reads the settings for one CacheManager.
   *
   * @param properties the CacheManager's properties (may be empty)
   * @return the settings
   * @throws IllegalArgumentException naming the setting at fault when a value is malformed or a
   *                                  {@value #PREFIX} property is unknown
   */
  public static ProviderSettings from(Properties properties) {
    return from(properties, null, System.getProperties(), System::getenv);
  }

  /**
   * Reads the settings for one CacheManager that has a configuration file: its properties win over the file,
   * the file over system properties and the environment.
   *
   * @param properties the CacheManager's properties (may be empty)
   * @param file       the CacheManager's configuration file, or {@code null}
   * @return the settings
   * @throws IllegalArgumentException naming the setting (and the file) at fault
   */
  public static ProviderSettings from(Properties properties, @Nullable YamlConfiguration file) {
    return from(properties, file, System.getProperties(), System::getenv);
  }

  static ProviderSettings from(Properties properties, Properties system, Function<String, String> env) {
    return from(properties, null, system, env);
  }

  static ProviderSettings from(Properties properties, @Nullable YamlConfiguration file, Properties system,
      Function<String, String> env) {
    return new ProviderSettings(new Lookup(properties, file, system, env));
  }

  /**
   * Picks the one topology setting of a source that sets some, so that a cluster, a sentinel group and a single URL
   * are never mixed and {@value #SENTINEL_MASTER} never stands without sentinels.
   */
  private static String topologySetting(Properties source, String kind) {
    List<String> set = new ArrayList<>();
    for (String name : List.of(URL, CLUSTER_NODES, SENTINEL_NODES)) {
      if (source.getProperty(name) != null) {
        set.add(name);
      }
    }
    boolean masterNamed = source.getProperty(SENTINEL_MASTER) != null;
    if (set.size() > 1) {
      throw new IllegalArgumentException("Conflicting " + kind + " settings " + set + ": set only one of " + URL + ", "
          + CLUSTER_NODES + " and " + SENTINEL_NODES);
    }
    if (set.isEmpty()) {
      throw new IllegalArgumentException(kind + " " + SENTINEL_MASTER + " is set without " + SENTINEL_NODES);
    }
    if (set.get(0).equals(SENTINEL_NODES) && !masterNamed) {
      throw new IllegalArgumentException(kind + " " + SENTINEL_NODES + " is set without " + SENTINEL_MASTER
          + ", the name the sentinels monitor the master under");
    }
    if (!set.get(0).equals(SENTINEL_NODES) && masterNamed) {
      throw new IllegalArgumentException(kind + " " + SENTINEL_MASTER + " is set without " + SENTINEL_NODES
          + " (alongside " + set.get(0) + ")");
    }
    return set.get(0);
  }

  /**
   * @return the single server's address, or the first cluster seed or sentinel; {@link #topology()} tells which
   */
  @Override
  public String host() {
    return address().host();
  }

  @Override
  public int port() {
    return address().port();
  }

  @Override
  public int database() {
    return address().database();
  }

  @Override
  public boolean hasPassword() {
    return address().password() != null;
  }

  @Override
  public String redis() {
    return topology().toString();
  }

  public RedisAddress address() {
    return topology.nodes().get(0);
  }

  /** @return where the data lives: a single server, a cluster or a master behind Sentinel */
  public RedisTopology topology() {
    return topology;
  }

  /** @return how often a cluster's or the sentinels' view of the masters is re-read, in milliseconds */
  public int topologyRefreshMillis() {
    return topologyRefreshMillis;
  }

  /** @return where the address came from (a property, the environment, or the default), for log lines */
  @Override
  public String addressSource() {
    return addressSource;
  }

  /** @return the first segment of every key */
  @Override
  public String keyPrefix() {
    return keyPrefix;
  }

  /** @return the encoded-key length above which keys are hashed */
  public int keyHashThreshold() {
    return keyHashThreshold;
  }

  /** @return the per-command timeout in milliseconds */
  @Override
  public int timeoutMillis() {
    return timeoutMillis;
  }

  /** @return the connect timeout in milliseconds */
  @Override
  public int connectTimeoutMillis() {
    return connectTimeoutMillis;
  }

  /** @return how often a failed command is retried */
  public int retryAttempts() {
    return retryAttempts;
  }

  /** @return the connection pool size */
  public int poolSize() {
    return poolSize;
  }

  /** @return which certificates {@code rediss://} connections trust */
  public TlsTrust tlsTrust() {
    return tlsTrust;
  }

  /** @return the packages allowed besides the JDK's and the caches' declared types ({@code *}: all) */
  public java.util.List<String> allowedPackages() {
    return allowedPackages;
  }

  /**
   * @return copies of the signing keys, the one that signs first; empty when nothing is signed. Never log them
   */
  public List<byte[]> signingKeys() {
    List<byte[]> copies = new ArrayList<>(signingKeys.size());
    for (byte[] key : signingKeys) {
      copies.add(key.clone());
    }
    return copies;
  }

  /**
   * The part of the settings that decides which Redis connection can be shared between CacheManagers.
   *
   * @return a value usable as a map key
   */
  public Object connectionKey() {
    return List.of(topology, topologyRefreshMillis, timeoutMillis, connectTimeoutMillis, retryAttempts, poolSize,
        tlsKey);
  }

  /** Looks a property up in the CacheManager's properties, then the system properties. */
  private static final class Lookup {
    private final Properties properties;
    private final @Nullable YamlConfiguration file;
    private final Properties fileProperties;
    private final Properties system;
    private final Function<String, String> env;

    Lookup(Properties properties, @Nullable YamlConfiguration file, Properties system, Function<String, String> env) {
      this.properties = Objects.requireNonNull(properties);
      this.file = file;
      this.fileProperties = file == null ? new Properties() : file.managerProperties();
      this.system = Objects.requireNonNull(system);
      this.env = Objects.requireNonNull(env);
      rejectUnknown(properties, "CacheManager property");
      rejectUnknown(system, "system property");
    }

    private static void rejectUnknown(Properties source, String kind) {
      for (Map.Entry<Object, Object> entry : source.entrySet()) {
        String name = String.valueOf(entry.getKey());
        if (name.startsWith(PREFIX) && !KNOWN.contains(name)) {
          throw new IllegalArgumentException("Unknown " + kind + " '" + name + "'; known settings are "
              + new java.util.TreeSet<>(KNOWN));
        }
        if (name.startsWith(PREFIX) && !(entry.getValue() instanceof String)) {
          throw new IllegalArgumentException("Invalid " + kind + " '" + name + "': the value must be a String, not "
              + entry.getValue().getClass().getName());
        }
      }
    }

    @Nullable String value(String name) {
      String value = properties.getProperty(name);
      if (value == null) {
        value = fileProperties.getProperty(name);
      }
      if (value == null) {
        value = system.getProperty(name);
      }
      return value == null ? null : value.trim();
    }

    String sourceOf(String name) {
      if (properties.getProperty(name) != null) {
        return "CacheManager property " + name;
      }
      if (file != null && fileProperties.getProperty(name) != null) {
        return file.originOf(name);
      }
      return "system property " + name;
    }

    /** @return the first of the CacheManager's properties, its file and the system properties setting any of names */
    @Nullable Properties firstSetting(List<String> names) {
      for (Properties source : List.of(properties, fileProperties, system)) {
        if (names.stream().anyMatch(name -> source.getProperty(name) != null)) {
          return source;
        }
      }
      return null;
    }

    @SuppressWarnings("ReferenceEquality") // which of the sources it is: they are told apart by identity
    String kindOf(Properties source) {
      if (source == fileProperties && file != null) {
        return "configuration file " + file.file() + ", property";
      }
      return source == properties ? "CacheManager property" : "system property";
    }

    int integer(String name, int defaultValue, int min, int max) {
      String text = value(name);
      if (text == null) {
        return defaultValue;
      }
      try {
        int parsed = Integer.parseInt(text);
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below with the allowed range
      }
      throw new IllegalArgumentException("Invalid " + sourceOf(name) + " '" + text + "': expected an integer from "
          + min + " to " + max);
    }
  }
}
