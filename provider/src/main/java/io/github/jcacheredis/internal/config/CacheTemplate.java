package io.github.jcacheredis.internal.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The settings a configuration file gives one cache (or a template, or the defaults for caches created on
 * demand). Each field is {@code null} when the file does not set it, so that applying a template changes only
 * what the file says.
 */
public final class CacheTemplate {

  /** The expiry policies a file can name. */
  public enum ExpiryType {
    /** Entries never expire. */
    ETERNAL,
    /** Entries expire a duration after creation. */
    CREATED,
    /** Entries expire a duration after the last access. */
    ACCESSED,
    /** Entries expire a duration after creation or the last update. */
    MODIFIED,
    /** Entries expire a duration after the last access or update. */
    TOUCHED
  }

  private static final Set<String> KEYS = Set.of("template", "keyType", "valueType", "expiry", "statistics",
      "management", "nearCache", "compressionThreshold", "degradeWhenUnavailable", "singleFlight", "loadLeaseTime",
      "loadWaitTimeout", "refreshAfterWrite");
  private static final Set<String> EXPIRY_KEYS = Set.of("type", "duration");
  private static final Set<String> NEAR_KEYS = Set.of("maximumSize", "timeToLive");

  // Every setting is null while the template leaves it unset (over() then takes it from the base).
  @Nullable String template;
  @Nullable String keyType;
  @Nullable String valueType;
  @Nullable ExpiryType expiryType;
  @Nullable Duration expiryDuration;
  @Nullable Boolean statistics;
  @Nullable Boolean management;
  @Nullable Long nearCacheMaximumSize;
  @Nullable Duration nearCacheTimeToLive;
  @Nullable Integer compressionThreshold;
  @Nullable Boolean degradeWhenUnavailable;
  @Nullable Boolean singleFlight;
  @Nullable Duration loadLeaseTime;
  @Nullable Duration loadWaitTimeout;
  @Nullable Duration refreshAfterWrite;

  /** @return the key type's class name, or {@code null} */
  public @Nullable String keyType() {
    return keyType;
  }

  /** @return the value type's class name, or {@code null} */
  public @Nullable String valueType() {
    return valueType;
  }

  /** @return the expiry type, or {@code null} */
  public @Nullable ExpiryType expiryType() {
    return expiryType;
  }

  /** @return the expiry duration (null for eternal or unset) */
  public @Nullable Duration expiryDuration() {
    return expiryDuration;
  }

  /** @return whether statistics are on, or {@code null} */
  public @Nullable Boolean statistics() {
    return statistics;
  }

  /** @return whether management is on, or {@code null} */
  public @Nullable Boolean management() {
    return management;
  }

  /** @return the near cache's size bound, or {@code null} for no near cache setting */
  public @Nullable Long nearCacheMaximumSize() {
    return nearCacheMaximumSize;
  }

  /** @return the near cache's time to live, or {@code null} */
  public @Nullable Duration nearCacheTimeToLive() {
    return nearCacheTimeToLive;
  }

  /** @return the compression threshold in bytes ({@code Integer.MAX_VALUE}: off), or {@code null} */
  public @Nullable Integer compressionThreshold() {
    return compressionThreshold;
  }

  /** @return whether degraded mode is on, or {@code null} */
  public @Nullable Boolean degradeWhenUnavailable() {
    return degradeWhenUnavailable;
  }

  /** @return whether loads are single-flight, or {@code null} */
  public @Nullable Boolean singleFlight() {
    return singleFlight;
  }

  /** @return the load lease time, or {@code null} */
  public @Nullable Duration loadLeaseTime() {
    return loadLeaseTime;
  }

  /** @return the longest wait for another caller's load, or {@code null} */
  public @Nullable Duration loadWaitTimeout() {
    return loadWaitTimeout;
  }

  /** @return the refresh-ahead age, or {@code null} */
  public @Nullable Duration refreshAfterWrite() {
    return refreshAfterWrite;
  }

