package io.github.jcacheredis.internal.config;

import io.github.jcacheredis.internal.expiry.Ttl;
import io.github.jcacheredis.internal.storage.CasAction;
import io.github.jcacheredis.internal.storage.ClassAllowList;
import io.github.jcacheredis.internal.storage.EntryStore;
import io.github.jcacheredis.internal.storage.KeyCodec;
import io.github.jcacheredis.internal.storage.Signatures;
import io.github.jcacheredis.internal.storage.Signatures.Purpose;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.jspecify.annotations.Nullable;

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
 *
 * <p>With signing keys ({@link Signatures}), the record ends with {@code |sig=<base64 HMAC-SHA256>} over the
 * bytes before it and the record's key, and a record without a tag that one of the keys verifies is neither
 * adopted nor compared with: {@code getCache} and {@code createCache} fail naming the cache. A record signed with
 * a key other than the first (during a rotation) is signed again with the first when a CacheManager reads it, so
 * that the old key can be dropped once every cache has been opened with the new one. Without keys the tag is an
 * unknown setting, ignored.
 */
public final class ConfigurationRecord {

  private static final String VERSION = "v1";
  private static final String KEY_TYPE = "keyType";
  private static final String VALUE_TYPE = "valueType";
  private static final String EXPIRY = "expiry";
  private static final String ETERNAL = "eternal";
  private static final String CUSTOM = "custom:";
  private static final List<String> TIMED_KINDS = List.of("created", "accessed", "modified", "touched");
  private static final int SHOWN_LENGTH = 120;
  private static final byte[] SIGNATURE = "|sig=".getBytes(StandardCharsets.US_ASCII);

  private final Map<String, String> fields;

  private ConfigurationRecord(Map<String, String> fields) {
    this.fields = fields;
  }

