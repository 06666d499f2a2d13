package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.google.common.collect.ImmutableBiMap;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableMultiset;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import com.google.common.collect.ImmutableSortedSet;
import com.google.common.collect.Ordering;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Guava's immutable collections, when Guava is on the class path: the elements (and a sorted collection's
 * comparator) are written, and the collection is rebuilt with Guava's own {@code copyOf} or builder, never by
 * setting Guava's private fields. Only the provider's class loader decides whether Guava is present.
 */
final class GuavaSerializers {

  private static final boolean PRESENT = present();

  private GuavaSerializers() {
  }

  /** @return whether Guava's immutable collections are on the provider's class path */
  static boolean present() {
    try {
      Class.forName("com.google.common.collect.ImmutableCollection", false, GuavaSerializers.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static void registerIfPresent(Kryo kryo) {
    if (PRESENT) {
      Registrar.register(kryo);
    }
  }

  /** Loaded only when Guava is present, since it links against Guava's classes. */
  private static final class Registrar {
    static void register(Kryo kryo) {
      kryo.addDefaultSerializer(ImmutableCollection.class, new ImmutableCollectionSerializer());
      kryo.addDefaultSerializer(ImmutableMap.class, new ImmutableMapSerializer());
    }
  }

  /** Lists, sets, sorted sets and multisets. */
  private static final class ImmutableCollectionSerializer extends Serializer<ImmutableCollection<Object>> {
    ImmutableCollectionSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, ImmutableCollection<Object> collection) {
      if (collection instanceof ImmutableSortedSet) {
        output.writeByte(3);
        writeComparator(kryo, output, ((ImmutableSortedSet<Object>) collection).comparator());
      } else if (collection instanceof ImmutableSet) {
        output.writeByte(1);
      } else if (collection instanceof ImmutableMultiset) {
        output.writeByte(2);
      } else if (collection instanceof ImmutableList) {
        output.writeByte(0);
      } else {
        throw new UnrepresentableTypeException(collection.getClass(), "an immutable Guava collection of an"
            + " unsupported kind");
      }
      Elements.write(kryo, output, collection);
    }

    @Override
    public ImmutableCollection<Object> read(Kryo kryo, Input input, Class<? extends ImmutableCollection<Object>> t) {
      int kind = input.readByte();
      if (kind == 3) {
        Comparator<Object> comparator = readComparator(kryo, input);
        return ImmutableSortedSet.copyOf(comparator, Arrays.asList(Elements.read(kryo, input)));
      }
      Object[] elements = Elements.read(kryo, input);
      switch (kind) {
        case 0:
          return ImmutableList.copyOf(elements);
        case 1:
          Elements.checkHashFlooding(elements, 1);
          return ImmutableSet.copyOf(elements);
        case 2:
          Elements.checkHashFlooding(elements, 1);
          return ImmutableMultiset.copyOf(elements);
        default:
          throw new GraphLimitException("unknown Guava collection kind " + kind);
      }
    }
  }

  /** Maps, bidirectional maps and sorted maps. */
  private static final class ImmutableMapSerializer extends Serializer<ImmutableMap<Object, Object>> {
    ImmutableMapSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, ImmutableMap<Object, Object> map) {
      if (map instanceof ImmutableSortedMap) {
        output.writeByte(2);
        writeComparator(kryo, output, ((ImmutableSortedMap<Object, Object>) map).comparator());
      } else {
        output.writeByte(map instanceof ImmutableBiMap ? 1 : 0);
      }
      Elements.writeEntries(kryo, output, map);
    }

    @Override
    public ImmutableMap<Object, Object> read(Kryo kryo, Input input, Class<? extends ImmutableMap<Object, Object>> t) {
      int kind = input.readByte();
      ImmutableMap.Builder<Object, Object> builder;
      Object[] entries;
      if (kind == 2) {
        builder = ImmutableSortedMap.orderedBy(readComparator(kryo, input));
        entries = Elements.readEntries(kryo, input);
      } else {
        entries = Elements.readEntries(kryo, input);
        Elements.checkHashFlooding(entries, 2);
        builder = kind == 1 ? ImmutableBiMap.builder() : ImmutableMap.builder();
      }
      for (int i = 0; i < entries.length; i += 2) {
        builder.put(entries[i], entries[i + 1]);
      }
      return builder.buildOrThrow();
    }
  }

  /** Guava's natural ordering is written as a flag: its class is Guava-internal. */
  private static void writeComparator(Kryo kryo, Output output, Comparator<?> comparator) {
    boolean natural = comparator == Ordering.natural();
    output.writeBoolean(natural);
    if (!natural) {
      kryo.writeClassAndObject(output, comparator);
    }
  }

  @SuppressWarnings("unchecked")
  private static Comparator<Object> readComparator(Kryo kryo, Input input) {
    if (input.readBoolean()) {
      return (Comparator<Object>) (Comparator<?>) Ordering.natural();
    }
    Comparator<Object> comparator = (Comparator<Object>) kryo.readClassAndObject(input);
    if (comparator == null) {
      throw new GraphLimitException("a sorted Guava collection without a comparator");
    }
    return comparator;
  }

  /**
   * @param className a class name read from Redis
   * @return whether it names one of Guava's immutable collection classes and Guava is present
   */
  static boolean allows(String className) {
    return PRESENT && className.startsWith("com.google.common.collect.")
        && className.indexOf('.', "com.google.common.collect.".length()) < 0 && className.contains("Immutable");
  }

  static boolean isGuava(Class<?> type) {
    return type.getName().startsWith("com.google.common.");
  }
}
