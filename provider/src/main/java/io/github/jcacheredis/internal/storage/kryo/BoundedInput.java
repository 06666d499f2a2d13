package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * Kryo's byte-array input, checking every declared length against the bytes that remain before anything is
 * allocated for it: a corrupt or hostile 20-byte value declaring a string or array of 500 million elements is
 * rejected instead of making the reader allocate gigabytes. Every element of an array or a string's characters
 * occupies at least one byte (a fixed-width element its width), so a longer declared length is provably a lie.
 * Also never keeps a character buffer larger than {@link #MAX_RETAINED_CHARS} between values.
 */
public final class BoundedInput extends Input {

  private static final int MAX_RETAINED_CHARS = 16 * 1024;

  /** Creates an input with no bytes; give it some with {@link #setBuffer(byte[], int, int)}. */
  public BoundedInput() {
    super();
  }

  /**
   * Checks a declared element count against the bytes remaining.
   *
   * @param length          the declared count
   * @param bytesPerElement the fewest bytes one element occupies
   * @return {@code length}
   * @throws KryoException if the input cannot hold that many elements
   */
  public int checkLength(int length, int bytesPerElement) {
    if (length < 0 || (long) length * bytesPerElement > limit - position) {
      throw new GraphLimitException("declared length " + length + " exceeds the " + (limit - position)
          + " bytes remaining");
    }
    return length;
  }

  /** @return how many characters the input's string buffer holds between values */
  public int retainedCharacters() {
    return chars.length;
  }

  private static final byte[] NOTHING = new byte[0];

  /** Drops the buffers of the last value, shrinking one that a large string made large. */
  public void release() {
    setBuffer(NOTHING);
    if (chars.length > MAX_RETAINED_CHARS) {
      chars = new char[32];
    }
  }

  @Override
  public byte[] readBytes(int length) {
    return super.readBytes(checkLength(length, 1));
  }

  @Override
  public int[] readInts(int length) {
    return super.readInts(checkLength(length, Integer.BYTES));
  }

  @Override
  public int[] readInts(int length, boolean optimizePositive) {
    return super.readInts(checkLength(length, 1), optimizePositive);
  }

  @Override
  public long[] readLongs(int length) {
    return super.readLongs(checkLength(length, Long.BYTES));
  }

  @Override
  public long[] readLongs(int length, boolean optimizePositive) {
    return super.readLongs(checkLength(length, 1), optimizePositive);
  }

  @Override
  public float[] readFloats(int length) {
    return super.readFloats(checkLength(length, Float.BYTES));
  }

  @Override
  public double[] readDoubles(int length) {
    return super.readDoubles(checkLength(length, Double.BYTES));
  }

  @Override
  public short[] readShorts(int length) {
    return super.readShorts(checkLength(length, Short.BYTES));
  }

  @Override
  public char[] readChars(int length) {
    return super.readChars(checkLength(length, Character.BYTES));
  }

  @Override
  public boolean[] readBooleans(int length) {
    return super.readBooleans(checkLength(length, 1));
  }

  @Override
  public String readString() {
    checkStringLength();
    return super.readString();
  }

  @Override
  public StringBuilder readStringBuilder() {
    checkStringLength();
    return super.readStringBuilder();
  }

  /**
   * Peeks at the character count of a UTF-8 string (an ASCII string is terminated by its last byte and needs no
   * check) and rejects one longer than the bytes remaining, before Kryo sizes its character buffer by it.
   */
  private void checkStringLength() {
    int start = position;
    if (start >= limit) {
      return; // super reports the underflow
    }
    if ((buffer[start] & 0x80) != 0) { // UTF-8, null or empty; otherwise ASCII
      int charCount = readVarIntFlag(true);
      position = start;
      if (charCount > 1) {
        checkLength(charCount - 1, 1);
      }
    }
  }
}
