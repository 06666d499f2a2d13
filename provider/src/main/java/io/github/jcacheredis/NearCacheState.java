package io.github.jcacheredis;

/** What a cache's near cache holds in this JVM, read-only (see {@link RedisCache#nearCache()}). */
public interface NearCacheState {

  /**
   * @return whether it serves reads: only while invalidations from every Redis master reach it; otherwise reads go
   *     to Redis
   */
  boolean isEnabled();

  /** @return the entries it holds (an estimate, as expired copies may not have been removed yet) */
  long size();
}
