package io.github.jcacheredis.internal.storage;

import com.esotericsoftware.kryo.io.Output;
import io.github.jcacheredis.internal.storage.kryo.BoundedKryo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bytes a hostile writer of the Redis could plant under an entry's key, made with the provider's own Kryo setup
 * but without the checks a put makes, so they are exactly what a reader would meet.
 */
public final class HostilePayloads {

  private HostilePayloads() {
  }

  /** A key whose hash code is always the same and that is not {@code Comparable}. */
  public record Collider(int id) {
    @Override
    public int hashCode() {
      return 42;
    }
  }

  /**
   * A writer of one payload in the given format version: the provider's own Kryo setup, with version 3's plain
   * strings and closing digest of shape fingerprints, or version 2's reference bytes and inline fingerprints.
   */
  private static final class Writer {
    final AllowListClassResolver resolver =
        new AllowListClassResolver(new ClassAllowList(List.of("*")), ConcurrentHashMap.newKeySet());
    final BoundedKryo kryo = KryoSerializer.newKryo(HostilePayloads.class.getClassLoader(), resolver);
    final Output output = new Output(1024, -1);
    final boolean version2;

    Writer(boolean version2) {
      this.version2 = version2;
      kryo.beginWrite();
      output.writeByte(version2 ? ValueCodec.FORMAT_V2 : ValueCodec.FORMAT_V3);
      output.writeByte(0);
      if (!version2) {
        kryo.setStringReferences(false);
        resolver.startDigest();
      }
    }

    byte[] finish() {
      if (!version2 && resolver.hasDigest()) {
        output.writeInt(resolver.digest());
      }
      return output.toBytes();
    }
  }

  private static byte[] value(Object value, boolean version2) {
    Writer writer = new Writer(version2);
    writer.kryo.writeClassAndObject(writer.output, value);
    return writer.finish();
  }

  /**
   * Nested sets, each holding two sets that both hold the same two sets of the next level: a few hundred bytes
   * whose hashing work doubles per level (the "SerialDOS" shape).
   */
  public static byte[] nestedSharedSets(int levels) {
    return nestedSharedSets(levels, false);
  }

  /** {@link #nestedSharedSets(int)} in format version 3, or 2 when {@code version2}. */
  public static byte[] nestedSharedSets(int levels, boolean version2) {
    Set<Object> root = new HashSet<>();
    Set<Object> s1 = root;
    Set<Object> s2 = new HashSet<>();
    for (int i = 0; i < levels; i++) {
      Set<Object> t1 = new HashSet<>();
      Set<Object> t2 = new HashSet<>();
      t1.add("foo"); // makes t1 and t2 unequal
      s1.add(t1);
      s1.add(t2);
      s2.add(t1);
      s2.add(t2);
      s1 = t1;
      s2 = t2;
    }
    return value(root, version2);
  }

  /** A {@code HashSet} of {@code count} keys that share one hash code and are not comparable. */
  public static byte[] collidingHashSet(int count) {
    return collidingHashSet(count, false);
  }

  /** {@link #collidingHashSet(int)} in format version 3, or 2 when {@code version2}. */
  public static byte[] collidingHashSet(int count, boolean version2) {
    ArrayDeque<Object> keys = new ArrayDeque<>();
    for (int i = 0; i < count; i++) {
      keys.add(new Collider(i));
    }
    // An ArrayDeque is written like a HashSet (a count, then the elements) but is never checked for flooding.
    return renameClass(value(keys, version2), "java.util.ArrayDeque", "java.util.HashSet");
  }

  /** A {@code HashMap} of {@code count} keys that share one hash code and are not comparable. */
  public static byte[] collidingHashMap(int count) {
    return collidingHashMap(count, false);
  }

  /** {@link #collidingHashMap(int)} in format version 3, or 2 when {@code version2}. */
  public static byte[] collidingHashMap(int count, boolean version2) {
    // Written by hand: a HashMap's own serializer refuses to write hash-flooded keys.
    Writer writer = new Writer(version2);
    BoundedKryo kryo = writer.kryo;
    kryo.setAutoReset(false);
    Output output = writer.output;
    kryo.writeClass(output, java.util.HashMap.class);
    output.writeVarInt(1, true); // a new object, not a reference
    output.writeVarInt(count, true);
    for (int i = 0; i < count; i++) {
      kryo.writeClassAndObject(output, new Collider(i));
      kryo.writeClassAndObject(output, i);
    }
    return writer.finish();
  }

  /** Objects nested {@code depth} levels deep: single-element lists inside each other. */
  public static byte[] deeplyNested(int depth) {
    return deeplyNested(depth, false);
  }

  /** {@link #deeplyNested(int)} in format version 3, or 2 when {@code version2}. */
  public static byte[] deeplyNested(int depth, boolean version2) {
    List<Object> root = new ArrayList<>();
    List<Object> current = root;
    for (int i = 0; i < depth; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    // Written iteratively by hand: Kryo's recursive writer would need the depth on its own stack.
    Writer writer = new Writer(version2);
    Output output = writer.output;
    BoundedKryo kryo = writer.kryo;
    kryo.setAutoReset(false); // class names are numbered per graph; a reset would restart the numbering
    for (int i = 0; i <= depth; i++) {
      kryo.writeClass(output, ArrayList.class);
      output.writeVarInt(1, true); // a new object, not a reference
      output.writeVarInt(i == depth ? 0 : 1, true); // its element count
    }
    return writer.finish();
  }

  /** A value declaring {@code length} elements of the given class (an array, String, collection) in a few bytes. */
  public static byte[] declaredLength(Class<?> type, int length) {
    return declaredLength(type, length, false);
  }

  /** {@link #declaredLength(Class, int)} in format version 3, or 2 when {@code version2}. */
  public static byte[] declaredLength(Class<?> type, int length, boolean version2) {
    Writer writer = new Writer(version2);
    BoundedKryo kryo = writer.kryo;
    Output output = writer.output;
    kryo.writeClass(output, type);
    if (type == String.class) {
      // A UTF-8 string's character count, with Kryo's "UTF-8 follows" flag.
      output.writeVarIntFlag(true, length + 1, true);
      output.writeBytes(new byte[] {'a', 'b'});
      return writer.finish();
    }
    output.writeVarInt(1, true); // a new object, not a reference
    output.writeVarInt(type.isArray() ? length + 1 : length, true);
    output.writeBytes(new byte[] {1, 2, 3, 4});
    return writer.finish();
  }

  private static byte[] renameClass(byte[] bytes, String from, String to) {
    byte[] fromBytes = from.getBytes(StandardCharsets.US_ASCII);
    byte[] toBytes = to.getBytes(StandardCharsets.US_ASCII);
    fromBytes[fromBytes.length - 1] |= (byte) 0x80;
    toBytes[toBytes.length - 1] |= (byte) 0x80;
    for (int i = 0; i + fromBytes.length <= bytes.length; i++) {
      if (java.util.Arrays.equals(bytes, i, i + fromBytes.length, fromBytes, 0, fromBytes.length)) {
        byte[] renamed = new byte[bytes.length - fromBytes.length + toBytes.length];
        System.arraycopy(bytes, 0, renamed, 0, i);
        System.arraycopy(toBytes, 0, renamed, i, toBytes.length);
        System.arraycopy(bytes, i + fromBytes.length, renamed, i + toBytes.length,
            bytes.length - i - fromBytes.length);
        return renamed;
      }
    }
    throw new IllegalStateException(from + " not found");
  }
}
