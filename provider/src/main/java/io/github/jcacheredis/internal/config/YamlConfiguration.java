package io.github.jcacheredis.internal.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * A CacheManager's configuration file: the Redis connection, the key prefix, and cache settings (defaults for
 * caches created on demand, named templates, and named caches created with the manager).
 *
 * <p>It is found through the CacheManager URI ({@code classpath:path/file.yaml}, {@code file:/path/file.yaml}, or
 * {@code jar:...!/path/file.yaml} for a file inside a jar), or as {@value #DEFAULT_RESOURCE} on the classpath when
 * the default URI is used. Every value may use
 * {@code ${ENV_VAR}} or {@code ${ENV_VAR:default}}. Anything wrong (an unknown key, a malformed duration, a URL
 * or an unset variable) fails CacheManager creation with an error naming the file, the setting and what is
 * allowed. The connection settings become {@code jcacheredis.*} properties, validated by {@link ProviderSettings}.
 */
public final class YamlConfiguration {

  /** The file looked for on the classpath when the CacheManager has the provider's default URI. */
  public static final String DEFAULT_RESOURCE = "jcache-redis.yaml";

  private static final Set<String> TOP = Set.of("redis", "keyPrefix", "keyHashThreshold", "allowedPackages",
      "signingKeys", "defaults", "templates", "caches");
  private static final Map<String, String> REDIS = Map.ofEntries(
      Map.entry("url", ProviderSettings.URL),
      Map.entry("clusterNodes", ProviderSettings.CLUSTER_NODES),
      Map.entry("sentinelNodes", ProviderSettings.SENTINEL_NODES),
      Map.entry("sentinelMaster", ProviderSettings.SENTINEL_MASTER),
      Map.entry("topologyRefresh", ProviderSettings.TOPOLOGY_REFRESH_MILLIS),
      Map.entry("timeout", ProviderSettings.TIMEOUT_MILLIS),
      Map.entry("connectTimeout", ProviderSettings.CONNECT_TIMEOUT_MILLIS),
      Map.entry("retryAttempts", ProviderSettings.RETRY_ATTEMPTS),
      Map.entry("poolSize", ProviderSettings.POOL_SIZE),
      Map.entry("tlsTruststore", ProviderSettings.TLS_TRUSTSTORE),
      Map.entry("tlsTruststorePassword", ProviderSettings.TLS_TRUSTSTORE_PASSWORD),
      Map.entry("tlsVerifyHostname", ProviderSettings.TLS_VERIFY_HOSTNAME));
  private static final Set<String> DURATIONS = Set.of("topologyRefresh", "timeout", "connectTimeout");
  private static final Set<String> LISTS = Set.of("clusterNodes", "sentinelNodes");

  private final String file;
  private final Properties managerProperties = new Properties();
  private final Map<String, String> origins = new LinkedHashMap<>();
  private final CacheTemplate defaults;
  private final Map<String, CacheTemplate> caches = new LinkedHashMap<>();

  private YamlConfiguration(String file, Map<String, Object> root, EnvironmentSubstitution environment) {
    this.file = file;
    Map<String, Object> tree = substitute(root, "", environment);
    rejectUnknown(tree, TOP, "", file);
    if (tree.containsKey("redis")) {
      Map<String, Object> redis = mapping(tree.get("redis"), "redis", file);
      rejectUnknown(redis, REDIS.keySet(), "redis", file);
      for (Map.Entry<String, Object> setting : redis.entrySet()) {
        String path = "redis." + setting.getKey();
        @Nullable String value;
        if (LISTS.contains(setting.getKey())) {
          value = list(setting.getValue(), path, file);
        } else if (DURATIONS.contains(setting.getKey())) {
          // An empty duration is unset, as every other empty setting is (it used to fail with an NPE).
          String text = text(setting.getValue(), path, file);
          value = text == null ? null : Long.toString(duration(text, path, file).toMillis());
        } else {
          value = text(setting.getValue(), path, file);
        }
        // rejectUnknown has refused every key REDIS does not map
        put(Objects.requireNonNull(REDIS.get(setting.getKey()), path), value, path);
      }
    }
    put(ProviderSettings.KEY_PREFIX, text(tree.get("keyPrefix"), "keyPrefix", file), "keyPrefix");
    String threshold = text(tree.get("keyHashThreshold"), "keyHashThreshold", file);
    if (threshold != null) {
      put(ProviderSettings.KEY_HASH_THRESHOLD, Long.toString(size(threshold, "keyHashThreshold", file)),
          "keyHashThreshold");
    }
    if (tree.containsKey("allowedPackages")) {
      put(ProviderSettings.ALLOWED_PACKAGES, list(tree.get("allowedPackages"), "allowedPackages", file),
          "allowedPackages");
    }
    if (tree.containsKey("signingKeys")) {
      put(ProviderSettings.SIGNING_KEYS, list(tree.get("signingKeys"), "signingKeys", file), "signingKeys");
    }
    defaults = CacheTemplate.parse(tree.get("defaults"), "defaults", file, false);
    Map<String, CacheTemplate> templates = new LinkedHashMap<>();
    if (tree.get("templates") != null) {
      for (Map.Entry<String, Object> entry : mapping(tree.get("templates"), "templates", file).entrySet()) {
        templates.put(entry.getKey(),
            CacheTemplate.parse(entry.getValue(), "templates." + entry.getKey(), file, false));
      }
    }
    if (tree.get("caches") != null) {
      for (Map.Entry<String, Object> entry : mapping(tree.get("caches"), "caches", file).entrySet()) {
        String path = "caches." + entry.getKey();
        CacheTemplate cache = CacheTemplate.parse(entry.getValue(), path, file, true);
        CacheTemplate base = defaults;
        if (cache.template != null) {
          CacheTemplate named = templates.get(cache.template);
          if (named == null) {
            throw invalid(file, path + ".template", "'" + cache.template + "' is not one of the templates "
                + new TreeSet<>(templates.keySet()));
          }
          base = named.over(defaults);
        }
        caches.put(entry.getKey(), cache.over(base));
      }
    }
  }

  /**
   * Finds and reads the configuration file a CacheManager URI names.
   *
   * @param uri         the CacheManager's URI
   * @param isDefault   whether it is the provider's default URI (then {@value #DEFAULT_RESOURCE} is optional)
   * @param classLoader where {@code classpath:} files are looked up
   * @param environment the environment variables
   * @return the configuration, or {@code null} when the URI names no file (nor, for the default URI, is there a
   *     {@value #DEFAULT_RESOURCE})
   * @throws IllegalArgumentException naming the file and the setting when the file is missing or invalid
   */
  public static @Nullable YamlConfiguration load(URI uri, boolean isDefault, ClassLoader classLoader,
      Function<String, String> environment) {
    String scheme = uri.getScheme();
    if ("classpath".equals(scheme)) {
      String path = uri.getSchemeSpecificPart();
      while (path.startsWith("/")) {
        path = path.substring(1);
      }
      URL resource = classLoader.getResource(path);
      if (resource == null) {
        throw new IllegalArgumentException("Configuration file " + uri + " not found on the classpath");
      }
      return read(uri.toString(), resource, environment);
    }
    if ("file".equals(scheme)) {
      Path path = Path.of(uri);
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException("Configuration file " + uri + " does not exist");
      }
      try {
        return read(uri.toString(), path.toUri().toURL(), environment);
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read configuration file " + uri + ": " + e.getMessage(), e);
      }
    }
    if ("jar".equals(scheme)) {
      // Frameworks hand the provider a classpath location as its real URL: Spring Boot inside an executable
      // jar (jar:nested:/app.jar/!BOOT-INF/classes/!/file.yaml), Hibernate with hibernate.javax.cache.uri
      // (jar:file:/app.jar!/file.yaml).
      URL resource;
      try {
        resource = uri.toURL();
      } catch (MalformedURLException | IllegalArgumentException e) {
        throw new IllegalArgumentException("Configuration file " + uri + " cannot be opened: " + e.getMessage(), e);
      }
      return read(uri.toString(), resource, environment);
    }
    if (isDefault) {
      URL resource = classLoader.getResource(DEFAULT_RESOURCE);
      return resource == null ? null : read("classpath:" + DEFAULT_RESOURCE, resource, environment);
    }
    return null;
  }

  private static YamlConfiguration read(String file, URL resource, Function<String, String> environment) {
    String document;
    // Decoded as SnakeYAML decodes a stream (UTF-8, or UTF-16 by its BOM), so error lines match the text.
    try (Reader in = new UnicodeReader(resource.openStream())) {
      StringWriter text = new StringWriter();
      in.transferTo(text);
      document = text.toString();
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(document);
    } catch (YAMLException e) {
      // Not chained: SnakeYAML's message quotes the offending line, which may hold a literal password.
      throw new IllegalArgumentException("Configuration file " + file + " is not valid YAML: "
          + YamlSyntaxError.describe(e, document));
    }
    Map<String, Object> tree = root == null ? Map.of() : mapping(root, "", file);
    return new YamlConfiguration(file, tree, new EnvironmentSubstitution(environment));
  }

  /** @return the file's name as the URI gave it */
  public String file() {
    return file;
  }

  /** @return the connection settings as {@code jcacheredis.*} properties */
  public Properties managerProperties() {
    return managerProperties;
  }

  /**
   * @param property a {@code jcacheredis.*} property this file set
   * @return "setting redis.timeout in file classpath:..." for error messages
   */
  public String originOf(String property) {
    return "setting " + origins.get(property) + " in file " + file;
  }

  /** @return the settings for caches the file does not name */
  public CacheTemplate defaults() {
    return defaults;
  }

  /** @return the caches the file names, with their templates and the defaults applied, in file order */
  public Map<String, CacheTemplate> caches() {
    return Collections.unmodifiableMap(caches);
  }

  /** @return the settings for a cache: its own entry if the file names it, else the defaults */
  public CacheTemplate templateFor(String cacheName) {
    CacheTemplate named = caches.get(cacheName);
    return named != null ? named : defaults;
  }

  private void put(String property, @Nullable String value, String path) {
    if (value != null) {
      managerProperties.setProperty(property, value);
      origins.put(property, path);
    }
  }

  // ------------------------------------------------------------------------- helpers shared with CacheTemplate

  @SuppressWarnings("unchecked")
  private static Map<String, Object> substitute(Map<String, Object> node, String path,
      EnvironmentSubstitution environment) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : node.entrySet()) {
      String at = path.isEmpty() ? String.valueOf(entry.getKey()) : path + "." + entry.getKey();
      result.put(String.valueOf(entry.getKey()), substituteValue(entry.getValue(), at, environment));
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object substituteValue(@Nullable Object value, String path,
      EnvironmentSubstitution environment) {
    if (value instanceof Map) {
      return substitute((Map<String, Object>) value, path, environment);
    }
    if (value instanceof List) {
      List<Object> items = new java.util.ArrayList<>();
      for (Object item : (List<Object>) value) {
        items.add(substituteValue(item, path, environment));
      }
      return items;
    }
    if (value instanceof String) {
      return environment.substitute((String) value, "setting " + path);
    }
    return value;
  }

  static IllegalArgumentException invalid(String file, String path, String why) {
    return new IllegalArgumentException("Invalid setting " + path + " in " + file + ": " + why);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> mapping(@Nullable Object node, String path, String file) {
    if (!(node instanceof Map)) {
      throw invalid(file, path.isEmpty() ? "(the top level)" : path, "expected a mapping of settings");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    ((Map<Object, Object>) node).forEach((key, value) -> map.put(String.valueOf(key), value));
    return map;
  }

  static void rejectUnknown(Map<String, Object> map, Set<String> known, String path, String file) {
    for (String key : map.keySet()) {
      if (!known.contains(key)) {
        String at = path.isEmpty() ? key : path + "." + key;
        throw invalid(file, at, "unknown setting; allowed here: " + new TreeSet<>(known));
      }
    }
  }

  static @Nullable String text(@Nullable Object value, String path, String file) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map || value instanceof List) {
      throw invalid(file, path, "expected a single value");
    }
    return String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  static @Nullable String list(@Nullable Object value, String path, String file) {
    if (value instanceof List) {
      StringBuilder joined = new StringBuilder();
      for (Object item : (List<Object>) value) {
        joined.append(joined.length() == 0 ? "" : ",").append(text(item, path, file));
      }
      return joined.toString();
    }
    return text(value, path, file);
  }

  static @Nullable Boolean bool(@Nullable Object value, String path, String file) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    String text = String.valueOf(value).trim();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.valueOf(text);
    }
    throw invalid(file, path, "'" + value + "' is not true or false");
  }

  static Duration duration(String text, String path, String file) {
    try {
      return SettingValues.duration(text, "setting " + path);
    } catch (IllegalArgumentException e) {
      throw invalid(file, path, "'" + text + "' is not a duration (write e.g. 500ms, 30s, 10m, 2h, 1d or PT10M)");
    }
  }

  static long size(String text, String path, String file) {
    try {
      return SettingValues.bytes(text, "setting " + path);
    } catch (IllegalArgumentException e) {
      throw invalid(file, path, "'" + text + "' is not a size (write e.g. 4096, 4KB or 1MB)");
    }
  }

  static long positiveLong(String text, String path, String file) {
    try {
      long value = Long.parseLong(text.trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(file, path, "'" + text + "' is not a positive whole number");
  }
}
