package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers;

/**
 * Kryo's object and string array serializers, which allocate the declared length before reading an element:
 * here the length is checked against the bytes remaining first (each element takes at least one byte).
 */
final class BoundedArraySerializers {

  private BoundedArraySerializers() {
  }

  private static void checkDeclaredLength(Input input) {
    int start = input.position();
    int length = input.readVarInt(true);
    input.setPosition(start);
    if (length > 0) {
      Elements.checkLength(input, length - 1, 1);
    }
  }

  /** {@code Object[]} and arrays of other reference types. */
  static final class ObjectArraySerializer extends DefaultArraySerializers.ObjectArraySerializer {
    ObjectArraySerializer(Kryo kryo, Class<?> type) {
      super(kryo, type);
    }

    @SuppressWarnings("rawtypes") // overrides Kryo's raw-typed signature
    @Override
    public Object[] read(Kryo kryo, Input input, Class type) {
      checkDeclaredLength(input);
      return super.read(kryo, input, type);
    }
  }

  /** Creates an {@link ObjectArraySerializer} per array class, as Kryo's own factory does. */
  static final class ObjectArrays extends SerializerFactory.BaseSerializerFactory<Serializer<?>> {
    @SuppressWarnings("rawtypes") // overrides Kryo's raw-typed signature
    @Override
    public Serializer<?> newSerializer(Kryo kryo, Class type) {
      return new ObjectArraySerializer(kryo, type);
    }
  }

  /** {@code String[]}. */
  static final class StringArraySerializer extends DefaultArraySerializers.StringArraySerializer {
    @SuppressWarnings("rawtypes") // overrides Kryo's raw-typed signature
    @Override
    public String[] read(Kryo kryo, Input input, Class type) {
      checkDeclaredLength(input);
      return super.read(kryo, input, type);
    }
  }
}
