package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/**
 * Chooses the serializer of every {@code Collection} and {@code Map} class (registered for both, ahead of Kryo's
 * own, none of which checks a declared size or captures wrappers, views and comparators). A JDK container that
 * none of the serializers here can rebuild faithfully is refused when written.
 */
final class ContainerSerializerFactory extends SerializerFactory.BaseSerializerFactory<Serializer<?>> {

  @SuppressWarnings("rawtypes") // overrides Kryo's raw-typed signature
  @Override
  public Serializer<?> newSerializer(Kryo kryo, Class type) {
    ImmutableJdkSerializer.Kind immutable = ImmutableJdkSerializer.of(type);
    if (immutable != null) {
      return new ImmutableJdkSerializer(immutable);
    }
    WrapperSerializer.Kind wrapper = WrapperSerializer.Kind.of(type);
    if (wrapper != null) {
      return new WrapperSerializer(wrapper);
    }
    ListViewSerializer.Kind list = ListViewSerializer.of(type);
    if (list != null) {
      return new ListViewSerializer(list);
    }
    MapViewSerializer.Kind view = MapViewSerializer.of(type);
    if (view != null) {
      return new MapViewSerializer(view);
    }
    if (EnumSet.class.isAssignableFrom(type)) {
      return new DefaultSerializers.EnumSetSerializer();
    }
    if (type == EnumMap.class) {
      return new ValueTypeSerializers.EnumMapSerializer();
    }
    if (Map.class.isAssignableFrom(type)) {
      FilledMapSerializer.Shape shape = FilledMapSerializer.shapeOf(type);
      return shape != FilledMapSerializer.Shape.PLAIN || !JdkTypes.isJdk(type)
          || JdkTypes.hasPublicNoArgConstructor(type) ? new FilledMapSerializer(shape) : refused();
    }
    if (Collection.class.isAssignableFrom(type)) {
      FilledCollectionSerializer.Shape shape = FilledCollectionSerializer.shapeOf(type);
      return shape != FilledCollectionSerializer.Shape.PLAIN || !JdkTypes.isJdk(type)
          || JdkTypes.hasPublicNoArgConstructor(type) ? new FilledCollectionSerializer(shape) : refused();
    }
    return refused();
  }

  private static Serializer<?> refused() {
    return new ValueTypeSerializers.RefusingSerializer("a JDK container whose state only the JDK can see");
  }
}
