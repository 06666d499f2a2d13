package io.github.jcacheredis.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Asks a Redis on the loopback interface whether it is up, speaking RESP over a plain socket so that this module
 * needs no Redis client.
 */
final class RedisProbe {

  private static final int TIMEOUT_MILLIS = 1_000;
  private static final String PROCESS_ID_FIELD = "process_id:";

  private RedisProbe() {}

  /**
   * Returns the process id of the Redis that answers {@code PING} on the port, or empty if none answers yet.
   * Comparing it with the pid we started tells our server apart from another one that took the port first.
   */
  static OptionalLong readyServerPid(int port) {
    try (Socket socket = connect(port)) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (!"+PONG".equals(readLine(in))) {
        return OptionalLong.empty();
      }
      out.write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return parsePid(readBulkString(in));
    } catch (IOException notReadyYet) {
      return OptionalLong.empty();
    }
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static OptionalLong parsePid(String info) {
    for (String line : info.split("\r\n")) {
      if (line.startsWith(PROCESS_ID_FIELD)) {
        return OptionalLong.of(Long.parseLong(line.substring(PROCESS_ID_FIELD.length()).trim()));
      }
    }
    return OptionalLong.empty();
  }

  /** Reads a RESP bulk string reply ({@code $<length>\r\n<bytes>\r\n}); an error or other reply reads as empty. */
  private static String readBulkString(InputStream in) throws IOException {
    String header = readLine(in);
    if (!header.startsWith("$")) {
      return "";
    }
    int length = Integer.parseInt(header.substring(1));
    byte[] body = in.readNBytes(Math.max(length, 0));
    return new String(body, StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    for (int b = in.read(); b != -1; b = in.read()) {
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
    throw new IOException("connection closed before the end of a reply line");
  }
}
