package io.github.jcacheredis.internal.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a cache key becomes a Redis key: {@code {prefix}:{cache}:{body}}.
 *
 * <p>The body keeps strings and numbers readable in {@code redis-cli} while staying unambiguous when one cache
 * holds keys of several types:
 * <ul>
 *   <li>a {@code String} is its UTF-8 bytes, unless it starts with {@code ~}: then {@code ~s} precedes it;</li>
 *   <li>a {@code Long} is {@code ~l} and its decimal digits, an {@code Integer} {@code ~i} and its digits;</li>
 *   <li>any other key is {@code ~k} and its Kryo bytes;</li>
 *   <li>a body longer than the hash threshold is replaced by {@code ~#} and the hex SHA-256 of the body; the
 *       original key is then stored inside the value (see {@link ValueCodec}).</li>
 * </ul>
 * The cache name has {@code %} and {@code :} percent-encoded so that no cache's key space contains another's.
 */
public final class KeyCodec {

  private static final byte TAG = '~';
  private static final byte STRING = 's';
  private static final byte LONG = 'l';
  private static final byte INTEGER = 'i';
  private static final byte KRYO = 'k';
  private static final byte HASH = '#';

  private final byte[] namespace;
  private final int hashThreshold;
  private final KryoSerializer serializer;

  /**
   * @param keyPrefix     the first segment of every key
   * @param cacheName     the cache's name
   * @param hashThreshold the longest body stored as is
   * @param serializer    serializer for keys of other types
   */
  public KeyCodec(String keyPrefix, String cacheName, int hashThreshold, KryoSerializer serializer) {
    this.namespace = namespace(keyPrefix, cacheName);
    this.hashThreshold = hashThreshold;
    this.serializer = Objects.requireNonNull(serializer, "serializer");
  }

  /**
   * @param keyPrefix the first segment of every key
   * @param cacheName the cache's name
   * @return {@code prefix:escapedCacheName:}, the bytes every key of the cache starts with
   */
  public static byte[] namespace(String keyPrefix, String cacheName) {
    return (keyPrefix + ":" + escape(cacheName) + ":").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @param cacheName a cache's name
   * @return the name as it appears in keys: {@code %} and {@code :} percent-encoded
   */
  public static String escape(String cacheName) {
    return cacheName.replace("%", "%25").replace(":", "%3A");
  }

  /**
   * @param key a cache key, not null
   * @return its Redis key
   */
  public EncodedKey encode(Object key) {
    if (key instanceof String) {
      byte[] ascii = asciiKey((String) key);
      if (ascii != null) {
        return new EncodedKey(ascii, false);
      }
    }
    byte[] body = body(key);
    if (body.length > hashThreshold) {
      byte[] digest = HexFormat.of().formatHex(sha256(body)).getBytes(StandardCharsets.US_ASCII);
      return new EncodedKey(concat(namespace, new byte[] {TAG, HASH}, digest), true);
    }
    return new EncodedKey(concat(namespace, body), false);
  }

  /**
   * The Redis key of a short ASCII string key not starting with the tag, written in one array (the common case,
   * and the same bytes {@link #body} and {@code concat} give); {@code null} for any other string.
   */
  private byte @Nullable [] asciiKey(String text) {
    int length = text.length();
    if (length > hashThreshold || (length > 0 && text.charAt(0) == TAG)) {
      return null;
    }
    byte[] redisKey = new byte[namespace.length + length];
    System.arraycopy(namespace, 0, redisKey, 0, namespace.length);
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return null;
      }
      redisKey[namespace.length + i] = (byte) c;
    }
    return redisKey;
  }

  private byte[] body(Object key) {
    if (key instanceof String) {
      String text = (String) key;
      if (!wellFormed(text)) {
        // UTF-8 would turn a lone surrogate into '?', sharing the Redis key of another string.
        return concat(new byte[] {TAG, KRYO}, serializer.serialize(text));
      }
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      return utf8.length > 0 && utf8[0] == TAG ? concat(new byte[] {TAG, STRING}, utf8) : utf8;
    }
    if (key instanceof Long) {
      return concat(new byte[] {TAG, LONG}, key.toString().getBytes(StandardCharsets.US_ASCII));
    }
    if (key instanceof Integer) {
      return concat(new byte[] {TAG, INTEGER}, key.toString().getBytes(StandardCharsets.US_ASCII));
    }
    return concat(new byte[] {TAG, KRYO}, serializer.serialize(key));
  }

  /**
   * Turns a Redis key found by SCAN back into the cache key.
   *
   * @param redisKey a key under this cache's namespace
   * @return the cache key, or {@link #HASHED} when the key must be read from the value
   * @throws CorruptValueException if the name is not one this codec produces
   */
  public Object decode(byte[] redisKey) throws CorruptValueException {
    if (!startsWith(redisKey, namespace)) {
      throw new CorruptValueException("key outside the cache's namespace", null);
    }
    int start = namespace.length;
    int length = redisKey.length - start;
    if (length < 2 || redisKey[start] != TAG) {
      return new String(redisKey, start, length, StandardCharsets.UTF_8);
    }
    byte type = redisKey[start + 1];
    int offset = start + 2;
    int rest = length - 2;
    try {
      switch (type) {
        case STRING:
          return new String(redisKey, offset, rest, StandardCharsets.UTF_8);
        case LONG:
          return Long.parseLong(new String(redisKey, offset, rest, StandardCharsets.US_ASCII));
        case INTEGER:
          return Integer.parseInt(new String(redisKey, offset, rest, StandardCharsets.US_ASCII));
        case KRYO:
          return serializer.deserialize(redisKey, offset, rest);
        case HASH:
          return HASHED;
        default:
          throw new CorruptValueException("unknown key tag " + (char) type, null);
      }
    } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
      // Garbage under our prefix can declare absurd sizes or nest deeply; none of it may escape as an Error.
      throw new CorruptValueException("undecodable key: " + e, e);
    }
  }

  /** @return {@code prefix:cache:}, the bytes every key of this cache starts with */
  public byte[] namespace() {
    return namespace.clone();
  }

  /** @return the glob pattern matching every key of this cache, for SCAN MATCH */
  public byte[] scanPattern() {
    return scanPattern(namespace);
  }

  /**
   * @param namespace a cache's {@link #namespace}
   * @return the glob pattern matching every key under it, glob characters in the name escaped
   */
  public static byte[] scanPattern(byte[] namespace) {
    byte[] escaped = new byte[namespace.length * 2 + 1];
    int n = 0;
    for (byte b : namespace) {
      if (b == '*' || b == '?' || b == '[' || b == ']' || b == '\\') {
        escaped[n++] = '\\';
      }
      escaped[n++] = b;
    }
    escaped[n++] = '*';
    return Arrays.copyOf(escaped, n);
  }

  /**
   * The SCAN MATCH patterns that find the {@code String} keys of this cache matching {@code glob}, matched against
   * the key as the application wrote it (its UTF-8 bytes; Redis globs match bytes, so {@code ?} is one byte). The
   * namespace's glob characters are escaped; the glob's own are not. A string starting with {@code ~} is stored
   * as {@code ~s} and the string, so it needs a second pattern, asked for only when the glob could match a leading
   * {@code ~}. Keys whose body is not the string itself cannot be found: ill-formed strings (stored as Kryo
   * bytes, {@code ~k}) and bodies longer than the hash threshold (stored as {@code ~#} and a digest).
   *
   * @param glob a Redis glob ({@code *}, {@code ?}, {@code [...]}, backslash escapes) over the application's key
   * @return one or two patterns; keys they find must still pass {@link #isStringMatch}
   */
  public java.util.List<byte[]> stringKeyPatterns(String glob) {
    byte[] prefix = scanPattern(namespace);
    prefix = Arrays.copyOf(prefix, prefix.length - 1); // without the trailing '*'
    byte[] utf8 = glob.getBytes(StandardCharsets.UTF_8);
    java.util.List<byte[]> patterns = new java.util.ArrayList<>(2);
    patterns.add(concat(prefix, utf8));
    if (mayMatchLeadingTag(glob)) {
      patterns.add(concat(prefix, new byte[] {TAG, STRING}, utf8));
    }
    return patterns;
  }

  /**
   * Whether a key found by a pattern of {@link #stringKeyPatterns} is a string key the pattern meant: under the
   * first pattern only bodies that are a string as is (not starting with {@code ~}); under the second only
   * {@code ~s} bodies (which is all it can find).
   *
   * @param redisKey     a key found by SCAN
   * @param patternIndex the index of the pattern that found it
   */
  public boolean isStringMatch(byte[] redisKey, int patternIndex) {
    if (!startsWith(redisKey, namespace)) {
      return false;
    }
    int start = namespace.length;
    boolean tagged = redisKey.length > start && redisKey[start] == TAG;
    if (patternIndex == 0) {
      return !tagged;
    }
    return tagged && redisKey.length > start + 1 && redisKey[start + 1] == STRING;
  }

  // Whether a string starting with '~' could match: the glob's first element is a wildcard, a class, or '~'.
  private static boolean mayMatchLeadingTag(String glob) {
    if (glob.isEmpty()) {
      return false;
    }
    char first = glob.charAt(0);
    if (first == '\\') {
      return glob.length() > 1 && glob.charAt(1) == TAG;
    }
    return first == '*' || first == '?' || first == '[' || first == TAG;
  }

  /** Marks a Redis key that holds a hash: the original key is inside the value. */
  public static final Object HASHED = new Object() {
    @Override
    public String toString() {
      return "HASHED";
    }
  };

  private static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] result = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, result, offset, part.length);
      offset += part.length;
    }
    return result;
  }

  /**
   * A Redis key.
   *
   * @param bytes  the key's bytes
   * @param hashed whether the body was replaced by its hash, so the original key must travel with the value
   */
  public record EncodedKey(byte[] bytes, boolean hashed) {
  }
}
