package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;

/**
 * An immutable framework class whose state is one {@code Object[]} field passed to its varargs constructor, which
 * computes what the class caches beside it (Spring's {@code SimpleKey} caches its arguments' hash in a transient
 * field, which Kryo's field serializer would leave at zero). Written as the array; read by calling the
 * constructor with it.
 */
public final class ArgumentsSerializer extends Serializer<Object> {

  private final Field arguments;
  private final Constructor<?> constructor;

  private ArgumentsSerializer(Field arguments, Constructor<?> constructor) {
    super(false, true);
    this.arguments = arguments;
    this.constructor = constructor;
  }

  /**
   * @param type  the class
   * @param field the name of its {@code Object[]} field
   * @return the serializer, or one that refuses the class when it has no such field and constructor (a
   *     framework release that changed it)
   */
  public static Serializer<?> of(Class<?> type, String field) {
    try {
      Field arguments = type.getDeclaredField(field);
      Constructor<?> constructor = type.getConstructor(Object[].class);
      if (arguments.getType() != Object[].class) {
        throw new NoSuchFieldException(field + " is not an Object[]");
      }
      arguments.setAccessible(true);
      return new ArgumentsSerializer(arguments, constructor);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return new ValueTypeSerializers.RefusingSerializer("its arguments cannot be read (" + e + ")");
    }
  }

  @Override
  public void write(Kryo kryo, Output output, Object object) {
    try {
      kryo.writeObject(output, arguments.get(object));
    } catch (IllegalAccessException e) {
      throw new UnrepresentableTypeException(object.getClass(), "its arguments cannot be read (" + e + ")");
    }
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<?> type) {
    Object[] values = kryo.readObject(input, Object[].class);
    try {
      return constructor.newInstance((Object) values);
    } catch (InvocationTargetException e) {
      throw new KryoException("the constructor of " + type.getName() + " failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new KryoException("cannot rebuild " + type.getName(), e);
    }
  }
}