  /** @return the settings this template sets, in file order, for log lines */
  public Map<String, Object> describe() {
    Map<String, Object> set = new LinkedHashMap<>();
    put(set, "keyType", keyType);
    put(set, "valueType", valueType);
    put(set, "expiry.type", expiryType);
    put(set, "expiry.duration", expiryDuration);
    put(set, "statistics", statistics);
    put(set, "management", management);
    put(set, "nearCache.maximumSize", nearCacheMaximumSize);
    put(set, "nearCache.timeToLive", nearCacheTimeToLive);
    put(set, "compressionThreshold", compressionThreshold);
    put(set, "degradeWhenUnavailable", degradeWhenUnavailable);
    put(set, "singleFlight", singleFlight);
    put(set, "loadLeaseTime", loadLeaseTime);
    put(set, "loadWaitTimeout", loadWaitTimeout);
    put(set, "refreshAfterWrite", refreshAfterWrite);
    return set;
  }

  private static void put(Map<String, Object> map, String name, @Nullable Object value) {
    if (value != null) {
      map.put(name, value);
    }
  }

  /** @return this template with every unset field taken from {@code base} */
  CacheTemplate over(CacheTemplate base) {
    CacheTemplate merged = new CacheTemplate();
    merged.keyType = keyType != null ? keyType : base.keyType;
    merged.valueType = valueType != null ? valueType : base.valueType;
    merged.expiryType = expiryType != null ? expiryType : base.expiryType;
    merged.expiryDuration = expiryType != null ? expiryDuration : base.expiryDuration;
    merged.statistics = statistics != null ? statistics : base.statistics;
    merged.management = management != null ? management : base.management;
    merged.nearCacheMaximumSize = nearCacheMaximumSize != null ? nearCacheMaximumSize : base.nearCacheMaximumSize;
    merged.nearCacheTimeToLive = nearCacheTimeToLive != null ? nearCacheTimeToLive : base.nearCacheTimeToLive;
    merged.compressionThreshold = compressionThreshold != null ? compressionThreshold : base.compressionThreshold;
    merged.degradeWhenUnavailable = degradeWhenUnavailable != null ? degradeWhenUnavailable
        : base.degradeWhenUnavailable;
    merged.singleFlight = singleFlight != null ? singleFlight : base.singleFlight;
    merged.loadLeaseTime = loadLeaseTime != null ? loadLeaseTime : base.loadLeaseTime;
    merged.loadWaitTimeout = loadWaitTimeout != null ? loadWaitTimeout : base.loadWaitTimeout;
    merged.refreshAfterWrite = refreshAfterWrite != null ? refreshAfterWrite : base.refreshAfterWrite;
    return merged;
  }

