package io.github.jcacheredis.launcher;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw Redis client of every module's tests: it shows what the provider really stored, independent of Redisson
 * and of the provider's own codecs (RESP2 over a plain socket, no TLS). Replies are {@code byte[]} (bulk),
 * {@code String} (status), {@code Long}, {@code List} or {@code null}; an error reply is an
 * {@link IllegalStateException}.
 */
public final class RespClient implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  /** Connects, waiting up to 60 s for each reply. */
  public RespClient(String host, int port) {
    this(host, port, 60_000);
  }

  /** Connects, waiting up to {@code readTimeoutMillis} for each reply. */
  public RespClient(String host, int port, int readTimeoutMillis) {
    socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(readTimeoutMillis);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream());
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot reach Redis at " + host + ":" + port, e);
    }
  }

  /** Sends one command whose arguments are Strings (or anything, as text) or byte[] and returns its reply. */
  public Object call(Object... args) {
    send(args);
    return read();
  }

  /** Sends one command without reading its reply (replies arrive in order: read them with {@link #read()}). */
  public void send(Object... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (Object arg : args) {
      byte[] bytes = arg instanceof byte[] ? (byte[]) arg : String.valueOf(arg).getBytes(StandardCharsets.UTF_8);
      buffer.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      buffer.writeBytes(bytes);
      buffer.writeBytes(new byte[] {'\r', '\n'});
    }
    try {
      out.write(buffer.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one reply. */
  public Object read() {
    try {
      return readReply();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object readReply() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new IOException("connection closed by Redis");
    }
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new IllegalStateException("Redis answered with an error: " + line);
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
        List<Object> items = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
          items.add(readReply());
        }
        return items;
      }
      default:
        throw new IOException("unexpected RESP type byte " + type);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(16);
    for (int b = in.read(); b != '\r'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed by Redis");
      }
      line.write(b);
    }
    if (in.read() != '\n') {
      throw new IOException("malformed RESP line");
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /**
   * Sends many commands at once (pipelined) and reads all their replies.
   *
   * @param commands each command's arguments, Strings or byte[]
   * @return the replies, in order
   */
  public List<Object> pipeline(List<Object[]> commands) {
    for (Object[] command : commands) {
      send(command);
    }
    List<Object> replies = new ArrayList<>(commands.size());
    for (int i = 0; i < commands.size(); i++) {
      replies.add(read());
    }
    return replies;
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
      List<?> reply = (List<?>) call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
      cursor = new String((byte[]) reply.get(0), StandardCharsets.US_ASCII);
      for (Object key : (List<?>) reply.get(1)) {
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

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a broken socket: nothing left to do
    }
  }
}
