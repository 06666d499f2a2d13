package io.github.jcacheredis.internal.storage;

import org.jspecify.annotations.Nullable;

/**
 * What Redis says is left of a key's lifetime (its PTTL answer), kept apart from {@code Ttl}, the lifetime we
 * give a key: the two use -1 and -2 for different things.
 *
 * @param millis the milliseconds left, when {@link #expires()}
 */
public record RemainingTtl(long millis) {

  /** The key has no expiry. */
  public static final RemainingTtl NONE = new RemainingTtl(-1);
  /** The key does not exist (any more). */
  public static final RemainingTtl ABSENT = new RemainingTtl(-2);

  /**
   * @param pttl Redis's answer to PTTL: milliseconds, -1 for no expiry, -2 for no key; {@code null} if there was no
   *             answer (read as no expiry: the value read with it decides whether the entry exists)
   * @return what it means
   */
  public static RemainingTtl ofPttl(@Nullable Long pttl) {
    if (pttl == null || pttl == -1) {
      return NONE;
    }
    return pttl < 0 ? ABSENT : new RemainingTtl(pttl);
  }

  /** @return whether the key expires at some point */
  public boolean expires() {
    return millis >= 0;
  }

  /** @return whether the key is still there: it never expires, or has time left */
  public boolean isLive() {
    return millis == -1 || millis > 0;
  }
}
