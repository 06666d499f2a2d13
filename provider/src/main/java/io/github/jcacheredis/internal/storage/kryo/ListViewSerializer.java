package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Lists that are views or fixed-size forms: {@code Arrays.asList}, {@code Collections.nCopies} and the sub-lists
 * of {@code ArrayList}, {@code LinkedList} and random-access lists. The elements are written; the list is rebuilt
 * by the same method, so it has the same class and the same restrictions (fixed size, read-only).
 */
final class ListViewSerializer extends Serializer<List<Object>> {

  enum Kind { ARRAYS_AS_LIST, COPIES, ARRAY_LIST_SUB_LIST, SUB_LIST, RANDOM_ACCESS_SUB_LIST }

  private final Kind kind;

  ListViewSerializer(Kind kind) {
    this.kind = kind;
  }

  /** @return the kind of a list class, or {@code null} */
  static @Nullable Kind of(Class<?> type) {
    switch (type.getName()) {
      case "java.util.Arrays$ArrayList":
        return Kind.ARRAYS_AS_LIST;
      case "java.util.Collections$CopiesList":
        return Kind.COPIES;
      case "java.util.ArrayList$SubList":
        return Kind.ARRAY_LIST_SUB_LIST;
      case "java.util.AbstractList$SubList":
        return Kind.SUB_LIST;
      case "java.util.AbstractList$RandomAccessSubList":
        return Kind.RANDOM_ACCESS_SUB_LIST;
      default:
        return null;
    }
  }

  @Override
  public void write(Kryo kryo, Output output, List<Object> list) {
    if (kind == Kind.COPIES) {
      // nCopies(10^9, x) is a few bytes but hashes and compares like a billion elements.
      ((BoundedKryo) kryo).charge(list.size());
      output.writeVarInt(list.size(), true);
      kryo.writeClassAndObject(output, list.isEmpty() ? null : list.get(0));
      return;
    }
    Elements.write(kryo, output, list);
  }

  @Override
  @SuppressWarnings("JdkObsolete") // a sub-list of a LinkedList was stored, so one is rebuilt
  public List<Object> read(Kryo kryo, Input input, Class<? extends List<Object>> type) {
    if (kind == Kind.COPIES) {
      int count = input.readVarInt(true);
      if (count < 0) {
        throw new GraphLimitException("negative count " + count);
      }
      ((BoundedKryo) kryo).charge(count);
      return Collections.nCopies(count, kryo.readClassAndObject(input));
    }
    Object[] elements = Elements.read(kryo, input);
    switch (kind) {
      case ARRAYS_AS_LIST:
        return Arrays.asList(elements);
      case ARRAY_LIST_SUB_LIST:
        return new ArrayList<>(Arrays.asList(elements)).subList(0, elements.length);
      case SUB_LIST:
        return new LinkedList<>(Arrays.asList(elements)).subList(0, elements.length);
      default:
        return Arrays.asList(elements).subList(0, elements.length);
    }
  }
}
