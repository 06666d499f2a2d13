package io.github.jcacheredis.launcher;

import java.nio.charset.StandardCharsets;

/**
 * A few raw commands to the test Redis, to look at what the provider stored independently of any cache client: a
 * thin layer over {@link RespClient} for the starters' and examples' tests, whose replies are text. Honours a
 * password and a database in the URL, not TLS.
 */
public final class RedisInspector implements AutoCloseable {

  private final RespClient client;

  /** @param url a {@code redis://} URL, with credentials and database if the server needs them */
  public RedisInspector(String url) {
    client = RespClient.connect(url, 2_000);
  }

  /** @return whether the key exists */
  public boolean exists(String key) {
    return (Long) call("EXISTS", key) == 1;
  }

  /** @return the key's remaining time to live in milliseconds, -1 without one, -2 if absent */
  public long pttl(String key) {
    return (Long) call("PTTL", key);
  }

  /**
   * Sends one command; replies are a String (bulk strings as ISO-8859-1, so binary values keep their bytes), a Long
   * or null; an error reply is an {@link IllegalStateException}.
   */
  public Object call(String... command) {
    Object reply = client.call((Object[]) command);
    return reply instanceof byte[] ? new String((byte[]) reply, StandardCharsets.ISO_8859_1) : reply;
  }

  /** The underlying client, for what this layer does not offer. */
  public RespClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
  }
}
