package io.github.jcacheredis.internal.storage;

import io.github.jcacheredis.internal.storage.kryo.GraphLimitException;
import io.github.jcacheredis.internal.storage.kryo.UnrepresentableTypeException;
import org.jspecify.annotations.Nullable;

/**
 * A value (or key) that cannot be stored so that it reads back exactly as it was: a class that is not on the
 * allow-list, a JDK class whose state is private to the JDK, a lambda, a graph too deep or too shared for a reader
 * to accept, or a value that did not read back equal the first time its classes were written. Thrown before
 * anything reaches a cache writer or Redis; the message names the cache, the key and the class.
 */
public final class UnstorableValueException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;
  private static final int MAX_KEY_TEXT = 120;

  private UnstorableValueException(@Nullable String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * @param value   what was being written
   * @param failure why it could not be
   * @return the refusal, naming the class at fault
   */
  static UnstorableValueException of(Object value, Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnstorableValueException) {
        return (UnstorableValueException) cause;
      }
      if (cause instanceof DisallowedClassException || cause instanceof UnrepresentableTypeException
          || cause instanceof GraphLimitException) {
        String message = cause instanceof DisallowedClassException || cause instanceof UnrepresentableTypeException
            ? cause.getMessage() : "class " + className(value) + " cannot be stored: " + cause.getMessage();
        return new UnstorableValueException(message, failure);
      }
    }
    return new UnstorableValueException("class " + className(value) + " cannot be stored: "
        + failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure);
  }

  /**
   * @param value  what was written
   * @param reason how it came back different
   * @return the refusal
   */
  static UnstorableValueException notFaithful(Object value, String reason) {
    return new UnstorableValueException("class " + className(value) + " cannot be stored faithfully: " + reason,
        null);
  }

  /**
   * @param cacheName the cache written to
   * @param key       the key written
   * @param what      "value" or "key"
   * @return this refusal, with the cache and key named
   */
  public UnstorableValueException in(String cacheName, Object key, String what) {
    return new UnstorableValueException("Cache '" + cacheName + "': the " + what + " for key " + describe(key)
        + " cannot be stored: " + getMessage(), this);
  }

  private static String className(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  private static String describe(Object key) {
    String text;
    try {
      text = String.valueOf(key);
    } catch (RuntimeException e) {
      text = "of " + className(key);
    }
    return text.length() > MAX_KEY_TEXT ? "'" + text.substring(0, MAX_KEY_TEXT) + "...'" : "'" + text + "'";
  }
}
