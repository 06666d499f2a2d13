package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * A framework's singleton marker (Spring's {@code NullValue.INSTANCE}, Hibernate's {@code UNFETCHED_PROPERTY}),
 * which the framework recognizes by identity: written as nothing, read as the framework's own instance, as its
 * {@code readResolve} does for Java serialization. A field-by-field copy would be a second instance that the
 * framework takes for an ordinary value.
 */
public final class SingletonSerializer extends Serializer<Object> {

  private final Object instance;

  private SingletonSerializer(Object instance) {
    super(false, true);
    this.instance = instance;
  }

  /**
   * Finds the instance by reflection, so the provider needs no compile-time dependency on the framework.
   *
   * @param type   the singleton's class, as named in the bytes
   * @param holder the class declaring the public static field that holds the instance
   * @param field  that field's name
   * @return the serializer, or one that refuses the class when the field does not hold an instance of it (a
   *     framework release whose anonymous classes were renumbered)
   */
  public static Serializer<?> of(Class<?> type, String holder, String field) {
    Object instance;
    try {
      Field declared = Class.forName(holder, true, type.getClassLoader()).getField(field);
      instance = Modifier.isStatic(declared.getModifiers()) ? declared.get(null) : null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      instance = null;
    }
    if (instance == null || instance.getClass() != type) {
      return new ValueTypeSerializers.RefusingSerializer("it is not the class of " + holder + "." + field
          + ", the only instance that is read back as itself");
    }
    return new SingletonSerializer(instance);
  }

  @Override
  public void write(Kryo kryo, Output output, Object object) {
    if (object != instance) {
      throw new UnrepresentableTypeException(object.getClass(), "it is not the framework's only instance of it");
    }
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<?> type) {
    return instance;
  }
}
