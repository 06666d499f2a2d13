package io.github.jcacheredis.testing;

import io.github.jcacheredis.config.RedisAddress;
import io.github.jcacheredis.storage.RespConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw Redis client for tests: it shows what the provider really stored, independent of Redisson and of the
 * provider's own codecs. It speaks through the provider's plain {@link RespConnection}. Replies are byte[]
 * (bulk), String (status), Long, List, or null; an error reply is an IllegalStateException.
 */
public final class RespClient implements AutoCloseable {

  private final RespConnection connection;

  /** Connects. */
  public RespClient(String host, int port) {
    try {
      connection = RespConnection.open(new InetSocketAddress(host, port),
          RedisAddress.parse("redis://" + host + ":" + port, "test client"), null, 5000, 60_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one command whose arguments are Strings or byte[] and returns its reply. */
  public Object call(Object... args) {
    try {
      return connection.call(args);
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).startsWith("Redis answered with an error")) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends many commands at once (pipelined) and reads all their replies.
   *
   * @param commands each command's arguments, Strings or byte[]
   * @return the replies, in order
   */
  public List<Object> pipeline(List<Object[]> commands) {
    try {
      for (Object[] command : commands) {
        connection.send(command);
      }
      List<Object> replies = new ArrayList<>(commands.size());
      for (int i = 0; i < commands.size(); i++) {
        replies.add(connection.read());
      }
      return replies;
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

  @Override
  public void close() {
    connection.close();
  }
}
