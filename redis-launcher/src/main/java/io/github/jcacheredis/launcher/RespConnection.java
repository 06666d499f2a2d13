package io.github.jcacheredis.launcher;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking RESP2 connection to a server on the loopback interface, for the administrative commands the cluster and
 * sentinel harnesses send ({@code CLUSTER ...}, {@code SENTINEL ...}, {@code INFO}); this module has no Redis client.
 *
 * <p>Replies are a {@code String} (simple and bulk strings), a {@code Long}, a {@code List} of replies, or
 * {@code null}; an error reply throws {@link ErrorReply}.
 */
final class RespConnection implements AutoCloseable {

  private static final int TIMEOUT_MILLIS = 2_000;

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private RespConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new BufferedInputStream(socket.getInputStream());
  }

  /** Connects to the server on {@code port} of 127.0.0.1. */
  static RespConnection open(int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      return new RespConnection(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Opens a connection, sends one command and closes it. */
  static Object once(int port, String... command) throws IOException {
    try (RespConnection connection = open(port)) {
      return connection.call(command);
    }
  }

  /** Like {@link #once}, for a command answering with text (INFO, CLUSTER NODES). */
  static String text(int port, String... command) throws IOException {
    return (String) once(port, command);
  }

  /** Sends one command and reads its reply. */
  Object call(String... command) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String argument : command) {
      byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
      buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      buffer.writeBytes(bytes);
      buffer.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write(buffer.toByteArray());
    out.flush();
    return read();
  }

  private Object read() throws IOException {
    int type = in.read();
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new ErrorReply(line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] bytes = in.readNBytes(length);
        readLine();
        return new String(bytes, StandardCharsets.UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(read());
        }
        return items;
      }
      default:
        throw new IOException("unexpected RESP reply type " + type);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\r'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed before the end of a reply");
      }
      line.write(b);
    }
    in.read();
    return line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An error reply ({@code -ERR ...}) from the server. */
  static final class ErrorReply extends IOException {
    ErrorReply(String message) {
      super(message);
    }
  }
}
