package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The key set, values and entry set views of a JDK map ({@code map.keySet()} and the like): the map behind the
 * view is written whole, and the view is taken from it again, so it has the same class and order and stays a
 * view (removing from it removes from its map).
 */
final class MapViewSerializer extends Serializer<Object> {

  enum Kind { KEYS, VALUES, ENTRIES }

  private static final String[] MAP_FIELDS = {"this$0", "m", "map"};

  private final Kind kind;

  MapViewSerializer(Kind kind) {
    this.kind = kind;
  }

  /** @return the kind of view a JDK class nested in a map class is, or {@code null} */
  static @Nullable Kind of(Class<?> type) {
    Class<?> outer = type.getEnclosingClass();
    if (outer == null || !Map.class.isAssignableFrom(outer) || !type.getName().startsWith("java.util.")) {
      return null;
    }
    String simple = type.getSimpleName();
    Kind kind = simple.endsWith("KeySet") || simple.equals("KeySetView") ? Kind.KEYS
        : simple.endsWith("Values") || simple.equals("ValuesView") ? Kind.VALUES
        : simple.endsWith("EntrySet") || simple.equals("EntrySetView") ? Kind.ENTRIES : null;
    if (kind == null) {
      return null;
    }
    for (String field : MAP_FIELDS) {
      if (JdkFields.has(type, field)) {
        return kind;
      }
    }
    return null;
  }

  @Override
  public void write(Kryo kryo, Output output, Object view) {
    Object map = null;
    for (String field : MAP_FIELDS) {
      if (JdkFields.has(view.getClass(), field)) {
        map = JdkFields.get(view, field);
        break;
      }
    }
    if (!(map instanceof Map) || !view.getClass().equals(viewOf((Map<?, ?>) map, view).getClass())) {
      throw new UnrepresentableTypeException(view.getClass(), "a view of a map that cannot be rebuilt");
    }
    kryo.writeClassAndObject(output, map);
    if (view instanceof ConcurrentHashMap.KeySetView) {
      kryo.writeClassAndObject(output, ((ConcurrentHashMap.KeySetView<?, ?>) view).getMappedValue());
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object read(Kryo kryo, Input input, Class<?> type) {
    Map map = (Map) kryo.readClassAndObject(input);
    Object view;
    if (type == ConcurrentHashMap.KeySetView.class) {
      Object mapped = kryo.readClassAndObject(input);
      view = mapped == null ? ((ConcurrentHashMap) map).keySet() : ((ConcurrentHashMap) map).keySet(mapped);
    } else {
      view = viewOf(map, null);
    }
    if (view.getClass() != type) {
      throw new GraphLimitException("a " + map.getClass().getName() + " has no view " + type.getName());
    }
    return view;
  }

  private Object viewOf(Map<?, ?> map, @Nullable Object original) {
    if (original instanceof ConcurrentHashMap.KeySetView) {
      return original;
    }
    switch (kind) {
      case KEYS:
        return map.keySet();
      case VALUES:
        return map.values();
      default:
        return map.entrySet();
    }
  }
}
