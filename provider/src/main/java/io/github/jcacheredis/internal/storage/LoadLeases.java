package io.github.jcacheredis.internal.storage;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.redisson.api.BatchOptions;
import org.redisson.api.RFuture;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.command.CommandAsyncExecutor;
import org.redisson.command.CommandBatchService;

/**
 * The load leases of one cache: a short-lived Redis string that the one JVM loading an absent key holds while
 * its loader runs, so that every other JVM waits for the value instead of calling the loader too.
 *
 * <p>Layout: the lease of the entry {@code {prefix}:{cache}:{body}} is {@code {prefix}:%lease:{cache}:{body}}
 * (hashed bodies stay hashed). {@code %} never starts an escaped cache name (see {@link KeyCodec#escape}), so
 * no cache's key space, SCAN pattern or clear() ever sees a lease, as with {@code %stats}. The value is the
 * holder's random token; the TTL is the lease time, renewed while the load runs.
 *
 * <p>Every lease step is one command on the lease key alone (SET NX PX; a script reading and changing only the
 * lease): on Redis Cluster the lease may live in another slot, on another master, than its entry, and nothing
 * needs them together. The order of steps gives the guarantee instead: a holder writes the value before it
 * releases, and a JVM that takes a lease reads the entry again before loading, so a lease taken just after
 * another holder finished finds the value rather than loading a second time.
 */
public final class LoadLeases {

  private static final byte[] LEASE_SEGMENT = ":%lease:".getBytes(StandardCharsets.US_ASCII);
  private static final LuaScript RENEW = LuaScript.load("lease_renew.lua");
  private static final LuaScript RELEASE = LuaScript.load("lease_release.lua");

  private final CommandAsyncExecutor executor;
  private final String cacheName;
  private final OutagePolicy outagePolicy;
  private final byte[] prefix;

  /**
   * @param executor     the Redisson command executor of the CacheManager's connection
   * @param keyPrefix    the key prefix of the CacheManager
   * @param cacheName    the cache's name, for error messages
   * @param outagePolicy the cache's: in degraded mode a failed lease command reads as {@link Lease#UNAVAILABLE}
   */
  public LoadLeases(CommandAsyncExecutor executor, String keyPrefix, String cacheName, OutagePolicy outagePolicy) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.prefix = keyPrefix.getBytes(StandardCharsets.UTF_8);
    this.cacheName = Objects.requireNonNull(cacheName, "cacheName");
    this.outagePolicy = Objects.requireNonNull(outagePolicy, "outagePolicy");
  }

  /**
   * @param entryKey an entry's Redis key, {@code {prefix}:{cache}:{body}}
   * @return the name of its lease, {@code {prefix}:%lease:{cache}:{body}}
   */
  public byte[] leaseKey(byte[] entryKey) {
    return leaseKey(prefix, entryKey);
  }

  /**
   * @param keyPrefix the key prefix's bytes
   * @param entryKey  an entry's Redis key under that prefix
   * @return the name of its lease
   */
  static byte[] leaseKey(byte[] keyPrefix, byte[] entryKey) {
    byte[] prefix = keyPrefix;
    int rest = entryKey.length - prefix.length - 1;
    byte[] lease = new byte[prefix.length + LEASE_SEGMENT.length + rest];
    System.arraycopy(prefix, 0, lease, 0, prefix.length);
    System.arraycopy(LEASE_SEGMENT, 0, lease, prefix.length, LEASE_SEGMENT.length);
    System.arraycopy(entryKey, prefix.length + 1, lease, prefix.length + LEASE_SEGMENT.length, rest);
    return lease;
  }

  /**
   * Takes a lease if nobody holds it (SET NX PX).
   *
   * @return {@link Lease#ACQUIRED}, {@link Lease#HELD} by another, or {@link Lease#UNAVAILABLE} when Redis cannot
   *     be reached and the cache degrades
   * @throws RedisUnavailableException when Redis cannot be reached and the cache does not degrade
   */
  public Lease tryAcquire(byte[] leaseKey, byte[] token, long ttlMillis) {
    Boolean set = await(() -> executor.writeAsync(leaseKey, ByteArrayCodec.INSTANCE, RedisCommands.SET_BOOLEAN,
        leaseKey, token, "PX", ttlMillis, "NX"), "SET NX (load lease)");
    return set == null ? Lease.UNAVAILABLE : set ? Lease.ACQUIRED : Lease.HELD;
  }

  /**
   * Takes many leases in one pipelined round trip (one per node).
   *
   * @return each lease's state, in order; all {@link Lease#UNAVAILABLE} when Redis cannot be reached and the
   *     cache degrades
   */
  public List<Lease> tryAcquireAll(List<byte[]> leaseKeys, byte[] token, long ttlMillis) {
    CommandBatchService batch = new CommandBatchService(executor, BatchOptions.defaults());
    List<RFuture<Boolean>> answers = new ArrayList<>(leaseKeys.size());
    for (byte[] leaseKey : leaseKeys) {
      answers.add(batch.writeAsync(leaseKey, ByteArrayCodec.INSTANCE, RedisCommands.SET_BOOLEAN, leaseKey, token,
          "PX", ttlMillis, "NX"));
    }
    List<Lease> leases = new ArrayList<>(leaseKeys.size());
    boolean sent = await(batch::executeAsync, "SET NX (load leases)") != null;
    for (RFuture<Boolean> answer : answers) {
      Boolean set = sent ? await(() -> answer, "SET NX (load lease)") : null;
      leases.add(set == null ? Lease.UNAVAILABLE : set ? Lease.ACQUIRED : Lease.HELD);
    }
    return leases;
  }

  /**
   * Sets a held lease's TTL again, without waiting (a renewal that fails is retried at the next one, and the
   * lease's own TTL bounds the harm of one that never comes).
   *
   * @return completes with whether the lease was still ours
   */
  public RFuture<Boolean> renew(byte[] leaseKey, byte[] token, long ttlMillis) {
    return executor.evalWriteAsync(Unpooled.wrappedBuffer(leaseKey), ByteArrayCodec.INSTANCE,
        RedisCommands.EVAL_BOOLEAN, RENEW.text(), List.of(leaseKey), token, Long.toString(ttlMillis));
  }

  /**
   * Releases a held lease, without waiting: waiters look at the entry, not the lease, so nobody waits for this.
   *
   * @return completes with whether the lease was still ours
   */
  public RFuture<Boolean> release(byte[] leaseKey, byte[] token) {
    return executor.evalWriteAsync(Unpooled.wrappedBuffer(leaseKey), ByteArrayCodec.INSTANCE,
        RedisCommands.EVAL_BOOLEAN, RELEASE.text(), List.of(leaseKey), token);
  }

  private <T> @Nullable T await(Supplier<RFuture<T>> command, String operation) {
    RedisUnavailableException failure;
    try {
      return command.get().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisUnavailableException("Interrupted during Redis " + operation + " for cache '" + cacheName
          + "'", e);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      failure = new RedisUnavailableException("Redis " + operation + " failed for cache '" + cacheName + "': "
          + cause.getMessage(), cause);
    } catch (RuntimeException e) {
      failure = new RedisUnavailableException("Redis " + operation + " failed for cache '" + cacheName + "': "
          + e.getMessage(), e);
    }
    if (outagePolicy.absorb(failure, true)) {
      return null;
    }
    throw failure;
  }

  /** What asking for a lease found. */
  public enum Lease {
    /** The caller holds it now. */
    ACQUIRED,
    /** Another caller holds it. */
    HELD,
    /** Redis could not be asked; the cache degrades, so the caller loads on its own. */
    UNAVAILABLE
  }
}
