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

  private static BoundedKryo kryo() {
    BoundedKryo kryo = KryoSerializer.newKryo(HostilePayloads.class.getClassLoader(),
        new AllowListClassResolver(new ClassAllowList(List.of("*")), ConcurrentHashMap.newKeySet()));
    kryo.beginWrite();
    return kryo;
  }

  private static byte[] value(Object value) {
    BoundedKryo kryo = kryo();
    Output output = new Output(1024, -1);
    output.writeByte(ValueCodec.FORMAT_V2);
    output.writeByte(0);
    kryo.writeClassAndObject(output, value);
    return output.toBytes();
  }

  /**
   * Nested sets, each holding two sets that both hold the same two sets of the next level: a few hundred bytes
   * whose hashing work doubles per level (the "SerialDOS" shape).
   */
  public static byte[] nestedSharedSets(int levels) {
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
    return value(root);
  }

  /** A {@code HashSet} of {@code count} keys that share one hash code and are not comparable. */
  public static byte[] collidingHashSet(int count) {
    ArrayDeque<Object> keys = new ArrayDeque<>();
    for (int i = 0; i < count; i++) {
      keys.add(new Collider(i));
    }
    // An ArrayDeque is written like a HashSet (a count, then the elements) but is never checked for flooding.
    return renameClass(value(keys), "java.util.ArrayDeque", "java.util.HashSet");
  }

  /** A {@code HashMap} of {@code count} keys that share one hash code and are not comparable. */
  public static byte[] collidingHashMap(int count) {
    // Written by hand: a HashMap's own serializer refuses to write hash-flooded keys.
    BoundedKryo kryo = kryo();
    kryo.setAutoReset(false);
    Output output = new Output(1024, -1);
    output.writeByte(ValueCodec.FORMAT_V2);
    output.writeByte(0);
    kryo.writeClass(output, java.util.HashMap.class);
    output.writeVarInt(1, true); // a new object, not a reference
    output.writeVarInt(count, true);
    for (int i = 0; i < count; i++) {
      kryo.writeClassAndObject(output, new Collider(i));
      kryo.writeClassAndObject(output, i);
    }
    return output.toBytes();
  }

  /** Objects nested {@code depth} levels deep: single-element lists inside each other. */
  public static byte[] deeplyNested(int depth) {
    List<Object> root = new ArrayList<>();
    List<Object> current = root;
    for (int i = 0; i < depth; i++) {
      List<Object> next = new ArrayList<>();
      current.add(next);
      current = next;
    }
    // Written iteratively by hand: Kryo's recursive writer would need the depth on its own stack.
    Output output = new Output(16, -1);
    output.writeByte(ValueCodec.FORMAT_V2);
    output.writeByte(0);
    BoundedKryo kryo = kryo();
    kryo.setAutoReset(false); // class names are numbered per graph; a reset would restart the numbering
    for (int i = 0; i <= depth; i++) {
      kryo.writeClass(output, ArrayList.class);
      output.writeVarInt(1, true); // a new object, not a reference
      output.writeVarInt(i == depth ? 0 : 1, true); // its element count
    }
    return output.toBytes();
  }

  /** A value declaring {@code length} elements of the given class (an array, String, collection) in a few bytes. */
  public static byte[] declaredLength(Class<?> type, int length) {
    BoundedKryo kryo = kryo();
    Output output = new Output(16, -1);
    output.writeByte(ValueCodec.FORMAT_V2);
    output.writeByte(0);
    kryo.writeClass(output, type);
    if (type == String.class) {
      // A UTF-8 string's character count, with Kryo's "UTF-8 follows" flag.
      output.writeVarIntFlag(true, length + 1, true);
      output.writeBytes(new byte[] {'a', 'b'});
      return output.toBytes();
    }
    output.writeVarInt(1, true); // a new object, not a reference
    output.writeVarInt(type.isArray() ? length + 1 : length, true);
    output.writeBytes(new byte[] {1, 2, 3, 4});
    return output.toBytes();
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
