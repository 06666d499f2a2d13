/**
 * JMH benchmarks of jcache-redis against Redisson's own JCache and raw Redisson on one Redis: the workloads
 * ({@link io.github.jcacheredis.benchmarks.CacheOperations}, {@link io.github.jcacheredis.benchmarks.Invoke}),
 * the implementations behind one interface ({@link io.github.jcacheredis.benchmarks.Target},
 * {@link io.github.jcacheredis.benchmarks.Providers}) and the bytes-per-entry measurement
 * ({@link io.github.jcacheredis.benchmarks.Footprint}).
 */
package io.github.jcacheredis.benchmarks;
