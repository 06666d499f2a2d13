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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  /**
   * Connects to a {@code redis://[[user]:password@]host[:port][/database]} URL, authenticating and selecting the
   * database if it names them (no TLS).
   *
   * @param readTimeoutMillis how long to wait for each reply, 0 for ever (a {@code MONITOR} connection)
   */
  public static RespClient connect(String redisUrl, int readTimeoutMillis) {
    URI uri = URI.create(redisUrl);
    if (!"redis".equals(uri.getScheme())) {
      throw new IllegalArgumentException("only redis:// URLs are supported here, not " + uri.getScheme());
    }
    RespClient client = new RespClient(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort(), readTimeoutMillis);
    try {
      String userInfo = uri.getRawUserInfo();
      if (userInfo != null) {
        String[] parts = userInfo.split(":", 2);
        String password = URLDecoder.decode(parts[parts.length - 1], StandardCharsets.UTF_8);
        if (parts.length == 2 && !parts[0].isEmpty()) {
          client.call("AUTH", URLDecoder.decode(parts[0], StandardCharsets.UTF_8), password);
        } else {
          client.call("AUTH", password);
        }
      }
      if (uri.getPath() != null && uri.getPath().length() > 1) {
        client.call("SELECT", uri.getPath().substring(1));
      }
      return client;
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** Like {@link #connect(String, int)}, waiting up to 60 s for each reply. */
  public static RespClient connect(String redisUrl) {
    return connect(redisUrl, 60_000);
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

  /** @return every key matching {@code pattern}, by SCAN, as UTF-8 text */
  public List<String> keys(String pattern) {
    List<String> keys = new ArrayList<>();
    for (byte[] key : keyBytes(pattern)) {
      keys.add(new String(key, StandardCharsets.UTF_8));
    }
    return keys;
  }

  /** @return every key matching {@code pattern}, by SCAN, as Redis holds it (binary keys survive) */
  public List<byte[]> keyBytes(String pattern) {
    List<byte[]> keys = new ArrayList<>();
    String cursor = "0";
    do {
      List<?> reply = (List<?>) call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
      cursor = new String((byte[]) reply.get(0), StandardCharsets.US_ASCII);
      for (Object key : (List<?>) reply.get(1)) {
        keys.add((byte[]) key);
      }
    } while (!"0".equals(cursor));
    return keys;
  }

  /**
   * One section of {@code INFO} as its {@code field:value} lines (the one INFO parser of the tests).
   *
   * @param section e.g. {@code memory}, {@code replication}, {@code commandstats}, {@code errorstats}, {@code all}
   * @return each field's value, in the server's order
   */
  public Map<String, String> info(String section) {
    return fields(text("INFO", section));
  }

  /** @return {@code CLUSTER INFO} as its {@code field:value} lines */
  public Map<String, String> clusterInfo() {
    return fields(text("CLUSTER", "INFO"));
  }

  /** Parses the {@code field:value} lines of an INFO reply, skipping {@code # Section} headers and blank lines. */
  public static Map<String, String> fields(String info) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (!line.isEmpty() && !line.startsWith("#") && colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return fields;
  }

  /**
   * @param command a command name as INFO commandstats spells it, e.g. {@code get}
   * @return how many times the server has run it
   */
  public long commandCount(String command) {
    return commandCounts().getOrDefault(command, 0L);
  }

  /** @return how many times the server has run each command, by INFO commandstats, keyed as it spells them */
  public Map<String, Long> commandCounts() {
    return commandCounts(info("commandstats"));
  }

  /**
   * @param info the fields of an INFO reply holding the commandstats section ({@link #info}, {@link #fields})
   * @return the {@code calls} of each {@code cmdstat_<command>} field, keyed by the command
   */
  public static Map<String, Long> commandCounts(Map<String, String> info) {
    Map<String, Long> counts = new LinkedHashMap<>();
    info.forEach((field, value) -> {
      if (field.startsWith("cmdstat_")) {
        String calls = value.substring(value.indexOf("calls=") + 6);
        int end = calls.indexOf(',');
        counts.put(field.substring(8), Long.parseLong(end < 0 ? calls : calls.substring(0, end)));
      }
    });
    return counts;
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
