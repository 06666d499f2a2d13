package io.github.jcacheredis.storage;

import java.util.Objects;

/**
 * The bytes of one cache entry in Redis.
 *
 * <pre>
 *   byte 0   format version (currently 2); any other value reads as corrupt. Version 1 (before the bounded
 *            container serializers) is read as a miss: its containers were written in Kryo's own layout
 *   byte 1   flags: bit 0 set when the original key follows (its Redis key is a hash of it),
 *            bit 1 set when the rest is LZ4-compressed
 *   rest     Kryo: [key with class] value with class; when compressed: the Kryo bytes' length (varint), then
 *            the LZ4 block of them
 * </pre>
 *
 * The key travels with the value only when the Redis key cannot be turned back into it, so iteration can still
 * return it and a hash collision is detected instead of handing back another key's value.
 */
public final class ValueCodec {

  static final byte FORMAT_V2 = 2;
  static final byte FLAG_KEY = 1;
  static final byte FLAG_LZ4 = 2;
  private static final int HEADER = 2;
  // Decompression allocates the declared length: refuse absurd ones from hostile bytes.
  private static final int MAX_DECOMPRESSED = 512 * 1024 * 1024;
  // LZ4 cannot expand data more than about 255 times, so a larger declared length is a lie.
  private static final int MAX_LZ4_RATIO = 256;

  private final KryoSerializer serializer;
  private final int compressionThreshold;

  /**
   * @param serializer           the pooled Kryo serializer
   * @param compressionThreshold the Kryo payload size above which values are compressed
   *                             ({@code Integer.MAX_VALUE}: never)
   */
  public ValueCodec(KryoSerializer serializer, int compressionThreshold) {
    this.serializer = Objects.requireNonNull(serializer, "serializer");
    this.compressionThreshold = compressionThreshold;
  }

  /**
   * Encodes an entry's value.
   *
   * @param key   the original key when it must be embedded, otherwise {@code null}
   * @param value the value
   * @return the bytes to store
   */
  public byte[] encode(Object key, Object value) {
    KryoSerializer.Context context = serializer.borrow();
    try {
      byte[] bytes = encode(context, key, value);
      if (!context.unverified.isEmpty()) {
        verifyFirstWrite(context, value, bytes);
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
  private void verifyFirstWrite(KryoSerializer.Context context, Object value, byte[] bytes) {
    Object read;
    try {
      read = decode(context, bytes).value();
    } catch (CorruptValueException e) {
      throw UnstorableValueException.notFaithful(value, "it does not read back (" + e.getMessage() + ")");
    }
    String difference = ReadBackComparison.difference(value, read);
    if (difference != null) {
      throw UnstorableValueException.notFaithful(value, difference);
    }
    serializer.verified().addAll(context.unverified);
  }

  private byte[] encode(KryoSerializer.Context context, Object key, Object value) {
    context.output.reset();
    context.unverified.clear();
    context.output.writeByte(FORMAT_V2);
    context.output.writeByte(key == null ? 0 : FLAG_KEY);
    context.kryo.beginWrite();
    if (key != null) {
      context.kryo.writeClassAndObject(context.output, key);
    }
    context.kryo.writeClassAndObject(context.output, value);
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

  /**
   * Decodes what {@link #encode} wrote.
   *
   * @param bytes the stored bytes
   * @return the value and, when it was embedded, the key
   * @throws CorruptValueException if the bytes are not a value this codec wrote
   */
  public Decoded decode(byte[] bytes) throws CorruptValueException {
    KryoSerializer.Context context = serializer.borrow();
    try {
      return decode(context, bytes);
    } finally {
      serializer.release(context);
    }
  }

  private Decoded decode(KryoSerializer.Context context, byte[] bytes) throws CorruptValueException {
    if (bytes.length < HEADER + 1) {
      throw new CorruptValueException("value too short (" + bytes.length + " bytes)", null);
    }
    if (bytes[0] != FORMAT_V2) {
      throw new CorruptValueException("unknown format version " + (bytes[0] & 0xff), null);
    }
    byte flags = bytes[1];
    if ((flags & ~(FLAG_KEY | FLAG_LZ4)) != 0) {
      throw new CorruptValueException("unknown flags " + (flags & 0xff), null);
    }
    try {
      byte[] payload = bytes;
      int offset = HEADER;
      if ((flags & FLAG_LZ4) != 0) {
        payload = Lz4.decompress(bytes, HEADER, (int) Math.min(MAX_DECOMPRESSED, (long) MAX_LZ4_RATIO * bytes.length));
        offset = 0;
      }
      context.input.setBuffer(payload, offset, payload.length - offset);
      context.kryo.beginRead(payload.length - offset);
      Object key = (flags & FLAG_KEY) != 0 ? context.kryo.readClassAndObject(context.input) : null;
      Object value = context.kryo.readClassAndObject(context.input);
      if (context.input.position() != payload.length || value == null) {
        throw new CorruptValueException("trailing or missing bytes", null);
      }
      return new Decoded(key, value);
    } catch (CorruptValueException e) {
      throw e;
    } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
      // Kryo signals bad input with KryoException, but garbage can also surface as an index, class-cast,
      // class-loading or recursion failure, or as an array length beyond what the VM can allocate; all of
      // them mean "not a value we can trust".
      throw new CorruptValueException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    } finally {
      context.input.release();
      context.kryo.reset();
    }
  }

  /**
   * A decoded entry.
   *
   * @param key   the embedded original key, or {@code null} when the Redis key itself encodes it
   * @param value the value
   */
  public record Decoded(Object key, Object value) {
  }
}
