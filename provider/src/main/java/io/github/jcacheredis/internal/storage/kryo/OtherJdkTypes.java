package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * The serializer of a class that has no registered Kryo serializer, when it is one the JDK defines: a comparator
 * or map entry rebuilt by its public factory, or a refusal. Kryo's field serializer cannot read or set the
 * private fields of {@code java.*} classes (they are not open to reflection), and a lock, a thread or a socket
 * has no meaning in another JVM anyway; so such a value is refused at put, naming the class, instead of failing
 * with an {@code InaccessibleObjectException} or reading back as something else.
 */
public final class OtherJdkTypes {

  private OtherJdkTypes() {
  }

  /**
   * @param serializer a class's serializer
   * @return why the class can never be stored, when its serializer is a refusal, otherwise {@code null}
   */
  public static @Nullable String refusal(Serializer<?> serializer) {
    return serializer instanceof ValueTypeSerializers.RefusingSerializer
        ? ((ValueTypeSerializers.RefusingSerializer) serializer).reason() : null;
  }

  /**
   * @param type a class without a registered serializer
   * @return its serializer when it is a JDK class, otherwise {@code null} (the caller's default applies)
   */
  public static @Nullable Serializer<?> serializerFor(Class<?> type) {
    if (type.isHidden() || type.isSynthetic()) {
      return new ValueTypeSerializers.RefusingSerializer("a lambda or hidden class has no name to read it by");
    }
    if (GuavaSerializers.isGuava(type)) {
      return new ValueTypeSerializers.RefusingSerializer("of Guava's types only its immutable collections are"
          + " supported");
    }
    if (!JdkTypes.isJdk(type)) {
      return null;
    }
    ComparatorSerializer.Kind comparator = ComparatorSerializer.of(type);
    if (comparator != null) {
      return new ComparatorSerializer(comparator);
    }
    EntrySerializer.Kind entry = EntrySerializer.of(type);
    if (entry != null) {
      return new EntrySerializer(entry);
    }
    return new ValueTypeSerializers.RefusingSerializer("its state is private to the JDK");
  }
}
