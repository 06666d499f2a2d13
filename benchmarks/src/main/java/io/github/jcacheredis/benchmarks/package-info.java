/**
 * JMH benchmarks of jcache-redis against Redisson's own JCache and raw Redisson on one Redis: the workloads
 * ({@link io.github.jcacheredis.benchmarks.CacheOperations}, {@link io.github.jcacheredis.benchmarks.Invoke}),
 * the implementations behind one interface ({@link io.github.jcacheredis.benchmarks.Target},
 * {@link io.github.jcacheredis.benchmarks.Providers}), the cost of a value's encoding without Redis
 * ({@link io.github.jcacheredis.benchmarks.CodecCost}), and two harnesses outside JMH: latency at a fixed request
 * rate ({@link io.github.jcacheredis.benchmarks.Latency}) and bytes per entry
 * ({@link io.github.jcacheredis.benchmarks.Footprint}).
 */
package io.github.jcacheredis.benchmarks;
