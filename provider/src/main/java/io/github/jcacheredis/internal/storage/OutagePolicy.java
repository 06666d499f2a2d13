package io.github.jcacheredis.internal.storage;

/**
 * What a failed Redis command becomes: by default an exception for the caller; in a cache's degraded mode a
 * skipped command whose answer reads as "nothing there, nothing done".
 */
@FunctionalInterface
public interface OutagePolicy {

  /** Every failure reaches the caller. */
  OutagePolicy FAIL = (failure, write) -> false;

  /**
   * @param failure the failure
   * @param write   whether the command would have changed Redis
   * @return {@code true} to absorb the failure (the command's answer becomes empty), {@code false} to throw it
   */
  boolean absorb(RedisUnavailableException failure, boolean write);
}
