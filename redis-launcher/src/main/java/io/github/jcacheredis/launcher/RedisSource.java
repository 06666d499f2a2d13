package io.github.jcacheredis.launcher;

/** Where the Redis handed out by {@link RedisLauncher} came from. */
public enum RedisSource {

  /** The address in the {@code REDIS_URL} environment variable; nothing was started. */
  ENVIRONMENT("REDIS_URL"),

  /** A {@code redis-server} found on the {@code PATH}, started for this JVM. */
  PATH("redis-server from the PATH"),

  /** The {@code redis-server} binary shipped inside embedded-redis, started for this JVM. */
  EMBEDDED("redis-server bundled in embedded-redis");

  private final String description;

  RedisSource(String description) {
    this.description = description;
  }

  /**
   * Returns a short human-readable description, for a demo or a log line.
   *
   * @return the description, never {@code null}
   */
  public String description() {
    return description;
  }
}
