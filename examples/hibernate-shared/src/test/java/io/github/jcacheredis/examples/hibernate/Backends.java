package io.github.jcacheredis.examples.hibernate;

import io.github.jcacheredis.launcher.RedisLauncher;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.h2.tools.Server;

/**
 * What the application nodes share: one Redis (REDIS_URL, else a private redis-server) and one in-memory H2
 * database served over TCP. Entries go under a key prefix of their own, so a shared Redis never answers with
 * another run's entries for this run's fresh database.
 */
final class Backends implements AutoCloseable {

  static final String URL_PROPERTY = "jcacheredis.url";
  static final String PREFIX_PROPERTY = "jcacheredis.prefix";

  private final RedisLauncher redis;
  private final Server database;
  private final String jdbcUrl;
  private final String keyPrefix;

  private Backends(RedisLauncher redis, Server database, String name, boolean keyPrefix) {
    this.redis = redis;
    this.database = database;
    this.jdbcUrl = "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/mem:" + name + ";DB_CLOSE_DELAY=-1";
    this.keyPrefix = keyPrefix ? "hibernate-" + name : null;
  }

  /** Starts Redis and the database, and points this JVM's caches at them, under a key prefix of this run's. */
  static Backends start() throws Exception {
    return start(true);
  }

  /**
   * Starts Redis and the database, and gives this JVM's caches the Redis address alone: no jcache-redis setting
   * but the one no application can do without. Entries go under the default key prefix.
   */
  static Backends startWithRedisUrlOnly() throws Exception {
    return start(false);
  }

  private static Backends start(boolean keyPrefix) throws Exception {
    RedisLauncher redis = RedisLauncher.start();
    Server database;
    try {
      database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    } catch (SQLException e) {
      redis.close();
      throw e;
    }
    Backends backends = new Backends(redis, database, UUID.randomUUID().toString().substring(0, 8), keyPrefix);
    System.setProperty(URL_PROPERTY, backends.redisUrl());
    if (keyPrefix) {
      System.setProperty(PREFIX_PROPERTY, backends.keyPrefix());
    }
    return backends;
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  String redisUrl() {
    return redis.url();
  }

  /** @return this run's key prefix, or {@code null} when the caches use the default one */
  String keyPrefix() {
    return keyPrefix;
  }

  /** @return the {@code -D} options that give another JVM the same Redis and key prefix */
  List<String> jvmOptions() {
    return keyPrefix == null ? List.of("-D" + URL_PROPERTY + "=" + redisUrl())
        : List.of("-D" + URL_PROPERTY + "=" + redisUrl(), "-D" + PREFIX_PROPERTY + "=" + keyPrefix);
  }

  @Override
  public void close() {
    System.clearProperty(URL_PROPERTY);
    System.clearProperty(PREFIX_PROPERTY);
    database.stop();
    redis.close();
  }
}
