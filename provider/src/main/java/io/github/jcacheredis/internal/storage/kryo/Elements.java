package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * How the container serializers write and read their elements: a count, then each element with its class. The
 * count is checked against the bytes remaining (every element takes at least one byte), and the elements of a
 * hash-based container are checked for hash flooding before any of them is inserted.
 */
final class Elements {

  /** More keys than this with one hash code make a hash table's lookups linear, and filling it quadratic. */
  static final int MAX_SHARED_HASH = 64;

  private Elements() {
  }

  static void writeCount(Output output, int count) {
    output.writeVarInt(count, true);
  }

  static int readCount(Input input, int bytesPerElement) {
    return checkLength(input, input.readVarInt(true), bytesPerElement);
  }

  static int checkLength(Input input, int count, int bytesPerElement) {
    if (input instanceof BoundedInput) {
      ((BoundedInput) input).checkLength(count, bytesPerElement);
    } else if (count < 0) {
      throw new GraphLimitException("negative count " + count);
    }
    return count;
  }

  static void write(Kryo kryo, Output output, Collection<?> elements) {
    Object[] array = elements.toArray();
    writeCount(output, array.length);
    for (Object element : array) {
      kryo.writeClassAndObject(output, element);
    }
  }

  static Object[] read(Kryo kryo, Input input) {
    int count = readCount(input, 1);
    Object[] elements = new Object[count];
    for (int i = 0; i < count; i++) {
      elements[i] = kryo.readClassAndObject(input);
    }
    return elements;
  }

  static void writeEntries(Kryo kryo, Output output, Map<?, ?> map) {
    Object[] entries = map.entrySet().toArray();
    writeCount(output, entries.length);
    for (Object entry : entries) {
      kryo.writeClassAndObject(output, ((Map.Entry<?, ?>) entry).getKey());
      kryo.writeClassAndObject(output, ((Map.Entry<?, ?>) entry).getValue());
    }
  }

  /** @return keys and values alternating */
  static Object[] readEntries(Kryo kryo, Input input) {
    int count = readCount(input, 2);
    Object[] entries = new Object[2 * count];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = kryo.readClassAndObject(input);
    }
    return entries;
  }

  /**
   * Refuses keys of which more than {@link #MAX_SHARED_HASH} share one hash code, unless all of those are of one
   * {@code Comparable} class (a hash table then orders them in a tree, and each lookup stays logarithmic).
   *
   * @param keys   the keys, every {@code stride}-th element from 0
   * @param stride 1 for a set's elements, 2 for a map's alternating keys and values
   */
  static void checkHashFlooding(Object[] keys, int stride) {
    int count = keys.length / stride;
    if (count <= MAX_SHARED_HASH) {
      return;
    }
    Map<Integer, Bucket> buckets = new HashMap<>();
    for (int i = 0; i < keys.length; i += stride) {
      Object key = keys[i];
      if (key == null) {
        continue;
      }
      Bucket bucket = buckets.computeIfAbsent(key.hashCode(), hash -> new Bucket(key.getClass()));
      bucket.count++;
      if (bucket.type != key.getClass()) {
        bucket.mixed = true;
      }
      if (bucket.count > MAX_SHARED_HASH && (bucket.mixed || !Comparable.class.isAssignableFrom(bucket.type))) {
        throw new GraphLimitException("more than " + MAX_SHARED_HASH + " keys of a hash-based container share"
            + " one hash code (" + key.getClass().getName() + ")");
      }
    }
  }

  private static final class Bucket {
    final Class<?> type;
    int count;
    boolean mixed;

    Bucket(Class<?> type) {
      this.type = type;
    }
  }
}
