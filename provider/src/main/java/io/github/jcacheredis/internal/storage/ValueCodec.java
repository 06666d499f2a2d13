package io.github.jcacheredis.internal.storage;

import io.github.jcacheredis.internal.storage.Signatures.Purpose;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of one cache entry in Redis.
 *
 * <pre>
 *   byte 0   format version, currently 3; version 2 is still read (see below), any other value reads as corrupt.
 *            Version 1 (before the bounded container serializers) reads as corrupt: its containers were written
 *            in Kryo's own layout
 *   byte 1   flags: bit 0 set when the original key follows (its Redis key is a hash of it),
 *            bit 1 set when the rest is LZ4-compressed, bit 2 set when a signature follows,
 *            bit 3 set when the payload starts with the write time (caches with refresh-ahead only, so that
 *            a JVM running an older version, which refuses unknown flags, still reads every other cache)
 *   32 bytes when signed: the HMAC-SHA256 tag ({@link Signatures}) of the name the bytes are stored under and of
 *            every byte here but the tag's own
 *   rest     the payload: [write time: 8 bytes, milliseconds since the epoch, big-endian] Kryo: [key with
 *            class] value with class, [digest: 4 bytes]; when compressed: the payload's length (varint), then
 *            the LZ4 block of it
 * </pre>
 *
 * <p>The digest folds the shape fingerprints ({@link Fingerprinted}) of the classes the key and value name, in the
 * order they are first named; it is there when at least one named class has a fingerprint, and a reader
 * compares it with the fingerprints of its own classes before the value leaves the codec, so a class whose fields
 * changed between deployments still reads as corrupt. Version 2 wrote each fingerprint after its class name
 * (4 bytes per class instead of per value) and a "not null" byte before every string of a field; version 3 writes
 * neither, which makes the 1 KB value of the benchmarks 5% smaller. Both decode to the same objects.
 *
 * <p>With signing keys, every value written is signed, and a value read is checked before anything else: one that
 * is unsigned or whose tag no key verifies is refused ({@link UnverifiedValueException}) without reaching LZ4 or
 * Kryo. Without keys, nothing is signed, and a signed value (from a CacheManager that has keys) is read with its
 * tag skipped, unchecked: such a CacheManager trusts Redis's bytes exactly as much as before signing existed.
 *
 * The key travels with the value only when the Redis key cannot be turned back into it, so iteration can still
 * return it and a hash collision is detected instead of handing back another key's value.
 */
public final class ValueCodec {

  static final byte FORMAT_V2 = 2;
  static final byte FORMAT_V3 = 3;
  static final byte FLAG_KEY = 1;
  static final byte FLAG_LZ4 = 2;
  static final byte FLAG_SIGNED = 4;
  static final byte FLAG_WRITE_TIME = 8;
  /** The write time of a value that does not carry one. */
  public static final long NO_WRITE_TIME = -1;
  private static final int HEADER = 2;
  private static final int TAG = Signatures.TAG_LENGTH;
  // Decompression allocates the declared length: refuse absurd ones from hostile bytes.
  private static final int MAX_DECOMPRESSED = 512 * 1024 * 1024;
  // LZ4 cannot expand data more than about 255 times, so a larger declared length is a lie.
  private static final int MAX_LZ4_RATIO = 256;

  private final KryoSerializer serializer;
  private final int compressionThreshold;
  private final Signatures signatures;

  /**
   * A codec that signs nothing (and skips the tags of signed values unchecked).
   *
   * @param serializer           the pooled Kryo serializer
   * @param compressionThreshold the Kryo payload size above which values are compressed
   *                             ({@code Integer.MAX_VALUE}: never)
   */
  public ValueCodec(KryoSerializer serializer, int compressionThreshold) {
    this(serializer, compressionThreshold, Signatures.none());
  }

  /**
   * @param serializer           the pooled Kryo serializer
   * @param compressionThreshold the Kryo payload size above which values are compressed
   *                             ({@code Integer.MAX_VALUE}: never)
   * @param signatures           the CacheManager's signing keys, or {@link Signatures#none()}
   */
  public ValueCodec(KryoSerializer serializer, int compressionThreshold, Signatures signatures) {
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    this.compressionThreshold = compressionThreshold;
    this.signatures = Objects.requireNonNull(signatures, "signatures");
  }

  /**
   * Encodes a value that is stored under no name: only for a codec without signing keys (tests and tools).
   *
   * @see #encode(Object, Object, Purpose, byte[])
   */
  public byte[] encode(Object key, Object value) {
    return encode(key, value, Purpose.VALUE, null);
  }

  /**
   * Encodes an entry's value, signed when there are signing keys.
   *
   * @param key     the original key when it must be embedded, otherwise {@code null}
   * @param value   the value
   * @param purpose what the bytes will be
   * @param name    the name they will be stored (or published) under; may be {@code null} only without keys
   * @return the bytes to store
   */
  public byte[] encode(@Nullable Object key, Object value, Purpose purpose, byte @Nullable [] name) {
    return encode(key, value, purpose, name, NO_WRITE_TIME);
  }

