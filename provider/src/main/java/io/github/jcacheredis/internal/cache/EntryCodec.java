package io.github.jcacheredis.internal.cache;

import io.github.jcacheredis.internal.management.CacheStatistics;
import io.github.jcacheredis.internal.storage.CorruptValueException;
import io.github.jcacheredis.internal.storage.DecodeFailureLog;
import io.github.jcacheredis.internal.storage.EntryStore;
import io.github.jcacheredis.internal.storage.EntryStore.Queued;
import io.github.jcacheredis.internal.storage.KeyCodec;
import io.github.jcacheredis.internal.storage.KeyCodec.EncodedKey;
import io.github.jcacheredis.internal.storage.Signatures.Purpose;
import io.github.jcacheredis.internal.storage.UnstorableValueException;
import io.github.jcacheredis.internal.storage.UnverifiedValueException;
import io.github.jcacheredis.internal.storage.ValueCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import org.jspecify.annotations.Nullable;

/**
 * One cache's keys and values as Redis bytes, typed: whatever does not decode to an entry of the cache's key
 * and value types (garbage, another program's bytes, a value of the wrong type, another key's value under a
 * hashed key) reads as absent, is counted in the statistics and logged without flooding. With signing keys, values
 * are signed under their Redis key, and one that does not verify there reads as absent too, counted apart.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class EntryCodec<K, V> {

  private final KeyCodec keys;
  private final ValueCodec values;
  private final Class<K> keyType;
  private final Class<V> valueType;
  private final CacheStatistics statistics;
  private final DecodeFailureLog decodeFailures;
  private final DecodeFailureLog verifyFailures;
  private final String cacheName;
  private final boolean stampWriteTime;

  public EntryCodec(KeyCodec keys, ValueCodec values, Class<K> keyType, Class<V> valueType, CacheStatistics statistics,
      String cacheName) {
    this(keys, values, keyType, valueType, statistics, cacheName, false);
  }

  /** @param stampWriteTime whether values carry the time they are written (refresh-ahead needs it) */
  public EntryCodec(KeyCodec keys, ValueCodec values, Class<K> keyType, Class<V> valueType, CacheStatistics statistics,
      String cacheName, boolean stampWriteTime) {
    this.stampWriteTime = stampWriteTime;
    this.keys = keys;
    this.values = values;
    this.keyType = keyType;
    this.valueType = valueType;
    this.statistics = statistics;
    this.decodeFailures = new DecodeFailureLog(cacheName);
    this.verifyFailures = new DecodeFailureLog(cacheName,
        "an entry in Redis failed signature verification and was read as a miss, unread");
    this.cacheName = cacheName;
  }

  /** @throws UnstorableValueException naming the cache and key when the key cannot be stored faithfully */
  public EncodedKey key(K key) {
    try {
      return keys.encode(key);
    } catch (UnstorableValueException e) {
      throw e.in(cacheName, key, "key");
    }
  }

  public List<EncodedKey> keys(List<K> keyList) {
    List<EncodedKey> encoded = new ArrayList<>(keyList.size());
    for (K key : keyList) {
      encoded.add(key(key));
    }
    return encoded;
  }

  /**
   * Encodes a value, embedding the key when the Redis key is only its hash.
   *
   * @throws UnstorableValueException naming the cache, key and class when the value cannot be stored faithfully
   */
  public byte[] value(K key, EncodedKey encoded, V value) {
    try {
      return values.encode(encoded.hashed() ? key : null, value, Purpose.VALUE, encoded.bytes(),
          stampWriteTime ? System.currentTimeMillis() : ValueCodec.NO_WRITE_TIME);
    } catch (UnstorableValueException e) {
      throw e.in(cacheName, key, "value");
    }
  }

  public byte[] scanPattern() {
    return keys.scanPattern();
  }

  /** See {@link KeyCodec#stringKeyPatterns}. */
  public List<byte[]> stringKeyPatterns(String glob) {
    return keys.stringKeyPatterns(glob);
  }

  /** See {@link KeyCodec#isStringMatch}. */
  public boolean isStringMatch(byte[] redisKey, int patternIndex) {
    return keys.isStringMatch(redisKey, patternIndex);
  }

  /** @return the value stored for {@code key}, or {@code null} if absent or untrustworthy */
  public @Nullable V decode(K key, EncodedKey encoded, byte @Nullable [] bytes) {
    Timed<V> timed = decodeTimed(key, encoded, bytes);
    return timed == null ? null : timed.value();
  }

  /**
   * @return the value stored for {@code key} with its write time ({@link ValueCodec#NO_WRITE_TIME} when it
   *     carries none), or {@code null} if absent or untrustworthy
   */
  @SuppressWarnings("unchecked")
  public @Nullable Timed<V> decodeTimed(K key, EncodedKey encoded, byte @Nullable [] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      ValueCodec.Decoded decoded = values.decode(bytes, Purpose.VALUE, encoded.bytes());
      if (encoded.hashed() && !key.equals(decoded.key())) {
        throw new CorruptValueException("the hashed key holds another key's value", null);
      }
      if (!valueType.isInstance(decoded.value())) {
        throw new CorruptValueException("value of type " + decoded.value().getClass().getName()
            + " where " + valueType.getName() + " is configured", null);
      }
      return new Timed<>((V) decoded.value(), decoded.writeTime());
    } catch (CorruptValueException e) {
      reportCorrupt(e);
      return null;
    }
  }

  /**
   * A value read from Redis.
   *
   * @param value     the value
   * @param writeTime when it was written, milliseconds since the epoch, or {@link ValueCodec#NO_WRITE_TIME}
   */
  public record Timed<V>(V value, long writeTime) {
  }

  /** Decodes a scanned key and its value; {@code null} if either is absent or untrustworthy. */
  @SuppressWarnings("unchecked")
  public Cache.@Nullable Entry<K, V> decodeEntry(byte[] redisKey, byte @Nullable [] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      Object key = keys.decode(redisKey);
      ValueCodec.Decoded decoded = values.decode(bytes, Purpose.VALUE, redisKey);
      if (key == KeyCodec.HASHED) {
        key = decoded.key();
      }
      if (key == null || !keyType.isInstance(key) || !valueType.isInstance(decoded.value())) {
        throw new CorruptValueException("entry of the wrong type under key " + key, null);
      }
      requireCanonical(key, redisKey);
      return new RedisCacheEntry<>((K) key, (V) decoded.value());
    } catch (CorruptValueException e) {
      reportCorrupt(e);
      return null;
    }
  }

  /**
   * The cache key whose entry Redis expired, from the name alone: the value is gone, so a hashed name ({@code ~#},
   * the key being inside the value) cannot be turned back into its key and gives {@code null}, as does a name of
   * another key type (not this cache's entry) or one that is not the key's own name (foreign bytes, counted).
   *
   * @param redisKey the expired key's name, under this cache's namespace
   * @return the cache key, or {@code null} when there is none to report
   */
  @SuppressWarnings("unchecked")
  public @Nullable K expiredKey(byte[] redisKey) {
    try {
      Object key = keys.decode(redisKey);
      if (key == KeyCodec.HASHED || !keyType.isInstance(key)) {
        return null;
      }
      requireCanonical(key, redisKey);
      return (K) key;
    } catch (CorruptValueException e) {
      reportCorrupt(e);
      return null;
    }
  }

  /**
   * Maps the Redis keys of one SCAN page back to cache keys, reading values only for hashed keys (whose
   * original key travels inside the value).
   */
  @SuppressWarnings("unchecked")
  public Map<K, EncodedKey> resolve(List<byte[]> page, EntryStore store) {
    Map<K, EncodedKey> found = new LinkedHashMap<>();
    List<byte[]> hashed = new ArrayList<>();
    for (byte[] redisKey : page) {
      try {
        Object key = keys.decode(redisKey);
        if (key == KeyCodec.HASHED) {
          hashed.add(redisKey);
        } else if (keyType.isInstance(key)) {
          requireCanonical(key, redisKey);
          found.put((K) key, new EncodedKey(redisKey, false));
        }
      } catch (CorruptValueException e) {
        reportCorrupt(e);
      }
    }
    if (!hashed.isEmpty()) {
      EntryStore.Pipeline pipeline = store.pipeline();
      List<Queued<byte[]>> futures = new ArrayList<>();
      for (byte[] redisKey : hashed) {
        futures.add(pipeline.get(redisKey));
      }
      pipeline.execute();
      for (int i = 0; i < hashed.size(); i++) {
        Cache.Entry<K, V> entry = decodeEntry(hashed.get(i), pipeline.result(futures.get(i)));
        if (entry != null) {
          found.put(entry.getKey(), new EncodedKey(hashed.get(i), true));
        }
      }
    }
    return found;
  }

  /**
   * Accepts a scanned Redis name only if it is the one name this codec gives the key it decodes to. Other names
   * decode to the same key ({@code ~sabc} and {@code abc}, {@code ~l007} and {@code ~l7}, a {@code ~#} name
   * whose value carries a key of another digest); iterating them would return the entry twice, and removing
   * such a duplicate through the iterator would delete the real entry, so they are foreign bytes.
   */
  private void requireCanonical(Object key, byte[] redisKey) throws CorruptValueException {
    byte[] canonical;
    try {
      canonical = keys.encode(key).bytes();
    } catch (RuntimeException e) {
      throw new CorruptValueException("the key under this name cannot be encoded again: " + e, e);
    }
    if (!Arrays.equals(canonical, redisKey)) {
      // (at most 100 bytes of the name: it may be a megabyte long)
      throw new CorruptValueException("a Redis name that is not the own name of the key it decodes to ("
          + new String(redisKey, 0, Math.min(redisKey.length, 100), StandardCharsets.UTF_8) + ")", null);
    }
  }

  private void reportCorrupt(CorruptValueException e) {
    if (e instanceof UnverifiedValueException) {
      statistics.recordUnverified();
      verifyFailures.report(e);
    } else {
      statistics.recordDecodeError();
      decodeFailures.report(e);
    }
  }
}
