package io.github.jcacheredis.storage;

import java.util.Objects;

/**
 * The bytes of one cache entry in Redis.
 *
 * <pre>
 *   byte 0   format version (currently 1); any other value reads as corrupt
 *   byte 1   flags: bit 0 set when the original key follows (its Redis key is a hash of it)
 *   rest     Kryo: [key with class] value with class
 * </pre>
 *
 * The key travels with the value only when the Redis key cannot be turned back into it, so iteration can still
 * return it and a hash collision is detected instead of handing back another key's value.
 */
public final class ValueCodec {

  static final byte FORMAT_V1 = 1;
  static final byte FLAG_KEY = 1;
  private static final int HEADER = 2;

  private final KryoSerializer serializer;

  /**
   * @param serializer the pooled Kryo serializer
   */
  public ValueCodec(KryoSerializer serializer) {
    this.serializer = Objects.requireNonNull(serializer, "serializer");
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
      context.output.reset();
      context.output.writeByte(FORMAT_V1);
      context.output.writeByte(key == null ? 0 : FLAG_KEY);
      if (key != null) {
        context.kryo.writeClassAndObject(context.output, key);
      }
      context.kryo.writeClassAndObject(context.output, value);
      return context.output.toBytes();
    } finally {
      serializer.release(context);
    }
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
    if ((flags & ~FLAG_KEY) != 0) {
      throw new CorruptValueException("unknown flags " + (flags & 0xff), null);
    }
    KryoSerializer.Context context = serializer.borrow();
    try {
      context.input.setBuffer(bytes, HEADER, bytes.length - HEADER);
      Object key = (flags & FLAG_KEY) != 0 ? context.kryo.readClassAndObject(context.input) : null;
      Object value = context.kryo.readClassAndObject(context.input);
      if (context.input.position() != bytes.length || value == null) {
        throw new CorruptValueException("trailing or missing bytes", null);
      }
      return new Decoded(key, value);
    } catch (CorruptValueException e) {
      throw e;
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // Kryo signals bad input with KryoException, but garbage can also surface as an index, class-cast,
      // class-loading or recursion failure; all of them mean "not a value we can trust".
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
