package io.github.jcacheredis.storage;

import java.util.Objects;

/**
 * The bytes of one cache entry in Redis.
 *
 * <pre>
 *   byte 0   format version (currently 1); any other value reads as corrupt
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

  static final byte FORMAT_V1 = 1;
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
      return encode(context, key, value);
    } catch (com.esotericsoftware.kryo.KryoException e) {
      // Kryo wraps what a nested serializer throws; surface the allow-list refusal itself.
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof DisallowedClassException) {
          throw (DisallowedClassException) cause;
        }
      }
      throw e;
    } finally {
      serializer.release(context);
    }
  }

  private byte[] encode(KryoSerializer.Context context, Object key, Object value) {
    context.output.reset();
    context.output.writeByte(FORMAT_V1);
    context.output.writeByte(key == null ? 0 : FLAG_KEY);
    if (key != null) {
      context.kryo.writeClassAndObject(context.output, key);
    }
    context.kryo.writeClassAndObject(context.output, value);
    int payload = context.output.position() - HEADER;
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
    if (bytes.length < HEADER + 1) {
      throw new CorruptValueException("value too short (" + bytes.length + " bytes)", null);
    }
    if (bytes[0] != FORMAT_V1) {
      throw new CorruptValueException("unknown format version " + (bytes[0] & 0xff), null);
    }
    byte flags = bytes[1];
    if ((flags & ~(FLAG_KEY | FLAG_LZ4)) != 0) {
      throw new CorruptValueException("unknown flags " + (flags & 0xff), null);
    }
    byte[] payload = bytes;
    int offset = HEADER;
    if ((flags & FLAG_LZ4) != 0) {
      payload = Lz4.decompress(bytes, HEADER, Math.min(MAX_DECOMPRESSED, MAX_LZ4_RATIO * bytes.length));
      offset = 0;
    }
    KryoSerializer.Context context = serializer.borrow();
    try {
      context.input.setBuffer(payload, offset, payload.length - offset);
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
      context.input.setBuffer(new byte[0]);
      serializer.release(context);
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
