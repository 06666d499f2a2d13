package io.github.jcacheredis.internal.storage;

/**
 * A key of the cache that holds a hash, list, set, sorted set or stream instead of an entry's string (another
 * program wrote there, or someone with {@code redis-cli}). Redis answers the string commands on it (GET, GETEX,
 * GETDEL, SET ... GET) with a {@code WRONGTYPE} error; that is bytes we cannot trust, not an outage, so it reads
 * as a value of zero bytes, which no value format accepts: callers then treat it as corrupt, a miss for reads
 * and something to overwrite or delete for writes. The Lua scripts read it the same way (an empty string).
 */
final class WrongType {

  private static final String ERROR_CODE = "WRONGTYPE";

  private WrongType() {
  }

  /** @return what a key of another type reads as: zero bytes (a new array, so no caller shares it) */
  static byte[] value() {
    return new byte[0];
  }

  /** @return whether {@code failure} (or a cause) is Redis's answer to a command on a key of another type */
  static boolean is(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && message.startsWith(ERROR_CODE)) {
        return true;
      }
    }
    return false;
  }
}
