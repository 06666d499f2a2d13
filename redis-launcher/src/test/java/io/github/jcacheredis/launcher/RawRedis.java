package io.github.jcacheredis.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Sends inline commands to a loopback Redis over a raw socket and reads reply lines, so tests need no client. */
final class RawRedis {

  private RawRedis() {}

  /** Sends {@code PING} and returns the reply line, {@code +PONG} from a live server. */
  static String ping(int port) throws IOException {
    return command(port, "PING", 1).get(0);
  }

  /** Sends one inline command and returns the first {@code lines} lines of the reply. */
  static List<String> command(int port, String inlineCommand, int lines) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(2_000);
      OutputStream out = socket.getOutputStream();
      out.write((inlineCommand + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      List<String> reply = new ArrayList<>();
      for (int i = 0; i < lines; i++) {
        reply.add(in.readLine());
      }
      return reply;
    }
  }
}
