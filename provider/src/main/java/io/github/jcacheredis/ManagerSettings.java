package io.github.jcacheredis;

/**
 * What a CacheManager was configured with, read-only (see {@link RedisCacheManager#settings()}). The password is
 * never given out, only whether there is one.
 */
public interface ManagerSettings {

  /** @return the prefix of every Redis key of this manager's caches */
  String keyPrefix();

  /** @return how long a Redis command may take, in milliseconds */
  int timeoutMillis();

  /** @return how long connecting may take, in milliseconds */
  int connectTimeoutMillis();

  /** @return where the Redis address came from: a property, a file, {@code REDIS_URL} or the default */
  String addressSource();

  /** @return the host of the (first) Redis node */
  String host();

  /** @return the port of the (first) Redis node */
  int port();

  /** @return the logical database (0 on a cluster) */
  int database();

  /** @return whether Redis is reached with a password */
  boolean hasPassword();

  /** @return where the data lives (mode and nodes), with any password masked */
  String redis();
}