  /**
   * Reads a template from the file's tree.
   *
   * @param node  the mapping under {@code defaults}, {@code templates.<name>} or {@code caches.<name>}
   * @param path  where it stands in the file, for error messages
   * @param file  the file's name, for error messages
   * @param named whether {@code template:} may appear (only under {@code caches})
   */
  static CacheTemplate parse(@Nullable Object node, String path, String file, boolean named) {
    CacheTemplate template = new CacheTemplate();
    if (node == null) {
      return template;
    }
    Map<String, Object> map = YamlConfiguration.mapping(node, path, file);
    YamlConfiguration.rejectUnknown(map, named ? KEYS : without(KEYS, "template"), path, file);
    String at = path.isEmpty() ? "" : path + ".";
    template.template = named ? YamlConfiguration.text(map.get("template"), at + "template", file) : null;
    template.keyType = className(map.get("keyType"), at + "keyType", file);
    template.valueType = className(map.get("valueType"), at + "valueType", file);
    if (map.containsKey("expiry")) {
      Map<String, Object> expiry = YamlConfiguration.mapping(map.get("expiry"), at + "expiry", file);
      YamlConfiguration.rejectUnknown(expiry, EXPIRY_KEYS, at + "expiry", file);
      String type = YamlConfiguration.text(expiry.get("type"), at + "expiry.type", file);
      if (type == null) {
        throw YamlConfiguration.invalid(file, at + "expiry.type", "is required; one of eternal, created, accessed,"
            + " modified, touched");
      }
      try {
        template.expiryType = ExpiryType.valueOf(type.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw YamlConfiguration.invalid(file, at + "expiry.type", "'" + type + "' is not one of eternal, created,"
            + " accessed, modified, touched");
      }
      String duration = YamlConfiguration.text(expiry.get("duration"), at + "expiry.duration", file);
      if (template.expiryType != ExpiryType.ETERNAL) {
        if (duration == null) {
          throw YamlConfiguration.invalid(file, at + "expiry.duration", "is required for expiry type " + type);
        }
        template.expiryDuration = YamlConfiguration.duration(duration, at + "expiry.duration", file);
      } else if (duration != null) {
        throw YamlConfiguration.invalid(file, at + "expiry.duration", "makes no sense with expiry type eternal");
      }
    }
    template.statistics = YamlConfiguration.bool(map.get("statistics"), at + "statistics", file);
    template.management = YamlConfiguration.bool(map.get("management"), at + "management", file);
    template.degradeWhenUnavailable = YamlConfiguration.bool(map.get("degradeWhenUnavailable"),
        at + "degradeWhenUnavailable", file);
    template.singleFlight = YamlConfiguration.bool(map.get("singleFlight"), at + "singleFlight", file);
    template.loadLeaseTime = atLeast(map.get("loadLeaseTime"), at + "loadLeaseTime", file, 100);
    template.loadWaitTimeout = atLeast(map.get("loadWaitTimeout"), at + "loadWaitTimeout", file, 1);
    template.refreshAfterWrite = atLeast(map.get("refreshAfterWrite"), at + "refreshAfterWrite", file, 1);
    if (map.containsKey("nearCache")) {
      Map<String, Object> near = YamlConfiguration.mapping(map.get("nearCache"), at + "nearCache", file);
      YamlConfiguration.rejectUnknown(near, NEAR_KEYS, at + "nearCache", file);
      String size = YamlConfiguration.text(near.get("maximumSize"), at + "nearCache.maximumSize", file);
      if (size == null) {
        throw YamlConfiguration.invalid(file, at + "nearCache.maximumSize", "is required (the most entries kept)");
      }
      template.nearCacheMaximumSize = YamlConfiguration.positiveLong(size, at + "nearCache.maximumSize", file);
      String ttl = YamlConfiguration.text(near.get("timeToLive"), at + "nearCache.timeToLive", file);
      template.nearCacheTimeToLive = ttl == null ? null
          : YamlConfiguration.duration(ttl, at + "nearCache.timeToLive", file);
    }
    String threshold = YamlConfiguration.text(map.get("compressionThreshold"), at + "compressionThreshold", file);
    if (threshold != null) {
      if (threshold.trim().equalsIgnoreCase("off")) {
        template.compressionThreshold = Integer.MAX_VALUE;
      } else {
        long bytes = YamlConfiguration.size(threshold, at + "compressionThreshold", file);
        if (bytes < 64 || bytes > Integer.MAX_VALUE) {
          throw YamlConfiguration.invalid(file, at + "compressionThreshold", "must be from 64 bytes to 2GB, or off");
        }
        template.compressionThreshold = (int) bytes;
      }
    }
    return template;
  }

  private static @Nullable Duration atLeast(@Nullable Object value, String path, String file, long minimumMillis) {
    String text = YamlConfiguration.text(value, path, file);
    if (text == null) {
      return null;
    }
    Duration duration = YamlConfiguration.duration(text, path, file);
    if (duration.toMillis() < minimumMillis) {
      throw YamlConfiguration.invalid(file, path, "must be at least " + minimumMillis + " ms, was " + text);
    }
    return duration;
  }

  private static @Nullable String className(@Nullable Object value, String path, String file) {
    String name = YamlConfiguration.text(value, path, file);
    if (name != null && !name.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
      throw YamlConfiguration.invalid(file, path, "'" + name + "' is not a class name such as java.lang.String");
    }
    return name;
  }

  private static Set<String> without(Set<String> keys, String key) {
    java.util.Set<String> copy = new java.util.HashSet<>(keys);
    copy.remove(key);
    return copy;
  }

  static List<String> names() {
    return List.copyOf(KEYS);
  }
}
