package io.github.jcacheredis.internal.near;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.jcacheredis.NearCacheState;
import io.github.jcacheredis.internal.storage.RemainingTtl;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;

/**
 * One cache's near copies: the stored bytes of recently read entries, bounded in size and age, so a hit costs
 * a decode and no round trip (and every caller still gets its own instance: store-by-value holds).
 *
 * <p><b>Why a copy is never stale for long.</b> Redis reports every change to the cache's keys, by any client,
 * including expiry and eviction, on the invalidation connection ({@link InvalidationListener}); writes made
 * through this JVM also invalidate as soon as Redis acknowledges them. The remaining race, a read whose answer
 * was on the wire while the key changed, is closed by stamps: a reader takes the key's stamp before asking
 * Redis and its answer is kept only if no invalidation of that key's stripe happened meanwhile. While the
 * invalidation connection is down the near cache is empty and bypassed.
 */
public final class NearCache implements NearCacheState {

  private static final int STRIPES = 1024;

  private final Cache<ByteKey, Held> entries;
  private final AtomicLongArray stamps = new AtomicLongArray(STRIPES);
  private volatile boolean enabled;

  /**
   * @param maximumSize the most entries kept
   * @param timeToLive  the longest an entry is kept without being read from Redis again
   */
  public NearCache(long maximumSize, Duration timeToLive) {
    long maxNanos = timeToLive.toNanos();
    this.entries = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .expireAfter(new Expiry<ByteKey, Held>() {
          @Override
          public long expireAfterCreate(ByteKey key, Held value, long currentTime) {
            return value.ttlMillis > 0 ? Math.min(maxNanos, TimeUnit.MILLISECONDS.toNanos(value.ttlMillis)) : maxNanos;
          }

          @Override
          public long expireAfterUpdate(ByteKey key, Held value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
          }

          @Override
          public long expireAfterRead(ByteKey key, Held value, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  /** @return the near copy of {@code key}'s stored bytes, or {@code null} */
  public byte @Nullable [] get(byte[] key) {
    if (!enabled) {
      return null;
    }
    Held held = entries.getIfPresent(new ByteKey(key));
    return held == null ? null : held.bytes;
  }

  /** @return the stamp to pass to {@link #offer} for a read of {@code key} about to be sent to Redis */
  public long stamp(byte[] key) {
    return stamps.get(stripe(key));
  }

  /**
   * Keeps what Redis answered for {@code key}, unless the key was invalidated since {@code stamp} was taken.
   *
   * @param ttl       what is left of the entry's lifetime in Redis
   */
  public void offer(byte[] key, byte @Nullable [] bytes, RemainingTtl ttl, long stamp) {
    if (!enabled || bytes == null) {
      return;
    }
    int stripe = stripe(key);
    if (stamps.get(stripe) != stamp) {
      return;
    }
    ByteKey mapKey = new ByteKey(key);
    Held held = new Held(bytes, ttl.expires() ? ttl.millis() : 0);
    entries.put(mapKey, held);
    if (stamps.get(stripe) != stamp) {
      // invalidated between the check and the put: take back exactly what we put
      entries.asMap().remove(mapKey, held);
    }
  }

  /** Drops {@code key} (a write through this JVM, or Redis's invalidation message). */
  public void invalidate(byte[] key) {
    stamps.incrementAndGet(stripe(key));
    entries.invalidate(new ByteKey(key));
  }

  /** Drops everything (a flush, or the invalidation connection was lost). */
  public void invalidateAll() {
    for (int i = 0; i < STRIPES; i++) {
      stamps.incrementAndGet(i);
    }
    entries.invalidateAll();
  }

  /**
   * Turns serving on once invalidations are flowing, or off (and empties the cache) when they stop.
   *
   * @param enabled whether Redis's invalidation messages are being received
   */
  public void setEnabled(boolean enabled) {
    if (!enabled) {
      this.enabled = false;
      invalidateAll();
    } else {
      invalidateAll();
      this.enabled = true;
    }
  }

  /** @return whether near copies are being served */
  @Override
  public boolean isEnabled() {
    return enabled;
  }

  /** @return how many entries are held */
  @Override
  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  private static int stripe(byte[] key) {
    int h = java.util.Arrays.hashCode(key);
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }

  private static final class Held {
    final byte[] bytes;
    final long ttlMillis;

    Held(byte[] bytes, long ttlMillis) {
      this.bytes = bytes;
      this.ttlMillis = ttlMillis;
    }
  }
}
