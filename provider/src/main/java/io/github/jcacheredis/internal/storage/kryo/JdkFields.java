package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.unsafe.UnsafeUtil;
import java.lang.reflect.Field;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads the few private fields of JDK collections that no public method reveals (the collection behind an
 * unmodifiable wrapper, a checked collection's element type, a {@code LinkedHashMap}'s access order), the way
 * Kryo's own field serializer reads fields: through {@code sun.misc.Unsafe}, since {@code java.util} is not open
 * to reflection. Read-only: nothing here ever writes a JDK object's field. When Unsafe is unavailable
 * ({@code -Dkryo.unsafe=false}) such values are refused at write time instead.
 */
final class JdkFields {

  private static final ConcurrentMap<String, Long> OFFSETS = new ConcurrentHashMap<>();

  private JdkFields() {
  }

  /**
   * @param target an object whose class (or a superclass) declares the field
   * @param name   the field's name
   * @return the field's value
   * @throws UnrepresentableTypeException if the field cannot be read here
   */
  static Object get(Object target, String name) {
    return UnsafeUtil.unsafe.getObject(target, offset(target.getClass(), name));
  }

  /** @return the value of a {@code boolean} field, as {@link #get} */
  static boolean getBoolean(Object target, String name) {
    return UnsafeUtil.unsafe.getBoolean(target, offset(target.getClass(), name));
  }

  /** @return whether {@code type} or a superclass declares a field of that name */
  static boolean has(Class<?> type, String name) {
    return find(type, name) != null;
  }

  private static long offset(Class<?> type, String name) {
    if (UnsafeUtil.unsafe == null) {
      throw new UnrepresentableTypeException(type, "reading it needs sun.misc.Unsafe, which is disabled");
    }
    return OFFSETS.computeIfAbsent(type.getName() + '#' + name, ignored -> {
      Field field = find(type, name);
      if (field == null) {
        throw new UnrepresentableTypeException(type, "this JDK has no field '" + name + "' in it");
      }
      return UnsafeUtil.unsafe.objectFieldOffset(field);
    });
  }

  private static @Nullable Field find(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.getName().equals(name)) {
          return field;
        }
      }
    }
    return null;
  }
}
