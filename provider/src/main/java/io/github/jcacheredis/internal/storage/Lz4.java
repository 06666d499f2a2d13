package io.github.jcacheredis.internal.storage;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.jspecify.annotations.Nullable;

/**
 * LZ4 block compression of encoded values. Decompression uses the safe decompressor, which never reads or
 * writes outside its buffers whatever bytes it is given: stored values are untrusted input.
 */
final class Lz4 {

  private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
  private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

  private Lz4() {
  }

  /**
   * Compresses {@code length} bytes of {@code source} from {@code offset}, which must be preceded by the
   * two header bytes at {@code offset - 2}.
   *
   * @return header (flags with the LZ4 bit added), varint original length, compressed block; or {@code null}
   *         when compression would not make the value smaller
   */
  static byte @Nullable [] compress(byte[] source, int offset, int length) {
    int max = COMPRESSOR.maxCompressedLength(length);
    byte[] target = new byte[2 + 5 + max];
    target[0] = source[offset - 2];
    target[1] = (byte) (source[offset - 1] | ValueCodec.FLAG_LZ4);
    int position = writeVarInt(target, 2, length);
    int compressed = COMPRESSOR.compress(source, offset, length, target, position, max);
    int total = position + compressed;
    if (total >= offset + length) {
      return null;
    }
    return java.util.Arrays.copyOf(target, total);
  }

  /**
   * Reverses {@link #compress}.
   *
   * @param bytes  the stored value
   * @param offset where the varint length starts
   * @param limit  the largest original length accepted
   * @return the original payload
   * @throws CorruptValueException if the bytes are not a valid block of the declared length
   */
  static byte[] decompress(byte[] bytes, int offset, int limit) throws CorruptValueException {
    int length = 0;
    int shift = 0;
    int position = offset;
    while (true) {
      if (position >= bytes.length || shift > 28) {
        throw new CorruptValueException("bad compressed length", null);
      }
      byte b = bytes[position++];
      length |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    if (length < 0 || length > limit) {
      throw new CorruptValueException("declared decompressed length " + length + " out of range", null);
    }
    byte[] target = new byte[length];
    try {
      int written = DECOMPRESSOR.decompress(bytes, position, bytes.length - position, target, 0, length);
      if (written != length) {
        throw new CorruptValueException("decompressed " + written + " bytes, expected " + length, null);
      }
      return target;
    } catch (net.jpountz.lz4.LZ4Exception e) {
      throw new CorruptValueException("bad LZ4 block: " + e.getMessage(), e);
    }
  }

  private static int writeVarInt(byte[] target, int position, int value) {
    int v = value;
    while ((v & ~0x7f) != 0) {
      target[position++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    target[position++] = (byte) v;
    return position;
  }
}
