package io.github.jcacheredis.internal.storage;

import io.github.jcacheredis.internal.config.ProviderSettings;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 tags over the bytes the provider writes to Redis and the name they are written under, so that bytes
 * planted by anyone who can write to Redis but does not hold a signing key are recognised before they are parsed.
 *
 * <p>The first key signs; every key verifies, so keys rotate without downtime: list the new key first and the old
 * one after it until every entry signed with the old one has been rewritten or has expired, then drop it.
 *
 * <p>What a tag covers: a purpose byte (a value, an event, a configuration record: a tag made for one can never
 * pass for another), the length and bytes of the name (the entry's Redis key, the event channel, the record's key:
 * bytes copied or renamed to another key do not verify there), then the bytes themselves. It does not stop a
 * replay of older bytes signed for the same name.
 *
 * <p>The keys are never shown: {@link #toString()} gives only their number.
 */
public final class Signatures {

  /** Bytes in a tag (HMAC-SHA256). */
  public static final int TAG_LENGTH = 32;
  /** The shortest key accepted, in bytes (see {@link ProviderSettings#MIN_SIGNING_KEY_LENGTH}). */
  public static final int MIN_KEY_LENGTH = ProviderSettings.MIN_SIGNING_KEY_LENGTH;

  private static final String ALGORITHM = "HmacSHA256";
  private static final Signatures NONE = new Signatures(List.of());

  /** What signed bytes are, so that a tag made for one kind of bytes never verifies as another's. */
  public enum Purpose {
    /** A cache entry's value, under its Redis key. */
    VALUE((byte) 'V'),
    /** An event message, under the cache's event channel. */
    EVENT((byte) 'E'),
    /** A cache's configuration record, under its Redis key. */
    RECORD((byte) 'R');

    private final byte code;

    Purpose(byte code) {
      this.code = code;
    }
  }

  private final List<SecretKeySpec> keys;
  // Mac is not thread-safe and costly to initialise: one per key per thread, reused (doFinal resets it).
  private final ThreadLocal<Mac[]> macs;

  private Signatures(List<SecretKeySpec> keys) {
    this.keys = keys;
    this.macs = ThreadLocal.withInitial(this::newMacs);
  }

  /** @return signatures that sign nothing and verify nothing: the provider without signing keys */
  public static Signatures none() {
    return NONE;
  }

  /**
   * @param keys the signing keys, the one that signs first; each at least {@value #MIN_KEY_LENGTH} bytes
   * @return signatures with those keys, or {@link #none()} when the list is empty
   * @throws IllegalArgumentException if a key is too short (the message gives its position, never its bytes)
   */
  public static Signatures of(List<byte[]> keys) {
    Objects.requireNonNull(keys, "keys");
    if (keys.isEmpty()) {
      return NONE;
    }
    List<SecretKeySpec> specs = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      byte[] key = keys.get(i);
      if (key.length < MIN_KEY_LENGTH) {
        throw new IllegalArgumentException("signing key " + (i + 1) + " of " + keys.size() + " is " + key.length
            + " bytes; each must be at least " + MIN_KEY_LENGTH);
      }
      specs.add(new SecretKeySpec(key, ALGORITHM));
    }
    Signatures signatures = new Signatures(List.copyOf(specs));
    signatures.macs.get(); // fails here, at start-up, if the JVM has no HmacSHA256
    return signatures;
  }

  /** @return whether there are keys: values are signed, and unsigned ones are refused */
  public boolean isEnabled() {
    return !keys.isEmpty();
  }

  /**
   * Computes the tag of {@code bytes}, leaving out {@code gapLength} bytes from {@code gapStart} (where the tag
   * itself goes), with the first key.
   *
   * @return the {@value #TAG_LENGTH}-byte tag
   * @throws IllegalStateException if there are no keys
   */
  public byte[] sign(Purpose purpose, byte[] name, byte[] bytes, int gapStart, int gapLength) {
    if (!isEnabled()) {
      throw new IllegalStateException("no signing keys");
    }
    return mac(macs.get()[0], purpose, name, bytes, gapStart, gapLength);
  }

  /**
   * Checks a tag against every key.
   *
   * @param bytes     the signed bytes, the gap left out as in {@link #sign}
   * @param tag       holds the tag to check
   * @param tagOffset where it starts in {@code tag}
   * @return whether one of the keys made it
   */
  public boolean verifies(Purpose purpose, byte[] name, byte[] bytes, int gapStart, int gapLength, byte[] tag,
      int tagOffset) {
    return signer(purpose, name, bytes, gapStart, gapLength, tag, tagOffset) >= 0;
  }

  /**
   * Checks a tag against every key, first to last.
   *
   * @return the position of the key that made it (0: the signing key), or -1 if none did
   * @see #verifies
   */
  public int signer(Purpose purpose, byte[] name, byte[] bytes, int gapStart, int gapLength, byte[] tag,
      int tagOffset) {
    if (tag.length - tagOffset < TAG_LENGTH) {
      return -1;
    }
    byte[] expected = new byte[TAG_LENGTH];
    System.arraycopy(tag, tagOffset, expected, 0, TAG_LENGTH);
    Mac[] all = macs.get();
    for (int i = 0; i < all.length; i++) {
      // Constant-time comparison: the time taken tells a forger nothing about how much of a tag was right.
      if (MessageDigest.isEqual(expected, mac(all[i], purpose, name, bytes, gapStart, gapLength))) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] mac(Mac mac, Purpose purpose, byte[] name, byte[] bytes, int gapStart, int gapLength) {
    mac.reset();
    mac.update(purpose.code);
    // The name's length first, so that no split of name and bytes can be read as another.
    mac.update((byte) (name.length >>> 24));
    mac.update((byte) (name.length >>> 16));
    mac.update((byte) (name.length >>> 8));
    mac.update((byte) name.length);
    mac.update(name);
    mac.update(bytes, 0, gapStart);
    mac.update(bytes, gapStart + gapLength, bytes.length - gapStart - gapLength);
    return mac.doFinal();
  }

  private Mac[] newMacs() {
    Mac[] created = new Mac[keys.size()];
    try {
      for (int i = 0; i < created.length; i++) {
        created[i] = Mac.getInstance(ALGORITHM);
        created[i].init(keys.get(i));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
    }
    return created;
  }

  /** @return how many keys there are, never the keys */
  @Override
  public String toString() {
    return "Signatures[" + keys.size() + (keys.size() == 1 ? " key]" : " keys]");
  }
}