  /** The record of a configuration. */
  public static ConfigurationRecord of(CompleteConfiguration<?, ?> configuration) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(KEY_TYPE, configuration.getKeyType().getName());
    fields.put(VALUE_TYPE, configuration.getValueType().getName());
    fields.put(EXPIRY, describe(configuration.getExpiryPolicyFactory()));
    return new ConfigurationRecord(fields);
  }

  /** @return the Redis key of a cache's record */
  public static byte[] key(String keyPrefix, String cacheName) {
    byte[] namespace = KeyCodec.namespace(keyPrefix, cacheName);
    return java.util.Arrays.copyOf(namespace, namespace.length - 1);
  }

  /**
   * Records {@code configuration} unless a record exists; then checks it agrees.
   *
   * @return whether this call wrote the record (so that a creation failing later can take it back)
   * @throws CacheException naming the differing settings when another JVM created the cache differently, or
   *     naming the record when what Redis holds there is not a record
   */
  public static boolean claim(EntryStore store, byte[] key, String cacheName, CompleteConfiguration<?, ?> configuration,
      Signatures signatures) {
    ConfigurationRecord wanted = of(configuration);
    byte[] text = signed(wanted.text().getBytes(StandardCharsets.UTF_8), key, signatures);
    if (store.setIfAbsent(key, text, Ttl.ETERNAL)) {
      return true;
    }
    byte[] stored = store.get(key);
    if (stored == null) {
      // destroyed in between: the record is ours to write
      return store.setIfAbsent(key, text, Ttl.ETERNAL);
    }
    ConfigurationRecord existing = parse(store, stored, key, cacheName, signatures);
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
    return false;
  }

  /**
   * Takes back a record {@link #claim} wrote, for a creation that failed after claiming. (Another JVM that
   * claimed the same configuration meanwhile loses the record too; its caches keep working, and the next
   * creation anywhere records the configuration again.)
   */
  public static void release(EntryStore store, byte[] key) {
    store.delete(key);
  }

  /**
   * @return the configuration another JVM recorded, or {@code null} when there is none
   * @throws CacheException if the record is unreadable or (with signing keys) not verified, names a class this
   *     JVM cannot load or a custom expiry policy
   */
  public static @Nullable MutableConfiguration<Object, Object> load(EntryStore store, byte[] key, String cacheName,
      ClassLoader classLoader, ClassAllowList allowList, Signatures signatures) {
    byte[] stored = store.get(key);
    if (stored == null) {
      return null;
    }
    ConfigurationRecord record = parse(store, stored, key, cacheName, signatures);
    MutableConfiguration<Object, Object> configuration = new MutableConfiguration<>();
    configuration.setTypes(type(record.field(KEY_TYPE), KEY_TYPE, cacheName, classLoader, allowList),
        type(record.field(VALUE_TYPE), VALUE_TYPE, cacheName, classLoader, allowList));
    configuration.setExpiryPolicyFactory(expiry(record.field(EXPIRY), key, cacheName));
    return configuration;
  }

  private String text() {
    StringBuilder text = new StringBuilder(VERSION);
    fields.forEach((name, value) -> text.append('|').append(name).append('=').append(value));
    return text.toString();
  }

  /** @return the record's text, followed by its tag when there are signing keys */
  private static byte[] signed(byte[] text, byte[] key, Signatures signatures) {
    if (!signatures.isEnabled()) {
      return text;
    }
    byte[] tag = Base64.getEncoder().encode(signatures.sign(Purpose.RECORD, key, text, text.length, 0));
    byte[] signed = Arrays.copyOf(text, text.length + SIGNATURE.length + tag.length);
    System.arraycopy(SIGNATURE, 0, signed, text.length, SIGNATURE.length);
    System.arraycopy(tag, 0, signed, text.length + SIGNATURE.length, tag.length);
    return signed;
  }

  /**
   * With signing keys: the bytes before the tag, once a key verifies it; checked on the bytes as stored, before
   * anything is read from them. A record an older key signed is signed again with the first key, unless it has
   * changed meanwhile (compare-and-set: a destroyed record is not brought back).
   *
   * @throws CacheException naming the cache when there is no tag or no key verifies it
   */
  private static byte[] verified(EntryStore store, byte[] stored, byte[] key, String cacheName,
      Signatures signatures) {
    int at = lastIndexOf(stored, SIGNATURE);
    if (at < 0) {
      throw unverified(key, cacheName, "it is not signed");
    }
    byte[] text = Arrays.copyOf(stored, at);
    byte[] tag;
    try {
      tag = Base64.getDecoder().decode(Arrays.copyOfRange(stored, at + SIGNATURE.length, stored.length));
    } catch (IllegalArgumentException e) {
      throw unverified(key, cacheName, "its signature is not base64");
    }
    int signer = signatures.signer(Purpose.RECORD, key, text, text.length, 0, tag, 0);
    if (signer < 0) {
      throw unverified(key, cacheName, "its signature does not verify with any signing key");
    }
    if (signer > 0) {
      store.compareAndSet(key, stored, CasAction.SET, signed(text, key, signatures), Ttl.ETERNAL, Ttl.KEEP);
    }
    return text;
  }

  private static int lastIndexOf(byte[] bytes, byte[] part) {
    outer:
    for (int i = bytes.length - part.length; i >= 0; i--) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static CacheException unverified(byte[] key, String cacheName, String why) {
    return new CacheException("Cache '" + cacheName + "': the configuration record at "
        + new String(key, StandardCharsets.UTF_8) + " in Redis is not trusted: " + why + " (setting "
        + ProviderSettings.SIGNING_KEYS + "). It was not used; if it was written by a CacheManager without these"
        + " keys, destroy the cache to replace it");
  }

  /**
   * Reads a record, checking everything a JVM will build from it, so that bytes someone else wrote there
   * surface as one {@link CacheException} naming the cache and the key, never as a parsing exception.
   */
  private static ConfigurationRecord parse(EntryStore store, byte[] stored, byte[] key, String cacheName,
      Signatures signatures) {
    if (stored.length > MAX_RECORD_BYTES) {
      // A real record is a few hundred bytes; parsing a planted giant would only cost memory.
      throw unreadable(key, cacheName, new String(stored, 0, SHOWN_LENGTH, StandardCharsets.UTF_8),
          "it is " + stored.length + " bytes long, more than the " + MAX_RECORD_BYTES + " a record can take");
    }
    byte[] trusted = signatures.isEnabled() ? verified(store, stored, key, cacheName, signatures) : stored;
    String text = new String(trusted, StandardCharsets.UTF_8);
    String[] parts = text.split("\\|", -1);
    if (!parts[0].equals(VERSION)) {
      throw unreadable(key, cacheName, text, "it does not start with " + VERSION + "|");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int equals = parts[i].indexOf('=');
      if (equals <= 0) {
        throw unreadable(key, cacheName, text, "'" + shown(parts[i]) + "' is not a setting=value pair");
      }
      fields.put(parts[i].substring(0, equals), parts[i].substring(equals + 1));
    }
    // Settings a later version may add are ignored; the ones this version builds caches from must be there.
    for (String required : List.of(KEY_TYPE, VALUE_TYPE, EXPIRY)) {
      String value = fields.get(required);
      if (value == null || value.isBlank()) {
        throw unreadable(key, cacheName, text, "the setting " + required + " is missing");
      }
    }
    String expiry = fields.getOrDefault(EXPIRY, ""); // present: checked just above
    if (!expiry.startsWith(CUSTOM)) {
      expiry(expiry, key, cacheName); // custom policies can be agreed on, only not rebuilt
    }
    return new ConfigurationRecord(fields);
  }

  /** Far more than any record this provider writes (type names, an expiry, a signature). */
  static final int MAX_RECORD_BYTES = 16 * 1024;

  /** A setting {@link #parse} has required, so present in every record it returns. */
  private String field(String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new IllegalStateException("the configuration record has no " + name);
    }
    return value;
  }

  private static CacheException unreadable(byte[] key, String cacheName, String text, String why) {
    return new CacheException("Cache '" + cacheName + "': the configuration record at "
        + new String(key, StandardCharsets.UTF_8) + " in Redis is unreadable (" + shown(text) + "): " + why
        + "; destroy the cache to replace it");
  }

  /** Someone else's bytes, made fit for a message: control characters escaped, long texts cut. */
  private static String shown(String text) {
    StringBuilder shown = new StringBuilder();
    text.codePoints().limit(SHOWN_LENGTH).forEach(c -> {
      if (Character.isISOControl(c) || c == 0xFFFD) {
        shown.append(String.format("\\u%04x", c));
      } else {
        shown.appendCodePoint(c);
      }
    });
    return text.codePointCount(0, text.length()) > SHOWN_LENGTH ? shown + "..." : shown.toString();
  }

  private static String describe(Factory<? extends ExpiryPolicy> factory) {
    ExpiryPolicy policy = factory.create();
    Class<?> type = policy.getClass();
    String kind = type == CreatedExpiryPolicy.class ? "created" : type == AccessedExpiryPolicy.class ? "accessed"
        : type == ModifiedExpiryPolicy.class ? "modified" : type == TouchedExpiryPolicy.class ? "touched"
        : type == EternalExpiryPolicy.class ? ETERNAL : null;
    if (kind == null) {
      return CUSTOM + type.getName();
    }
    if (kind.equals(ETERNAL)) {
      return kind;
    }
    Duration duration = kind.equals("accessed") ? policy.getExpiryForAccess()
        : kind.equals("modified") || kind.equals("touched") ? policy.getExpiryForUpdate()
        : policy.getExpiryForCreation();
    return kind + ":" + Ttl.of(duration);
  }

  /** Rebuilds a recorded expiry policy (see {@link #describe}). */
  private static Factory<? extends ExpiryPolicy> expiry(String description, byte[] key, String cacheName) {
    if (description.equals(ETERNAL)) {
      return EternalExpiryPolicy.factoryOf();
    }
    if (description.startsWith(CUSTOM)) {
      throw new CacheException("Cache '" + cacheName + "' was created elsewhere with the custom expiry policy "
          + description.substring(CUSTOM.length()) + ", which cannot be rebuilt here: create it with createCache");
    }
    int colon = description.indexOf(':');
    String kind = colon < 0 ? description : description.substring(0, colon);
    if (!TIMED_KINDS.contains(kind) || colon < 0) {
      throw unreadable(key, cacheName, description, "the setting " + EXPIRY + " is not eternal, custom:<class>"
          + " or one of " + TIMED_KINDS + " with :<milliseconds>");
    }
    Duration duration;
    try {
      duration = duration(Long.parseLong(description.substring(colon + 1)));
    } catch (IllegalArgumentException e) { // NumberFormatException included
      throw unreadable(key, cacheName, description, "the setting " + EXPIRY + " has no valid duration: "
          + "milliseconds above 0, 0 (expire at once) or " + Ttl.ETERNAL + " (never)");
    }
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

  /** The inverse of {@link Ttl#of} for the durations a policy is built with. */
  private static Duration duration(long millis) {
    if (millis == Ttl.EXPIRE_NOW) {
      return Duration.ZERO;
    }
    if (millis == Ttl.ETERNAL) {
      return Duration.ETERNAL;
    }
    if (millis < 0) {
      throw new IllegalArgumentException("negative duration " + millis);
    }
    return new Duration(TimeUnit.MILLISECONDS, millis);
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
