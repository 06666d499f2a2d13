package io.github.jcacheredis.launcher;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/** Polls a condition on running servers until it holds, instead of sleeping for a guessed time. */
final class Await {

  private static final long POLL_MILLIS = 50;

  private Await() {}

  /** A condition that may not be answerable yet: an {@link IOException} counts as "not yet". */
  @FunctionalInterface
  interface Condition {
    boolean holds() throws IOException;
  }

  /**
   * Returns once {@code condition} holds.
   *
   * @param what described in the exception thrown when the time runs out
   * @throws IOException if the condition does not hold within {@code timeout}, with the last failure as cause
   */
  static void until(Duration timeout, String what, Condition condition) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    IOException lastFailure = null;
    while (true) {
      try {
        if (condition.holds()) {
          return;
        }
      } catch (IOException e) {
        lastFailure = e;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IOException("timed out after " + timeout.toMillis() + " ms waiting until " + what, lastFailure);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting until " + what);
      }
    }
  }
}
