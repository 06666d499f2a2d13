package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The JDK's immutable collections: {@code List.of}/{@code Set.of}/{@code Map.of} (and {@code copyOf},
 * {@code Stream.toList()}), {@code Collections.empty*} and {@code Collections.singleton*}. The elements are
 * written and the collection is rebuilt by the same factory, so it is as immutable as it was.
 */
final class ImmutableJdkSerializer extends Serializer<Object> {

  enum Kind {
    LIST, SET, MAP, EMPTY_LIST, EMPTY_SET, EMPTY_MAP, EMPTY_NAVIGABLE_SET, EMPTY_NAVIGABLE_MAP, SINGLETON_LIST,
    SINGLETON_SET, SINGLETON_MAP
  }

  private final Kind kind;

  ImmutableJdkSerializer(Kind kind) {
    this.kind = kind;
    setImmutable(true);
  }

  /** @return the kind of a JDK immutable collection class, or {@code null} */
  static @Nullable Kind of(Class<?> type) {
    String name = type.getName();
    if (name.startsWith("java.util.ImmutableCollections$")) {
      return List.class.isAssignableFrom(type) ? Kind.LIST : Set.class.isAssignableFrom(type) ? Kind.SET
          : Map.class.isAssignableFrom(type) ? Kind.MAP : null;
    }
    switch (name) {
      case "java.util.Collections$EmptyList":
        return Kind.EMPTY_LIST;
      case "java.util.Collections$EmptySet":
        return Kind.EMPTY_SET;
      case "java.util.Collections$EmptyMap":
        return Kind.EMPTY_MAP;
      case "java.util.Collections$UnmodifiableNavigableSet$EmptyNavigableSet":
        return Kind.EMPTY_NAVIGABLE_SET;
      case "java.util.Collections$UnmodifiableNavigableMap$EmptyNavigableMap":
        return Kind.EMPTY_NAVIGABLE_MAP;
      case "java.util.Collections$SingletonList":
        return Kind.SINGLETON_LIST;
      case "java.util.Collections$SingletonSet":
        return Kind.SINGLETON_SET;
      case "java.util.Collections$SingletonMap":
        return Kind.SINGLETON_MAP;
      default:
        return null;
    }
  }

  @Override
  public void write(Kryo kryo, Output output, Object container) {
    switch (kind) {
      case LIST:
      case SET:
      case SINGLETON_LIST:
      case SINGLETON_SET:
        Elements.write(kryo, output, (Collection<?>) container);
        break;
      case MAP:
      case SINGLETON_MAP:
        Elements.writeEntries(kryo, output, (Map<?, ?>) container);
        break;
      default:
        break;
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object read(Kryo kryo, Input input, Class<?> type) {
    switch (kind) {
      case EMPTY_LIST:
        return Collections.emptyList();
      case EMPTY_SET:
        return Collections.emptySet();
      case EMPTY_MAP:
        return Collections.emptyMap();
      case EMPTY_NAVIGABLE_SET:
        return Collections.emptyNavigableSet();
      case EMPTY_NAVIGABLE_MAP:
        return Collections.emptyNavigableMap();
      default:
        break;
    }
    if (kind == Kind.MAP || kind == Kind.SINGLETON_MAP) {
      Object[] entries = Elements.readEntries(kryo, input);
      if (kind == Kind.SINGLETON_MAP) {
        single(entries.length / 2);
        return Collections.singletonMap(entries[0], entries[1]);
      }
      Elements.checkHashFlooding(entries, 2);
      Map.Entry[] pairs = new Map.Entry[entries.length / 2];
      for (int i = 0; i < pairs.length; i++) {
        pairs[i] = Map.entry(entries[2 * i], entries[2 * i + 1]);
      }
      return Map.ofEntries(pairs);
    }
    Object[] elements = Elements.read(kryo, input);
    switch (kind) {
      case SINGLETON_LIST:
        single(elements.length);
        return Collections.singletonList(elements[0]);
      case SINGLETON_SET:
        single(elements.length);
        return Collections.singleton(elements[0]);
      case SET:
        Elements.checkHashFlooding(elements, 1);
        return Set.of(elements);
      default:
        // Stream.toList() allows nulls where List.of does not; it returns a list of the same family.
        return Arrays.asList(elements).contains(null) ? Arrays.stream(elements).toList() : List.of(elements);
    }
  }

  private static void single(int count) {
    if (count != 1) {
      throw new GraphLimitException("a singleton with " + count + " elements");
    }
  }
}