  /**
   * Encodes an entry's value with the time it is written, for refresh-ahead (see {@link Decoded#writeTime()}).
   *
   * @param writeTime milliseconds since the epoch, or {@link #NO_WRITE_TIME} to carry none
   * @see #encode(Object, Object, Purpose, byte[])
   */
  public byte[] encode(@Nullable Object key, Object value, Purpose purpose, byte @Nullable [] name,
      long writeTime) {
    requireName(name);
    KryoSerializer.Context context = serializer.borrow();
    try {
      byte[] bytes = encode(context, key, value, writeTime);
      if (signatures.isEnabled()) {
        bytes = sign(bytes, purpose, name);
      }
      if (!context.unverified.isEmpty()) {
        verifyFirstWrite(context, value, bytes, purpose, name);
      }
      return bytes;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // Kryo wraps what a nested serializer throws; name the class at fault, whatever the failure.
      throw UnstorableValueException.of(value, e);
    } finally {
      serializer.release(context);
    }
  }

  /**
   * The first time a value's graph holds classes never written before, reads it back and compares: a class
   * Kryo cannot rebuild faithfully (a changed type, lost precision, a lost comparator) is refused at the first
   * put instead of reading as a miss or as a different object on every get.
   */
  private void verifyFirstWrite(KryoSerializer.Context context, Object value, byte[] bytes, Purpose purpose,
      byte @Nullable [] name) {
    Object read;
    try {
      read = decode(context, bytes, purpose, name).value();
    } catch (CorruptValueException e) {
      throw UnstorableValueException.notFaithful(value, "it does not read back (" + e.getMessage() + ")");
    }
    String difference = ReadBackComparison.difference(value, read);
    if (difference != null) {
      throw UnstorableValueException.notFaithful(value, difference);
    }
    serializer.verified().addAll(context.unverified);
  }

