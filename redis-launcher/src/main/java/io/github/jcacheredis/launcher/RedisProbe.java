package io.github.jcacheredis.launcher;

import java.util.OptionalLong;

/** Asks a Redis on the loopback interface whether it is up, through {@link RespClient} (this module has no client). */
final class RedisProbe {

  private static final int TIMEOUT_MILLIS = 1_000;

  private RedisProbe() {}

  /**
   * Returns the process id of the Redis that answers {@code PING} on the port, or empty if none answers yet.
   * Comparing it with the pid we started tells our server apart from another one that took the port first.
   */
  static OptionalLong readyServerPid(int port) {
    try (RespClient redis = new RespClient("127.0.0.1", port, TIMEOUT_MILLIS)) {
      if (!"PONG".equals(redis.call("PING"))) {
        return OptionalLong.empty();
      }
      String pid = redis.info("server").get("process_id");
      return pid == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid.trim()));
    } catch (RuntimeException notReadyYet) {
      // refused, timed out, or an error reply such as -LOADING: not ready yet
      return OptionalLong.empty();
    }
  }
}
