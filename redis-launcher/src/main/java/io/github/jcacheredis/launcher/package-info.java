/**
 * Obtains a Redis server for the provider's tests, the TCK run and the demo.
 *
 * <p>{@link io.github.jcacheredis.launcher.RedisLauncher#start()} applies one rule everywhere: use {@code REDIS_URL}
 * when it is set, else start {@code redis-server} from the {@code PATH}, else start the binary shipped in
 * embedded-redis. {@link io.github.jcacheredis.launcher.RedisServerProcess} is the process handle underneath, exposed
 * for tests that kill and restart a server. {@link io.github.jcacheredis.launcher.RedisCluster} (masters and replicas
 * joined into a Redis Cluster) and {@link io.github.jcacheredis.launcher.RedisSentinels} (a master, its replica and
 * three sentinels) are built from such processes, for the cluster and Sentinel tests and the TCK's run on a cluster.
 *
 * <p>{@link io.github.jcacheredis.launcher.PrivateRedis} is the JUnit 5 extension that gives a test class (or each
 * test) its own server, cluster or sentinel group, stopped by JUnit even when the test fails.
 */
package io.github.jcacheredis.launcher;
