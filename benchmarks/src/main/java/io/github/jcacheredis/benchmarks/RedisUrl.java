package io.github.jcacheredis.benchmarks;

/** Where the Redis under test is: the same place for every provider, as jcache-redis itself looks it up. */
final class RedisUrl {

  private RedisUrl() {
  }

  /** @return {@code jcacheredis.url}, else {@code REDIS_URL}, else {@code redis://127.0.0.1:6379} */
  static String get() {
    String url = System.getProperty("jcacheredis.url");
    if (url == null || url.isBlank()) {
      url = System.getenv("REDIS_URL");
    }
    return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
  }
}
