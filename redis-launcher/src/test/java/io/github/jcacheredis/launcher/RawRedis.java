package io.github.jcacheredis.launcher;

import java.io.IOException;

/** One command to a loopback Redis through {@link AdminCommands} (the launcher's {@link RespClient}), replies as text. */
final class RawRedis {

  private RawRedis() {}

  /** Sends {@code PING} and returns the reply, {@code PONG} from a live server. */
  static Object ping(int port) throws IOException {
    return command(port, "PING");
  }

  /** Sends one command and returns its reply: a String, a Long, a List or null. */
  static Object command(int port, String... command) throws IOException {
    return AdminCommands.once(port, command);
  }
}
