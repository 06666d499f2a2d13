package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Map entries: {@code Map.entry}, {@code AbstractMap.SimpleEntry}/{@code SimpleImmutableEntry}, and the entries
 * a {@code HashMap} or {@code LinkedHashMap} hands out, each rebuilt as the same class.
 */
final class EntrySerializer extends Serializer<Map.Entry<Object, Object>> {

  enum Kind { IMMUTABLE, SIMPLE, SIMPLE_IMMUTABLE, HASH_MAP_NODE, LINKED_HASH_MAP_ENTRY }

  private final Kind kind;

  EntrySerializer(Kind kind) {
    this.kind = kind;
  }

  /** @return the kind of an entry class, or {@code null} */
  static @Nullable Kind of(Class<?> type) {
    switch (type.getName()) {
      case "java.util.KeyValueHolder":
        return Kind.IMMUTABLE;
      case "java.util.AbstractMap$SimpleEntry":
        return Kind.SIMPLE;
      case "java.util.AbstractMap$SimpleImmutableEntry":
        return Kind.SIMPLE_IMMUTABLE;
      case "java.util.HashMap$Node":
        return Kind.HASH_MAP_NODE;
      case "java.util.LinkedHashMap$Entry":
        return Kind.LINKED_HASH_MAP_ENTRY;
      default:
        return null;
    }
  }

  @Override
  public void write(Kryo kryo, Output output, Map.Entry<Object, Object> entry) {
    kryo.writeClassAndObject(output, entry.getKey());
    kryo.writeClassAndObject(output, entry.getValue());
  }

  @Override
  public Map.Entry<Object, Object> read(Kryo kryo, Input input, Class<? extends Map.Entry<Object, Object>> type) {
    Object key = kryo.readClassAndObject(input);
    Object value = kryo.readClassAndObject(input);
    switch (kind) {
      case IMMUTABLE:
        return Map.entry(key, value);
      case SIMPLE:
        return new AbstractMap.SimpleEntry<>(key, value);
      case SIMPLE_IMMUTABLE:
        return new AbstractMap.SimpleImmutableEntry<>(key, value);
      case HASH_MAP_NODE:
        Map<Object, Object> map = new HashMap<>(2);
        map.put(key, value);
        return map.entrySet().iterator().next();
      default:
        Map<Object, Object> linked = new LinkedHashMap<>(2);
        linked.put(key, value);
        return linked.entrySet().iterator().next();
    }
  }
}
