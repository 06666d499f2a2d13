package io.github.jcacheredis.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The administrative commands the cluster and sentinel harnesses send ({@code CLUSTER ...}, {@code SENTINEL ...},
 * {@code INFO}), each on a connection of its own through {@link RespClient} to a server on 127.0.0.1. Bulk replies
 * are decoded as text; a failure (refused connection, timeout, error reply) is an {@link IOException}, which
 * {@link Await} counts as "not yet".
 */
final class AdminCommands {

  private static final int TIMEOUT_MILLIS = 2_000;

  private AdminCommands() {}

  /** Opens a connection, sends one command and closes it; replies are a String, a Long, a List or null. */
  static Object once(int port, String... command) throws IOException {
    try (RespClient client = new RespClient("127.0.0.1", port, TIMEOUT_MILLIS)) {
      return decoded(client.call((Object[]) command));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (IllegalStateException e) {
      throw new IOException("port " + port + ": " + e.getMessage(), e);
    }
  }

  /** Like {@link #once}, for a command answering with text (CLUSTER NODES, CLUSTER MYID). */
  static String text(int port, String... command) throws IOException {
    return (String) once(port, command);
  }

  /** One section of {@code INFO} as its fields. */
  static Map<String, String> info(int port, String section) throws IOException {
    return RespClient.fields(text(port, "INFO", section));
  }

  /** {@code CLUSTER INFO} as its fields. */
  static Map<String, String> clusterInfo(int port) throws IOException {
    return RespClient.fields(text(port, "CLUSTER", "INFO"));
  }

  private static Object decoded(Object reply) {
    if (reply instanceof byte[]) {
      return new String((byte[]) reply, StandardCharsets.UTF_8);
    }
    if (reply instanceof List) {
      List<Object> items = new ArrayList<>();
      for (Object item : (List<?>) reply) {
        items.add(decoded(item));
      }
      return items;
    }
    return reply;
  }
}
