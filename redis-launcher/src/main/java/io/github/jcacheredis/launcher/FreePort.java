package io.github.jcacheredis.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a loopback port that is free right now. */
final class FreePort {

  private FreePort() {}

  /**
   * Returns a port the OS just handed out and released. Another process may take it before redis-server binds it,
   * which {@link RedisServerProcess} detects and answers by trying another port.
   */
  static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
