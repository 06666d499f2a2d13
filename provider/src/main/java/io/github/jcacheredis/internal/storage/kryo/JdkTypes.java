package io.github.jcacheredis.internal.storage.kryo;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/** What the serializers need to know about a class being a JDK class. */
final class JdkTypes {

  private JdkTypes() {
  }

  /** @return whether the class belongs to the JDK, whose private state is closed to Kryo's field serializer */
  static boolean isJdk(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
        || name.startsWith("sun.") || name.startsWith("com.sun.");
  }

  /** @return whether a JDK container can be rebuilt as a new instance filled through its public methods */
  static boolean hasPublicNoArgConstructor(Class<?> type) {
    if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
      return false;
    }
    for (Constructor<?> constructor : type.getConstructors()) {
      if (constructor.getParameterCount() == 0) {
        return true;
      }
    }
    return false;
  }
}
