package io.github.jcacheredis.internal.storage;

import io.github.jcacheredis.internal.config.ProviderSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Redis connections of one caching provider, one per distinct connection setting, so that many
 * CacheManagers (one per ClassLoader and URI) do not each open a pool to the same server.
 */
public final class SharedConnections {

  private final Map<Object, RedisConnection> connections = new HashMap<>();

  /**
   * @param settings a CacheManager's settings
   * @return a connection for them, retained for the caller
   */
  public synchronized RedisConnection acquire(ProviderSettings settings) {
    Object key = settings.connectionKey();
    RedisConnection connection = connections.get(key);
    if (connection != null && !connection.isShutdown()) {
      connection.retain();
      return connection;
    }
    connection = RedisConnection.open(settings);
    connections.put(key, connection);
    return connection;
  }

  /**
   * Gives a connection back; the last user's release shuts it down.
   *
   * @param settings   the settings it was acquired with
   * @param connection the connection
   */
  public synchronized void release(ProviderSettings settings, RedisConnection connection) {
    if (connection.release()) {
      connections.remove(settings.connectionKey(), connection);
    }
  }

  /**
   * Gives a connection back; the last user's release shuts it down, waiting for Redis at most {@code within}.
   *
   * @param settings   the settings it was acquired with
   * @param connection the connection
   * @param within     how long shutting down may wait for Redis
   */
  public synchronized void release(ProviderSettings settings, RedisConnection connection, Duration within) {
    if (connection.release(within)) {
      connections.remove(settings.connectionKey(), connection);
    }
  }
}
