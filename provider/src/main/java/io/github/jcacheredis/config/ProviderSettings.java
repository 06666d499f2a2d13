package io.github.jcacheredis.config;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The settings of one CacheManager: where Redis is, how its keys are named and how long a call may block.
 *
 * <p>Each setting is looked up, first to last, in the CacheManager's {@link Properties}, the JVM's system
 * properties and (for the address only) the {@code REDIS_URL} environment variable; otherwise its default
 * applies. Every property under the {@value #PREFIX} namespace must be one of the known names below, so a
 * misspelt setting fails at CacheManager creation instead of being ignored.
 */
public final class ProviderSettings {

  /** The namespace of every property this provider reads. */
  public static final String PREFIX = "jcacheredis.";
  /** Redis URL, {@code redis[s]://[[user]:password@]host[:port][/db]}. */
  public static final String URL = PREFIX + "url";
  /** The first segment of every Redis key this CacheManager writes (default {@value #DEFAULT_KEY_PREFIX}). */
  public static final String KEY_PREFIX = PREFIX + "prefix";
  /** Encoded keys longer than this many bytes are stored as their SHA-256 (default 256). */
  public static final String KEY_HASH_THRESHOLD = PREFIX + "keyHashThreshold";
  /** How long one Redis command may take before it is retried or the call fails, in milliseconds (default 1000). */
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

  /** The environment variable holding the Redis address. */
  public static final String REDIS_URL_ENV = "REDIS_URL";
  /** The key prefix used when none is configured. */
  public static final String DEFAULT_KEY_PREFIX = "jcache";

  private static final Set<String> KNOWN = Set.of(URL, KEY_PREFIX, KEY_HASH_THRESHOLD, TIMEOUT_MILLIS,
      CONNECT_TIMEOUT_MILLIS, RETRY_ATTEMPTS, POOL_SIZE, ALLOWED_PACKAGES);
  // ':' separates the segments of a key and glob characters would leak into SCAN patterns.
  private static final Pattern PREFIX_SYNTAX = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

  private final RedisAddress address;
  private final String addressSource;
  private final String keyPrefix;
  private final int keyHashThreshold;
  private final int timeoutMillis;
  private final int connectTimeoutMillis;
  private final int retryAttempts;
  private final int poolSize;
  private final java.util.List<String> allowedPackages;

  private ProviderSettings(Lookup lookup) {
    String url = lookup.value(URL);
    if (url != null) {
      addressSource = lookup.sourceOf(URL);
    } else {
      url = lookup.env.apply(REDIS_URL_ENV);
      addressSource = url != null ? "environment variable " + REDIS_URL_ENV : "default";
      if (url == null) {
        url = RedisAddress.DEFAULT_URL;
      }
    }
    address = RedisAddress.parse(url, addressSource);
    keyPrefix = lookup.value(KEY_PREFIX) == null ? DEFAULT_KEY_PREFIX : lookup.value(KEY_PREFIX);
    if (!PREFIX_SYNTAX.matcher(keyPrefix).matches()) {
      throw new IllegalArgumentException("Invalid " + KEY_PREFIX + " '" + keyPrefix + "' ("
          + lookup.sourceOf(KEY_PREFIX) + "): use 1 to 64 letters, digits, '_', '.' or '-'");
    }
    keyHashThreshold = lookup.integer(KEY_HASH_THRESHOLD, 256, 32, 1 << 20);
    timeoutMillis = lookup.integer(TIMEOUT_MILLIS, 1000, 1, 600_000);
    connectTimeoutMillis = lookup.integer(CONNECT_TIMEOUT_MILLIS, 1000, 1, 600_000);
    retryAttempts = lookup.integer(RETRY_ATTEMPTS, 1, 0, 100);
    poolSize = lookup.integer(POOL_SIZE, 32, 1, 10_000);
    String packages = lookup.value(ALLOWED_PACKAGES);
    allowedPackages = packages == null || packages.isBlank() ? java.util.List.of()
        : java.util.List.of(packages.split("\\s*,\\s*"));
    for (String name : allowedPackages) {
      if (!name.equals("*") && !name.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*\\.?")) {
        throw new IllegalArgumentException("Invalid " + lookup.sourceOf(ALLOWED_PACKAGES) + " entry '" + name
            + "': expected a package name such as com.example.model, or *");
      }
    }
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
    return from(properties, System.getProperties(), System::getenv);
  }

  static ProviderSettings from(Properties properties, Properties system, Function<String, String> env) {
    return new ProviderSettings(new Lookup(properties, system, env));
  }

  /** @return the Redis address */
  public RedisAddress address() {
    return address;
  }

  /** @return where the address came from (a property, the environment, or the default), for log lines */
  public String addressSource() {
    return addressSource;
  }

  /** @return the first segment of every key */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** @return the encoded-key length above which keys are hashed */
  public int keyHashThreshold() {
    return keyHashThreshold;
  }

  /** @return the per-command timeout in milliseconds */
  public int timeoutMillis() {
    return timeoutMillis;
  }

  /** @return the connect timeout in milliseconds */
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

  /** @return the packages allowed besides the JDK's and the caches' declared types ({@code *}: all) */
  public java.util.List<String> allowedPackages() {
    return allowedPackages;
  }

  /**
   * The part of the settings that decides which Redis connection can be shared between CacheManagers.
   *
   * @return a value usable as a map key
   */
  public Object connectionKey() {
    return java.util.List.of(address, timeoutMillis, connectTimeoutMillis, retryAttempts, poolSize);
  }

  /** Looks a property up in the CacheManager's properties, then the system properties. */
  private static final class Lookup {
    private final Properties properties;
    private final Properties system;
    private final Function<String, String> env;

    Lookup(Properties properties, Properties system, Function<String, String> env) {
      this.properties = Objects.requireNonNull(properties);
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

    String value(String name) {
      String value = properties.getProperty(name);
      if (value == null) {
        value = system.getProperty(name);
      }
      return value == null ? null : value.trim();
    }

    String sourceOf(String name) {
      return properties.getProperty(name) != null ? "CacheManager property " + name : "system property " + name;
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
