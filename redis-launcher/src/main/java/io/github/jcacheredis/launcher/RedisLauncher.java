package io.github.jcacheredis.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains a Redis for tests, the TCK run and the demo, by one rule:
 *
 * <ol>
 *   <li>if the environment variable {@code REDIS_URL} is set, that server is used and nothing is started;
 *   <li>otherwise {@code redis-server} from the {@code PATH} is started on a free loopback port;
 *   <li>otherwise the {@code redis-server} binary bundled in embedded-redis (Redis 6.2) is started the same way.
 * </ol>
 *
 * <p>A started server has no persistence and lives until {@link #close()} (or, failing that, JVM exit).
 *
 * <pre>{@code
 * try (RedisLauncher redis = RedisLauncher.start()) {
 *   System.setProperty("jcacheredis.url", redis.url());
 *   ...
 * }
 * }</pre>
 */
public final class RedisLauncher implements AutoCloseable {

  /** The environment variable naming an existing Redis, e.g. {@code redis://127.0.0.1:6379}. */
  public static final String REDIS_URL_ENV = "REDIS_URL";

  private static final Logger LOG = LoggerFactory.getLogger(RedisLauncher.class);
  private static final int DEFAULT_REDIS_PORT = 6379;

  private final String url;
  private final int port;
  private final RedisSource source;
  private final Optional<RedisServerProcess> server;

  private RedisLauncher(String url, int port, RedisSource source, Optional<RedisServerProcess> server) {
    this.url = requireNonNull(url, "url");
    this.port = port;
    this.source = requireNonNull(source, "source");
    this.server = requireNonNull(server, "server");
  }

  /**
   * Returns a Redis by the rule above; when a server is started, returns once it answers {@code PING}.
   *
   * @return the launcher, to be closed when the Redis is no longer needed
   * @throws IOException if a server had to be started and could not be
   * @throws IllegalArgumentException if {@code REDIS_URL} is not a valid URI
   */
  public static RedisLauncher start() throws IOException {
    return start(System.getenv(REDIS_URL_ENV), RedisExecutable.onPath());
  }

  /** The rule itself, with its two inputs passed in so that tests can take each branch. */
  static RedisLauncher start(String redisUrl, Optional<RedisExecutable> onPath) throws IOException {
    if (redisUrl != null && !redisUrl.isBlank()) {
      String trimmed = redisUrl.strip();
      int port = portOf(trimmed);
      LOG.info("Using the Redis at {} from {}; starting none", trimmed, REDIS_URL_ENV);
      return new RedisLauncher(trimmed, port, RedisSource.ENVIRONMENT, Optional.empty());
    }
    RedisExecutable executable = onPath.isPresent() ? onPath.get() : RedisExecutable.embedded();
    RedisServerProcess process = RedisServerProcess.start(executable, 0, List.of());
    return new RedisLauncher(process.url(), process.port(), executable.source(), Optional.of(process));
  }

  /**
   * Returns the Redis address, e.g. {@code redis://127.0.0.1:6390}, or {@code REDIS_URL} as given.
   *
   * @return the URL
   */
  public String url() {
    return url;
  }

  /**
   * Returns the Redis port; for a {@code REDIS_URL} without one, the Redis default 6379.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Returns which of the three ways provided the Redis.
   *
   * @return the source
   */
  public RedisSource source() {
    return source;
  }

  /** Stops the server if this launcher started one; a {@code REDIS_URL} server is left alone. */
  @Override
  public void close() {
    server.ifPresent(RedisServerProcess::close);
  }

  @Override
  public String toString() {
    return url + " (" + source.description() + ")";
  }

  private static int portOf(String redisUrl) {
    int port;
    try {
      port = URI.create(redisUrl).getPort();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(REDIS_URL_ENV + " is not a valid URI: " + redisUrl, e);
    }
    return port == -1 ? DEFAULT_REDIS_PORT : port;
  }
}