  private byte[] encode(KryoSerializer.Context context, @Nullable Object key, Object value, long writeTime) {
    context.output.reset();
    context.unverified.clear();
    context.output.writeByte(FORMAT_V3);
    context.output.writeByte((key == null ? 0 : FLAG_KEY) | (writeTime == NO_WRITE_TIME ? 0 : FLAG_WRITE_TIME));
    if (writeTime != NO_WRITE_TIME) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        context.output.writeByte((byte) (writeTime >>> shift)); // big-endian, whatever Kryo's own order
      }
    }
    context.kryo.beginWrite();
    context.kryo.setStringReferences(false);
    context.resolver.startDigest();
    try {
      if (key != null) {
        context.kryo.writeClassAndObject(context.output, key);
      }
      context.kryo.writeClassAndObject(context.output, value);
      if (context.resolver.hasDigest()) {
        context.output.writeInt(context.resolver.digest());
      }
    } finally {
      context.resolver.stopDigest();
      context.kryo.setStringReferences(true);
    }
    int payload = context.output.position() - HEADER;
    context.kryo.checkWritten(payload);
    if (payload > compressionThreshold) {
      byte[] compressed = Lz4.compress(context.output.getBuffer(), HEADER, payload);
      if (compressed != null) {
        return compressed;
      }
    }
    return context.output.toBytes();
  }

  /** Makes room for the tag after the header, sets the flag (which the tag covers), then computes the tag. */
  private byte[] sign(byte[] unsigned, Purpose purpose, byte @Nullable [] name) {
    byte[] signed = new byte[unsigned.length + TAG];
    signed[0] = unsigned[0];
    signed[1] = (byte) (unsigned[1] | FLAG_SIGNED);
    System.arraycopy(unsigned, HEADER, signed, HEADER + TAG, unsigned.length - HEADER);
    byte[] tag = signatures.sign(purpose, named(name), signed, HEADER, TAG);
    System.arraycopy(tag, 0, signed, HEADER, TAG);
    return signed;
  }

  /**
   * Decodes a value read under no name: only for a codec without signing keys (tests and tools).
   *
   * @see #decode(byte[], Purpose, byte[])
   */
  public Decoded decode(byte[] bytes) throws CorruptValueException {
    return decode(bytes, Purpose.VALUE, null);
  }

  /**
   * Decodes what {@link #encode} wrote, checking its signature first when there are signing keys.
   *
   * @param bytes   the stored bytes
   * @param purpose what the bytes should be
   * @param name    the name they were read from; may be {@code null} only without keys
   * @return the value and, when it was embedded, the key
   * @throws UnverifiedValueException if there are signing keys and the bytes are not signed with one of them
   *                                  for this name and purpose (nothing has been decoded)
   * @throws CorruptValueException    if the bytes are not a value this codec wrote
   */
  public Decoded decode(byte[] bytes, Purpose purpose, byte @Nullable [] name) throws CorruptValueException {
    requireName(name);
    KryoSerializer.Context context = serializer.borrow();
    try {
      return decode(context, bytes, purpose, name);
    } finally {
      serializer.release(context);
    }
  }

  private void requireName(byte @Nullable [] name) {
    if (signatures.isEnabled()) {
      named(name);
    }
  }

  /** The name to sign or verify with: {@link #requireName} has refused a missing one before anything else. */
  private static byte[] named(byte @Nullable [] name) {
    if (name == null) {
      throw new IllegalStateException("a signing codec needs the name the bytes are stored under");
    }
    return name;
  }

  private Decoded decode(KryoSerializer.Context context, byte[] bytes, Purpose purpose, byte @Nullable [] name)
      throws CorruptValueException {
    if (signatures.isEnabled()) {
      verify(bytes, purpose, name);
    }
    if (bytes.length < HEADER + 1) {
      throw new CorruptValueException("value too short (" + bytes.length + " bytes)", null);
    }
    boolean current = bytes[0] == FORMAT_V3;
    if (!current && bytes[0] != FORMAT_V2) {
      throw new CorruptValueException("unknown format version " + (bytes[0] & 0xff), null);
    }
    byte flags = bytes[1];
    if ((flags & ~(FLAG_KEY | FLAG_LZ4 | FLAG_SIGNED | FLAG_WRITE_TIME)) != 0) {
      throw new CorruptValueException("unknown flags " + (flags & 0xff), null);
    }
    // Without keys a tag is skipped unchecked; with keys it was checked above.
    int start = (flags & FLAG_SIGNED) != 0 ? HEADER + TAG : HEADER;
    if (bytes.length < start + 1) {
      throw new CorruptValueException("value too short (" + bytes.length + " bytes)", null);
    }
    try {
      byte[] payload = bytes;
      int offset = start;
      if ((flags & FLAG_LZ4) != 0) {
        payload = Lz4.decompress(bytes, start, (int) Math.min(MAX_DECOMPRESSED, (long) MAX_LZ4_RATIO * bytes.length));
        offset = 0;
      }
      context.input.setBuffer(payload, offset, payload.length - offset);
      long writeTime = NO_WRITE_TIME;
      if ((flags & FLAG_WRITE_TIME) != 0) {
        writeTime = 0;
        for (int i = 0; i < Long.BYTES; i++) {
          writeTime = writeTime << 8 | (context.input.readByte() & 0xff);
        }
        if (writeTime < 0) {
          throw new CorruptValueException("negative write time " + writeTime, null);
        }
      }
      context.kryo.beginRead(payload.length - offset);
      if (current) {
        context.kryo.setStringReferences(false);
        context.resolver.startDigest();
      }
      Object key = (flags & FLAG_KEY) != 0 ? context.kryo.readClassAndObject(context.input) : null;
      Object value = context.kryo.readClassAndObject(context.input);
      if (current && context.resolver.hasDigest() && context.input.readInt() != context.resolver.digest()) {
        throw new CorruptValueException("the fields of " + names(context.resolver.fingerprinted())
            + " changed since the value was written", null);
      }
      if (context.input.position() != payload.length || value == null) {
        throw new CorruptValueException("trailing or missing bytes", null);
      }
      return new Decoded(key, value, writeTime);
    } catch (CorruptValueException e) {
      throw e;
    } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
      // Kryo signals bad input with KryoException, but garbage can also surface as an index, class-cast,
      // class-loading or recursion failure, or as an array length beyond what the VM can allocate; all of
      // them mean "not a value we can trust".
      throw new CorruptValueException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    } finally {
      context.resolver.stopDigest();
      context.kryo.setStringReferences(true);
      context.input.release();
      context.kryo.reset();
    }
  }

  /** The names of the classes whose fingerprints a digest folds (one of them, at least, changed). */
  private static String names(java.util.List<Class<?>> classes) {
    StringBuilder names = new StringBuilder(classes.size() == 1 ? "" : "one of ");
    for (int i = 0; i < classes.size() && i < 5; i++) {
      names.append(i == 0 ? "" : ", ").append(classes.get(i).getName());
    }
    return names.append(classes.size() > 5 ? ", ..." : "").toString();
  }

  /**
   * The check made before any other look at the bytes: whatever is wrong with bytes that do not verify (a missing
   * tag, a foreign version, garbage), they are unverified, not corrupt, and never parsed.
   */
  private void verify(byte[] bytes, Purpose purpose, byte @Nullable [] name) throws UnverifiedValueException {
    if (bytes.length < HEADER + TAG || (bytes[1] & FLAG_SIGNED) == 0) {
      throw new UnverifiedValueException("the value is not signed");
    }
    if (!signatures.verifies(purpose, named(name), bytes, HEADER, TAG, bytes, HEADER)) {
      throw new UnverifiedValueException("the value's signature does not verify with any signing key");
    }
  }

  /**
   * A decoded entry.
   *
   * @param key       the embedded original key, or {@code null} when the Redis key itself encodes it
   * @param value     the value
   * @param writeTime when the value was written (milliseconds since the epoch), or {@link #NO_WRITE_TIME}
   */
  public record Decoded(@Nullable Object key, Object value, long writeTime) {
    /** A decoded entry without a write time. */
    public Decoded(@Nullable Object key, Object value) {
      this(key, value, NO_WRITE_TIME);
    }
  }
}
