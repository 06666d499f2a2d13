package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A mutable map rebuilt by creating an empty one of the same class and putting the entries in iteration order,
 * with what its constructor needs to behave the same: a sorted map's comparator, a {@code LinkedHashMap}'s access
 * order (so an LRU map stays one, in the same order). Keys of hash-based maps are checked for hash flooding
 * before the first is inserted.
 */
final class FilledMapSerializer extends Serializer<Map<Object, Object>> {

  enum Shape { PLAIN, SORTED, LINKED }

  private final Shape shape;

  FilledMapSerializer(Shape shape) {
    this.shape = shape;
  }

  static Shape shapeOf(Class<?> type) {
    if (type == TreeMap.class || type == ConcurrentSkipListMap.class) {
      return Shape.SORTED;
    }
    return type == LinkedHashMap.class ? Shape.LINKED : Shape.PLAIN;
  }

  @Override
  public void write(Kryo kryo, Output output, Map<Object, Object> map) {
    if (shape == Shape.SORTED) {
      kryo.writeClassAndObject(output, ((SortedMap<?, ?>) map).comparator());
    } else if (shape == Shape.LINKED) {
      output.writeBoolean(JdkFields.getBoolean(map, "accessOrder"));
    } else if (map instanceof SortedMap && ((SortedMap<?, ?>) map).comparator() != null) {
      throw new UnrepresentableTypeException(map.getClass(), "a subclass of a sorted map with a comparator");
    }
    Object[] entries = new Object[2 * map.size()];
    int i = 0;
    for (Map.Entry<Object, Object> entry : map.entrySet()) {
      if (i == entries.length) {
        throw new UnrepresentableTypeException(map.getClass(), "it changed while it was written");
      }
      entries[i++] = entry.getKey();
      entries[i++] = entry.getValue();
    }
    if (hashed(map)) {
      Elements.checkHashFlooding(entries, 2);
    }
    Elements.writeCount(output, i / 2);
    for (int j = 0; j < i; j++) {
      kryo.writeClassAndObject(output, entries[j]);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
    Map<Object, Object> map;
    if (shape == Shape.SORTED) {
      Comparator<Object> comparator = (Comparator<Object>) kryo.readClassAndObject(input);
      map = (Class<?>) type == TreeMap.class ? new TreeMap<>(comparator) : new ConcurrentSkipListMap<>(comparator);
    } else if (shape == Shape.LINKED) {
      map = new LinkedHashMap<>(16, 0.75f, input.readBoolean());
    } else {
      map = kryo.newInstance(type);
    }
    kryo.reference(map);
    Object[] entries = Elements.readEntries(kryo, input);
    if (hashed(map)) {
      Elements.checkHashFlooding(entries, 2);
    }
    for (int i = 0; i < entries.length; i += 2) {
      map.put(entries[i], entries[i + 1]);
    }
    return map;
  }

  private static boolean hashed(Map<?, ?> map) {
    return map instanceof HashMap || map instanceof Hashtable || map instanceof ConcurrentHashMap;
  }
}
