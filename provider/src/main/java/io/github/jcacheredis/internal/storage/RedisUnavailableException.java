package io.github.jcacheredis.internal.storage;

import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;

/**
 * A Redis command failed: the server could not be reached, did not answer within the timeout, or refused the
 * command. Distinct from the CacheException subclasses a loader or writer raises, so that a cache in degraded
 * mode can tell "Redis is away" from "the system of record failed".
 */
public final class RedisUnavailableException extends CacheException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, naming the cache and the command
   * @param cause   Redisson's exception
   */
  public RedisUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
