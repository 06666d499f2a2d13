/**
 * Obtains a Redis server for the provider's tests, the TCK run and the demo.
 *
 * <p>{@link io.github.jcacheredis.launcher.RedisLauncher#start()} applies one rule everywhere: use {@code REDIS_URL}
 * when it is set, else start {@code redis-server} from the {@code PATH}, else start the binary shipped in
 * embedded-redis. {@link io.github.jcacheredis.launcher.RedisServerProcess} is the process handle underneath, exposed
 * for tests that kill and restart a server.
 */
package io.github.jcacheredis.launcher;
