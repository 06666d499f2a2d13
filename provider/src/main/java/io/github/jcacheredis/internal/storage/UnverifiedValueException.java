package io.github.jcacheredis.internal.storage;

/**
 * Bytes found in Redis that were refused unread because signing keys are configured and no key verifies their tag:
 * unsigned bytes, bytes signed with an unknown key, or bytes moved from another name. Kryo never sees them. Callers
 * treat them as a miss, as any corrupt value, but count them apart ({@code unverifiedValues}), since they point to
 * a writer without the keys rather than to a changed class.
 */
public final class UnverifiedValueException extends CorruptValueException {

  private static final long serialVersionUID = 1L;

  /** @param message why the bytes were refused (never the keys) */
  public UnverifiedValueException(String message) {
    super(message, null);
  }
}
