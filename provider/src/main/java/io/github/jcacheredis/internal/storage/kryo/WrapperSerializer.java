package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import org.jspecify.annotations.Nullable;

/**
 * The wrappers of {@code java.util.Collections} ({@code unmodifiable*}, {@code synchronized*}, {@code checked*}
 * and {@code newSetFromMap}): the wrapped collection is written whole, with its own class, order and comparator,
 * and the wrapper is rebuilt around it by the same factory method, so an unmodifiable list stays unmodifiable
 * and a checked set keeps its element type.
 */
final class WrapperSerializer extends Serializer<Object> {

  /** The kinds of wrapper, by the simple name of their class inside {@code Collections}. */
  enum Kind {
    UNMODIFIABLE_COLLECTION, UNMODIFIABLE_SET, UNMODIFIABLE_SORTED_SET, UNMODIFIABLE_NAVIGABLE_SET,
    UNMODIFIABLE_LIST, UNMODIFIABLE_MAP, UNMODIFIABLE_SORTED_MAP, UNMODIFIABLE_NAVIGABLE_MAP,
    SYNCHRONIZED_COLLECTION, SYNCHRONIZED_SET, SYNCHRONIZED_SORTED_SET, SYNCHRONIZED_NAVIGABLE_SET,
    SYNCHRONIZED_LIST, SYNCHRONIZED_MAP, SYNCHRONIZED_SORTED_MAP, SYNCHRONIZED_NAVIGABLE_MAP,
    CHECKED_COLLECTION, CHECKED_QUEUE, CHECKED_SET, CHECKED_SORTED_SET, CHECKED_NAVIGABLE_SET, CHECKED_LIST,
    CHECKED_MAP, CHECKED_SORTED_MAP, CHECKED_NAVIGABLE_MAP, SET_FROM_MAP;

    boolean isMap() {
      return name().endsWith("_MAP") && this != SET_FROM_MAP;
    }

    boolean isChecked() {
      return name().startsWith("CHECKED");
    }

    /** @return the kind of a class of {@code java.util.Collections}, or {@code null} */
    static @Nullable Kind of(Class<?> type) {
      String name = type.getName();
      if (!name.startsWith("java.util.Collections$")) {
        return null;
      }
      String simple = name.substring("java.util.Collections$".length()).replace("RandomAccessList", "List");
      if (simple.equals("SetFromMap")) {
        return SET_FROM_MAP;
      }
      String[] prefixes = {"Unmodifiable", "Synchronized", "Checked"};
      for (String prefix : prefixes) {
        if (simple.startsWith(prefix) && !simple.contains("$")) {
          String rest = simple.substring(prefix.length())
              .replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
          try {
            return valueOf(prefix.toUpperCase(Locale.ROOT) + "_" + rest);
          } catch (IllegalArgumentException unknown) {
            return null;
          }
        }
      }
      return null;
    }
  }

  private final Kind kind;

  WrapperSerializer(Kind kind) {
    this.kind = kind;
  }

  @Override
  public void write(Kryo kryo, Output output, Object wrapper) {
    if (kind.name().startsWith("SYNCHRONIZED") && JdkFields.get(wrapper, "mutex") != wrapper) {
      throw new UnrepresentableTypeException(wrapper.getClass(), "it synchronizes on another object");
    }
    if (kind == Kind.SET_FROM_MAP) {
      Map<?, ?> map = (Map<?, ?>) JdkFields.get(wrapper, "m");
      kryo.writeClass(output, map.getClass());
      Elements.write(kryo, output, (Collection<?>) wrapper);
      return;
    }
    kryo.writeClassAndObject(output, JdkFields.get(wrapper, kind.isMap() ? "m" : "c"));
    if (kind.isChecked()) {
      if (kind.isMap()) {
        kryo.writeClass(output, (Class<?>) JdkFields.get(wrapper, "keyType"));
        kryo.writeClass(output, (Class<?>) JdkFields.get(wrapper, "valueType"));
      } else {
        kryo.writeClass(output, (Class<?>) JdkFields.get(wrapper, "type"));
      }
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object read(Kryo kryo, Input input, Class<?> type) {
    if (kind == Kind.SET_FROM_MAP) {
      Class<?> mapType = kryo.readClass(input).getType();
      Map map = (Map) kryo.newInstance(mapType);
      if (!map.isEmpty()) {
        throw new GraphLimitException("a new " + mapType.getName() + " is not empty");
      }
      Set set = Collections.newSetFromMap(map);
      set.addAll(Arrays.asList(Elements.read(kryo, input)));
      return set;
    }
    Object wrapped = kryo.readClassAndObject(input);
    Class elementType = kind.isChecked() ? kryo.readClass(input).getType() : null;
    Class valueType = kind.isChecked() && kind.isMap() ? kryo.readClass(input).getType() : null;
    switch (kind) {
      case UNMODIFIABLE_COLLECTION: return Collections.unmodifiableCollection((Collection) wrapped);
      case UNMODIFIABLE_SET: return Collections.unmodifiableSet((Set) wrapped);
      case UNMODIFIABLE_SORTED_SET: return Collections.unmodifiableSortedSet((SortedSet) wrapped);
      case UNMODIFIABLE_NAVIGABLE_SET: return Collections.unmodifiableNavigableSet((NavigableSet) wrapped);
      case UNMODIFIABLE_LIST: return Collections.unmodifiableList((List) wrapped);
      case UNMODIFIABLE_MAP: return Collections.unmodifiableMap((Map) wrapped);
      case UNMODIFIABLE_SORTED_MAP: return Collections.unmodifiableSortedMap((SortedMap) wrapped);
      case UNMODIFIABLE_NAVIGABLE_MAP: return Collections.unmodifiableNavigableMap((NavigableMap) wrapped);
      case SYNCHRONIZED_COLLECTION: return Collections.synchronizedCollection((Collection) wrapped);
      case SYNCHRONIZED_SET: return Collections.synchronizedSet((Set) wrapped);
      case SYNCHRONIZED_SORTED_SET: return Collections.synchronizedSortedSet((SortedSet) wrapped);
      case SYNCHRONIZED_NAVIGABLE_SET: return Collections.synchronizedNavigableSet((NavigableSet) wrapped);
      case SYNCHRONIZED_LIST: return Collections.synchronizedList((List) wrapped);
      case SYNCHRONIZED_MAP: return Collections.synchronizedMap((Map) wrapped);
      case SYNCHRONIZED_SORTED_MAP: return Collections.synchronizedSortedMap((SortedMap) wrapped);
      case SYNCHRONIZED_NAVIGABLE_MAP: return Collections.synchronizedNavigableMap((NavigableMap) wrapped);
      case CHECKED_COLLECTION: return Collections.checkedCollection((Collection) wrapped, elementType);
      case CHECKED_QUEUE: return Collections.checkedQueue((Queue) wrapped, elementType);
      case CHECKED_SET: return Collections.checkedSet((Set) wrapped, elementType);
      case CHECKED_SORTED_SET: return Collections.checkedSortedSet((SortedSet) wrapped, elementType);
      case CHECKED_NAVIGABLE_SET: return Collections.checkedNavigableSet((NavigableSet) wrapped, elementType);
      case CHECKED_LIST: return Collections.checkedList((List) wrapped, elementType);
      case CHECKED_MAP: return Collections.checkedMap((Map) wrapped, elementType, valueType);
      case CHECKED_SORTED_MAP: return Collections.checkedSortedMap((SortedMap) wrapped, elementType, valueType);
      default: return Collections.checkedNavigableMap((NavigableMap) wrapped, elementType, valueType);
    }
  }
}
