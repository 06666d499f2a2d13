package io.github.jcacheredis.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client for tests: it shows what the provider really stored, independent of Redisson and
 * of the provider's own codecs. Replies are byte[] (bulk), String (status), Long, List, or null.
 */
public final class RespClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  /** Connects. */
  public RespClient(String host, int port) {
    try {
      socket = new Socket(host, port);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one command whose arguments are Strings or byte[] and returns its reply. */
  public Object call(Object... args) {
    try {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      buffer.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (Object arg : args) {
        byte[] bytes = arg instanceof byte[] ? (byte[]) arg : String.valueOf(arg).getBytes(StandardCharsets.UTF_8);
        buffer.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        buffer.write(bytes);
        buffer.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write(buffer.toByteArray());
      out.flush();
      return read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the reply as text */
  public String text(Object... args) {
    Object reply = call(args);
    return reply instanceof byte[] ? new String((byte[]) reply, StandardCharsets.UTF_8) : (String) reply;
  }

  /** @return the reply as a number */
  public long number(Object... args) {
    return (Long) call(args);
  }

  /** @return every key matching {@code pattern}, by SCAN */
  public List<String> keys(String pattern) {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      @SuppressWarnings("unchecked")
      List<Object> reply = (List<Object>) call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
      cursor = new String((byte[]) reply.get(0), StandardCharsets.US_ASCII);
      @SuppressWarnings("unchecked")
      List<Object> page = (List<Object>) reply.get(1);
      for (Object key : page) {
        keys.add(new String((byte[]) key, StandardCharsets.UTF_8));
      }
    } while (!"0".equals(cursor));
    return keys;
  }

  /**
   * @param command a command name as INFO commandstats spells it, e.g. {@code get}
   * @return how many times the server has run it
   */
  public long commandCount(String command) {
    String stats = text("INFO", "commandstats");
    for (String line : stats.split("\r\n")) {
      if (line.startsWith("cmdstat_" + command + ":")) {
        String calls = line.substring(line.indexOf("calls=") + 6);
        return Long.parseLong(calls.substring(0, calls.indexOf(',')));
      }
    }
    return 0;
  }

  private Object read() throws IOException {
    int type = in.read();
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new IllegalStateException("Redis error: " + line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] bytes = in.readNBytes(length);
        readLine();
        return bytes;
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
        throw new IllegalStateException("unexpected reply type " + (char) type);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\r') {
      if (b < 0) {
        throw new IOException("connection closed");
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
