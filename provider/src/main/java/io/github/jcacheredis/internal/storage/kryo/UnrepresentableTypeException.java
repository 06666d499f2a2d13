package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.KryoException;

/**
 * A value holds an object that cannot be written so that it reads back as it was: a JDK class whose state is
 * private to the JDK (a lock, a thread, a socket), a lambda, or a container whose comparator or element type
 * cannot be captured. Thrown at write time, so the put is refused before anything reaches Redis.
 */
public final class UnrepresentableTypeException extends KryoException {

  private static final long serialVersionUID = 1L;

  private final Class<?> type;

  /**
   * @param type   the class that cannot be written
   * @param reason why
   */
  public UnrepresentableTypeException(Class<?> type, String reason) {
    super("class " + type.getName() + " cannot be stored faithfully: " + reason);
    this.type = type;
  }

  /** @return the class that cannot be written */
  public Class<?> type() {
    return type;
  }
}
