package io.github.jcacheredis.internal.storage;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.PriorityBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Whether a value read back after its first write is the value that was written: the same classes, the same
 * order, the same comparators, the same leaf values. {@code equals} is tried first; where it says "different" the
 * objects are compared by structure, because a list of objects without {@code equals} of their own is never
 * {@code equals} to its copy, and such values must not be refused. Cycles and shared references are followed
 * once. A JDK leaf value (a {@code Timestamp}, say) must be {@code equals} to its copy, or print the same when its
 * class has no {@code equals}: that is what catches a serializer that loses precision.
 */
final class ReadBackComparison {

  private final IdentityHashMap<Object, Object> visited = new IdentityHashMap<>();

  private ReadBackComparison() {
  }

  /**
   * @param written the value written
   * @param read    the value read back from its bytes
   * @return a description of the first difference, or {@code null} when they are the same
   */
  static @Nullable String difference(Object written, Object read) {
    return new ReadBackComparison().compare(written, read, "value");
  }

  private @Nullable String compare(@Nullable Object a, @Nullable Object b, String path) {
    if (a == null || b == null) {
      return a == b ? null : path + " is " + (a == null ? "null" : "missing");
    }
    if (a.getClass() != b.getClass()) {
      return path + " reads back as " + b.getClass().getName() + " instead of " + a.getClass().getName();
    }
    if (visited.put(a, b) != null) {
      return null;
    }
    Class<?> type = a.getClass();
    if (type.isArray()) {
      return compareArrays(a, b, path);
    }
    if (!comparatorOf(a).equals(comparatorOf(b))) {
      return path + " reads back with another comparator";
    }
    if (a instanceof Collection || a instanceof Map) {
      String difference = a instanceof Collection ? compareCollections((Collection<?>) a, (Collection<?>) b, path)
          : compareMaps((Map<?, ?>) a, (Map<?, ?>) b, path);
      // An application's subclass of a JDK container is written as a container: fields of its own would be lost.
      return difference != null || isJdk(type) ? difference : compareFields(a, b, path);
    }
    if (a instanceof Map.Entry) {
      String key = compare(((Map.Entry<?, ?>) a).getKey(), ((Map.Entry<?, ?>) b).getKey(), path + ".key");
      return key != null ? key : compare(((Map.Entry<?, ?>) a).getValue(), ((Map.Entry<?, ?>) b).getValue(),
          path + ".value");
    }
    if (safeEquals(a, b)) {
      return null;
    }
    if (isJdk(type)) {
      return !declaresEquals(type) && a.toString().equals(b.toString()) ? null
          : path + " (" + type.getName() + ") reads back different: " + a + " became " + b;
    }
    return compareFields(a, b, path);
  }

  private @Nullable String compareArrays(Object a, Object b, String path) {
    int length = Array.getLength(a);
    if (length != Array.getLength(b)) {
      return path + " reads back with another length";
    }
    if (a.getClass().getComponentType().isPrimitive()) {
      return Objects.deepEquals(a, b) ? null : path + " reads back with other elements";
    }
    for (int i = 0; i < length; i++) {
      String difference = compare(Array.get(a, i), Array.get(b, i), path + "[" + i + "]");
      if (difference != null) {
        return difference;
      }
    }
    return null;
  }

  private @Nullable String compareCollections(Collection<?> a, Collection<?> b, String path) {
    if (a.size() != b.size()) {
      return path + " reads back with " + b.size() + " elements instead of " + a.size();
    }
    if (a instanceof Set && !(a instanceof SortedSet)) {
      // A hash set's order depends on its capacity: compare membership where the elements can say.
      for (Object element : a) {
        if (element != null && declaresEquals(element.getClass()) && !b.contains(element)) {
          return path + " lost the element " + element;
        }
      }
      return null;
    }
    Iterator<?> other = b.iterator();
    int i = 0;
    for (Object element : a) {
      String difference = compare(element, other.next(), path + "[" + i++ + "]");
      if (difference != null) {
        return difference;
      }
    }
    return null;
  }

  private @Nullable String compareMaps(Map<?, ?> a, Map<?, ?> b, String path) {
    if (a.size() != b.size()) {
      return path + " reads back with " + b.size() + " entries instead of " + a.size();
    }
    if (a instanceof SortedMap || a instanceof LinkedHashMap) {
      Iterator<? extends Map.Entry<?, ?>> other = b.entrySet().iterator();
      for (Map.Entry<?, ?> entry : a.entrySet()) {
        Map.Entry<?, ?> next = other.next();
        String difference = compare(entry.getKey(), next.getKey(), path + " key");
        if (difference == null) {
          difference = compare(entry.getValue(), next.getValue(), path + "[" + entry.getKey() + "]");
        }
        if (difference != null) {
          return difference;
        }
      }
      return null;
    }
    for (Map.Entry<?, ?> entry : a.entrySet()) {
      Object key = entry.getKey();
      if (key == null || declaresEquals(key.getClass())) {
        if (!b.containsKey(key)) {
          return path + " lost the key " + key;
        }
        String difference = compare(entry.getValue(), b.get(key), path + "[" + key + "]");
        if (difference != null) {
          return difference;
        }
      }
    }
    return null;
  }

  private @Nullable String compareFields(Object a, Object b, String path) {
    for (Class<?> c = a.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
      if (isJdk(c)) {
        return null; // a JDK superclass's private state is not ours to inspect
      }
      for (Field field : c.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)) {
          continue;
        }
        try {
          field.setAccessible(true);
        } catch (RuntimeException closed) {
          continue; // a class of a named module that is not open: trust what Kryo wrote
        }
        try {
          String difference = compare(field.get(a), field.get(b), path + "." + field.getName());
          if (difference != null) {
            return difference;
          }
        } catch (IllegalAccessException e) {
          // a field we cannot read is not compared
        }
      }
    }
    return null;
  }

  private static Object comparatorOf(Object container) {
    Object comparator = container instanceof SortedSet ? ((SortedSet<?>) container).comparator()
        : container instanceof SortedMap ? ((SortedMap<?, ?>) container).comparator()
        : container instanceof PriorityQueue ? ((PriorityQueue<?>) container).comparator()
        : container instanceof PriorityBlockingQueue ? ((PriorityBlockingQueue<?>) container).comparator() : null;
    return comparator == null ? Void.class : comparator.getClass();
  }

  private static boolean safeEquals(Object a, Object b) {
    try {
      return a.equals(b);
    } catch (RuntimeException | StackOverflowError e) {
      return false;
    }
  }

  static boolean declaresEquals(Class<?> type) {
    try {
      return type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static boolean isJdk(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
        || name.startsWith("sun.") || name.startsWith("com.sun.");
  }
}
