package io.github.jcacheredis.internal.storage;

import org.jspecify.annotations.Nullable;

/**
 * Bytes found in Redis that do not decode to an entry of this cache: garbage, a truncated payload, an unknown
 * format version, a class whose fields changed since it was written, or a value of the wrong type. Callers treat
 * it as a miss and count it; it never leaves the provider. Its one subclass, {@link UnverifiedValueException}, is
 * bytes refused unread because signing keys are configured and none verifies them.
 */
public class CorruptValueException extends Exception {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong with the bytes
   * @param cause   the decoding failure, if any
   */
  public CorruptValueException(String message, @Nullable Throwable cause) {
    super(message, cause, false, false);
  }
}
