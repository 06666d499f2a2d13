package io.github.jcacheredis.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Picks a loopback port that is free right now. */
final class FreePort {

  /** The distance from a cluster node's client port to its cluster bus port. */
  static final int CLUSTER_BUS_OFFSET = 10_000;

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

  /**
   * Returns a port that is free together with the port {@value #CLUSTER_BUS_OFFSET} above it, where a cluster node
   * listens for its peers (Redis 6.2 has no setting to place that bus port elsewhere). Both lie below the usual
   * ephemeral range, so that client sockets rarely take them; the same race as in {@link #pick()} remains.
   */
  static int pickWithClusterBus() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(12_000, 22_000);
      if (isFree(port) && isFree(port + CLUSTER_BUS_OFFSET)) {
        return port;
      }
    }
    throw new UncheckedIOException(new IOException("no free pair of loopback ports for a cluster node"));
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
