package io.github.jcacheredis.launcher;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A few raw commands to the test Redis, to look at what the provider stored independently of any cache client
 * (RESP2 over a plain socket; honours a password and a database in the URL, not TLS). For the tests of every
 * module that looks into Redis: the provider's own, the starters' and the examples'.
 */
public final class RedisInspector implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  /** @param url a {@code redis://} URL, with credentials and database if the server needs them */
  public RedisInspector(String url) {
    URI uri = URI.create(url);
    socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort()), 2_000);
      socket.setSoTimeout(2_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream());
      String userInfo = uri.getUserInfo();
      if (userInfo != null) {
        int colon = userInfo.indexOf(':');
        if (colon <= 0) {
          call("AUTH", userInfo.substring(colon + 1));
        } else {
          call("AUTH", userInfo.substring(0, colon), userInfo.substring(colon + 1));
        }
      }
      if (uri.getPath() != null && uri.getPath().length() > 1) {
        call("SELECT", uri.getPath().substring(1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the test Redis", e);
    }
  }

  /** @return whether the key exists */
  public boolean exists(String key) {
    return (Long) call("EXISTS", key) == 1;
  }

  /** @return the key's remaining time to live in milliseconds, -1 without one, -2 if absent */
  public long pttl(String key) {
    return (Long) call("PTTL", key);
  }

  /** Sends one command; replies are a String, a Long or null. */
  public Object call(String... command) {
    try {
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      request.writeBytes(("*" + command.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (String argument : command) {
        byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
        request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(bytes);
        request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write(request.toByteArray());
      out.flush();
      int type = in.read();
      String line = readLine();
      switch (type) {
        case '+':
          return line;
        case ':':
          return Long.parseLong(line);
        case '$':
          int length = Integer.parseInt(line);
          if (length < 0) {
            return null;
          }
          byte[] bytes = in.readNBytes(length);
          readLine();
          return new String(bytes, StandardCharsets.ISO_8859_1);
        case '-':
          throw new IllegalStateException("Redis answered " + String.join(" ", command) + " with " + line);
        default:
          throw new IllegalStateException("unexpected RESP reply type " + (char) type);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\r'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed in the middle of a reply");
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
}
