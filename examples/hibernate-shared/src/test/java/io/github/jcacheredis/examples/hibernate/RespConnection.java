package io.github.jcacheredis.examples.hibernate;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A bare RESP connection for looking at Redis from the tests, independent of the provider under test. Strings
 * travel as ISO-8859-1, so binary keys survive a round trip unchanged.
 */
final class RespConnection implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RespConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects to a {@code redis://[user:password@]host:port} URL, authenticating if it names a password. */
  static RespConnection open(String redisUrl) throws IOException {
    URI uri = URI.create(redisUrl);
    if (!"redis".equals(uri.getScheme())) {
      throw new IllegalArgumentException("only redis:// URLs are supported here, not " + uri.getScheme());
    }
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort()), 5_000);
    RespConnection connection = new RespConnection(socket);
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      String[] parts = userInfo.split(":", 2);
      String password = URLDecoder.decode(parts[parts.length - 1], StandardCharsets.UTF_8);
      Object reply = parts.length == 2 && !parts[0].isEmpty()
          ? connection.call("AUTH", URLDecoder.decode(parts[0], StandardCharsets.UTF_8), password)
          : connection.call("AUTH", password);
      if (reply instanceof IOException) {
        connection.close();
        throw (IOException) reply;
      }
    }
    return connection;
  }

  /** Sends a command and returns its reply: a String, a Long, a List, {@code null}, or an IOException (error). */
  Object call(String... arguments) throws IOException {
    StringBuilder command = new StringBuilder("*").append(arguments.length).append("\r\n");
    for (String argument : arguments) {
      command.append('$').append(argument.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n")
          .append(argument).append("\r\n");
    }
    out.write(command.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return reply();
  }

  /** The PTTL of the one key matching a pattern (failing if there is not exactly one). */
  long ttlOfTheOnlyKey(String pattern) throws IOException {
    List<?> scan = (List<?>) call("SCAN", "0", "MATCH", pattern, "COUNT", "10000");
    List<?> keys = (List<?>) scan.get(1);
    if (keys.size() != 1) {
      throw new IllegalStateException("expected one key matching " + pattern + ", found " + keys);
    }
    return (Long) call("PTTL", (String) keys.get(0));
  }

  /** @return the PTTL of every key matching {@code pattern}, in no particular order */
  List<Long> ttlsOfKeys(String pattern) throws IOException {
    List<?> scan = (List<?>) call("SCAN", "0", "MATCH", pattern, "COUNT", "10000");
    List<Long> ttls = new java.util.ArrayList<>();
    for (Object key : (List<?>) scan.get(1)) {
      ttls.add((Long) call("PTTL", (String) key));
    }
    return ttls;
  }

  /** Reads the next reply; after {@code MONITOR}, each reply is one command Redis executed. */
  Object reply() throws IOException {
    String line = line();
    switch (line.charAt(0)) {
      case '+':
        return line.substring(1);
      case '-':
        return new IOException(line.substring(1));
      case ':':
        return Long.parseLong(line.substring(1));
      case '$': {
        int length = Integer.parseInt(line.substring(1));
        if (length < 0) {
          return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      case '*': {
        int count = Integer.parseInt(line.substring(1));
        if (count < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(reply());
        }
        return items;
      }
      default:
        throw new IOException("not a RESP reply: " + line);
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); ; b = in.read()) {
      if (b == -1) {
        throw new IOException("connection closed by Redis");
      }
      if (b == '\r') {
        in.read();
        return line.toString(StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
