package io.github.jcacheredis.internal.near;

import java.util.Arrays;

/** A Redis key as a map key: byte arrays compare by identity, this compares by content. */
final class ByteKey {

  private final byte[] bytes;
  private final int hash;

  ByteKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey && ((ByteKey) o).hash == hash && Arrays.equals(((ByteKey) o).bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
