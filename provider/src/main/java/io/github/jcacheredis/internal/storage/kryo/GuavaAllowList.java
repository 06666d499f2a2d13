package io.github.jcacheredis.internal.storage.kryo;

/** Whether a class name read from Redis is one of the Guava classes this package rebuilds without field access. */
public final class GuavaAllowList {

  private GuavaAllowList() {
  }

  /**
   * @param className a binary class name
   * @return whether it is a Guava immutable collection class and Guava is on the provider's class path
   */
  public static boolean allows(String className) {
    return GuavaSerializers.allows(className);
  }
}
