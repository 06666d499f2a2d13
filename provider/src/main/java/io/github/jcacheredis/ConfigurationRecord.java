package io.github.jcacheredis;

import io.github.jcacheredis.config.ProviderSettings;
import io.github.jcacheredis.expiry.Ttl;
import io.github.jcacheredis.storage.ClassAllowList;
import io.github.jcacheredis.storage.EntryStore;
import io.github.jcacheredis.storage.KeyCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * What every JVM sharing a cache must agree on, recorded in Redis when the cache is first created: its key and
 * value types and its expiry policy. The record sits at {@code {prefix}:{cache}} (the cache's namespace without
 * the trailing {@code :}, so no entry key and no other cache's key can be it), as readable text:
 * {@code v1|keyType=java.lang.String|valueType=...|expiry=created:600000}.
 *
 * <p>The rule: the first creation wins; a later {@code createCache} with the same shared settings gets the
 * cache, one with different settings fails with a {@link CacheException} saying what differs, and a
 * {@code getCache} in a JVM that never created the cache builds it from the record. Per-JVM settings (loader,
 * writer, listeners, statistics, management) are not recorded. {@code destroyCache} deletes the record.
 */
final class ConfigurationRecord {

  private static final String VERSION = "v1";

  private final Map<String, String> fields;

  private ConfigurationRecord(Map<String, String> fields) {
    this.fields = fields;
  }

  /** The record of a configuration. */
  static ConfigurationRecord of(CompleteConfiguration<?, ?> configuration) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("keyType", configuration.getKeyType().getName());
    fields.put("valueType", configuration.getValueType().getName());
    fields.put("expiry", describe(configuration.getExpiryPolicyFactory()));
    return new ConfigurationRecord(fields);
  }

  /** @return the Redis key of a cache's record */
  static byte[] key(String keyPrefix, String cacheName) {
    byte[] namespace = KeyCodec.namespace(keyPrefix, cacheName);
    return java.util.Arrays.copyOf(namespace, namespace.length - 1);
  }

  /**
   * Records {@code configuration} unless a record exists; then checks it agrees.
   *
   * @throws CacheException naming the differing settings when another JVM created the cache differently
   */
  static void claim(EntryStore store, byte[] key, String cacheName, CompleteConfiguration<?, ?> configuration) {
    ConfigurationRecord wanted = of(configuration);
    byte[] text = wanted.text().getBytes(StandardCharsets.UTF_8);
    if (store.setIfAbsent(key, text, Ttl.ETERNAL)) {
      return;
    }
    byte[] stored = store.get(key);
    if (stored == null) {
      store.setIfAbsent(key, text, Ttl.ETERNAL); // destroyed in between: the record is ours to write
      return;
    }
    ConfigurationRecord existing = parse(new String(stored, StandardCharsets.UTF_8));
    if (existing == null) {
      throw new CacheException("Cache '" + cacheName + "': the configuration record in Redis is unreadable ("
          + new String(stored, StandardCharsets.UTF_8) + "); destroy the cache to replace it");
    }
    StringBuilder differences = new StringBuilder();
    wanted.fields.forEach((name, value) -> {
      if (!value.equals(existing.fields.get(name))) {
        differences.append(differences.length() == 0 ? "" : ", ").append(name).append(' ')
            .append(existing.fields.get(name)).append(" in Redis but ").append(value).append(" here");
      }
    });
    if (differences.length() > 0) {
      throw new CacheException("Cache '" + cacheName + "' already exists in Redis with a different configuration: "
          + differences + ". Use the same configuration in every JVM, or destroyCache it first");
    }
  }

  /**
   * @return the configuration another JVM recorded, or {@code null} when there is none
   * @throws CacheException if the record names a class this JVM cannot load or a custom expiry policy
   */
  static MutableConfiguration<Object, Object> load(EntryStore store, byte[] key, String cacheName,
      ClassLoader classLoader, ClassAllowList allowList) {
    byte[] stored = store.get(key);
    if (stored == null) {
      return null;
    }
    ConfigurationRecord record = parse(new String(stored, StandardCharsets.UTF_8));
    if (record == null) {
      return null;
    }
    MutableConfiguration<Object, Object> configuration = new MutableConfiguration<>();
    configuration.setTypes(type(record.fields.get("keyType"), "keyType", cacheName, classLoader, allowList),
        type(record.fields.get("valueType"), "valueType", cacheName, classLoader, allowList));
    configuration.setExpiryPolicyFactory(expiry(record.fields.get("expiry"), cacheName));
    return configuration;
  }

  private String text() {
    StringBuilder text = new StringBuilder(VERSION);
    fields.forEach((name, value) -> text.append('|').append(name).append('=').append(value));
    return text.toString();
  }

  private static ConfigurationRecord parse(String text) {
    String[] parts = text.split("\\|");
    if (parts.length == 0 || !parts[0].equals(VERSION)) {
      return null;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int equals = parts[i].indexOf('=');
      if (equals > 0) {
        fields.put(parts[i].substring(0, equals), parts[i].substring(equals + 1));
      }
    }
    return new ConfigurationRecord(fields);
  }

  private static String describe(Factory<? extends ExpiryPolicy> factory) {
    ExpiryPolicy policy = factory.create();
    Class<?> type = policy.getClass();
    String kind = type == CreatedExpiryPolicy.class ? "created" : type == AccessedExpiryPolicy.class ? "accessed"
        : type == ModifiedExpiryPolicy.class ? "modified" : type == TouchedExpiryPolicy.class ? "touched"
        : type == EternalExpiryPolicy.class ? "eternal" : null;
    if (kind == null) {
      return "custom:" + type.getName();
    }
    if (kind.equals("eternal")) {
      return kind;
    }
    Duration duration = kind.equals("accessed") ? policy.getExpiryForAccess()
        : kind.equals("modified") || kind.equals("touched") ? policy.getExpiryForUpdate()
        : policy.getExpiryForCreation();
    return kind + ":" + Ttl.of(duration);
  }

  private static Factory<? extends ExpiryPolicy> expiry(String description, String cacheName) {
    if (description == null || description.equals("eternal")) {
      return EternalExpiryPolicy.factoryOf();
    }
    int colon = description.indexOf(':');
    String kind = colon < 0 ? description : description.substring(0, colon);
    if (kind.equals("custom")) {
      throw new CacheException("Cache '" + cacheName + "' was created elsewhere with the custom expiry policy "
          + description.substring(colon + 1) + ", which cannot be rebuilt here: create it with createCache");
    }
    long millis = Long.parseLong(description.substring(colon + 1));
    Duration duration = millis == Ttl.EXPIRE_NOW ? Duration.ZERO : new Duration(TimeUnit.MILLISECONDS, millis);
    switch (kind) {
      case "created":
        return CreatedExpiryPolicy.factoryOf(duration);
      case "accessed":
        return AccessedExpiryPolicy.factoryOf(duration);
      case "modified":
        return ModifiedExpiryPolicy.factoryOf(duration);
      default:
        return TouchedExpiryPolicy.factoryOf(duration);
    }
  }

  @SuppressWarnings("unchecked")
  private static Class<Object> type(String name, String setting, String cacheName, ClassLoader classLoader,
      ClassAllowList allowList) {
    if (name == null) {
      return Object.class;
    }
    // The record is bytes in Redis: a type it names is loaded only if this JVM already trusts it, and adopting
    // the cache never extends that trust (anyone who can write the record could otherwise widen it).
    if (!allowList.allows(name)) {
      throw new CacheException("Cache '" + cacheName + "' was created elsewhere with " + setting + " " + name
          + ", which is not on this JVM's deserialization allow-list (setting " + ProviderSettings.ALLOWED_PACKAGES
          + "); create the cache here with createCache, or allow the class's package");
    }
    try {
      return (Class<Object>) Class.forName(name, false, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new CacheException("Cache '" + cacheName + "' was created elsewhere with type " + name
          + ", which this JVM cannot load", e);
    }
  }
}
