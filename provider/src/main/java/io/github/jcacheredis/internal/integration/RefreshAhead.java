package io.github.jcacheredis.internal.integration;

import io.github.jcacheredis.internal.storage.LoadLeases;
import io.github.jcacheredis.internal.storage.LoadLeases.Lease;
import io.github.jcacheredis.internal.storage.ValueCodec;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refresh ahead (as Caffeine's {@code refreshAfterWrite}): a read that finds an entry written longer ago than
 * the refresh age returns it as it is and asks for one reload in the background.
 *
 * <p>One reload across the cluster: a JVM reloads only while it holds the key's load lease (the one
 * {@link SingleFlight} takes for misses, so a refresh and a miss load never run together either), and only if
 * the entry, read again under the lease, is still stale: a JVM that takes the lease just after another one
 * refreshed finds the new value and does nothing. Within one JVM, a key already being refreshed is not queued
 * again.
 *
 * <p>A reload that fails leaves the old value in place until it expires; it is counted and logged (at most once
 * a minute), and the lease is kept for {@link #RETRY_PAUSE_MILLIS} so that the next reads, everywhere, do not
 * retry at once.
 */
public final class RefreshAhead {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshAhead.class);
  /** How long a key is not refreshed again after a failed reload. */
  public static final long RETRY_PAUSE_MILLIS = 1000;
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final String cacheName;
  private final long refreshAfterMillis;
  private final LoadLeases leases;
  private final long leaseMillis;
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final Runnable failureObserver;
  private final Set<ByteBuffer> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());
  private final AtomicLong unlogged = new AtomicLong();

  /**
   * @param cacheName          the cache, for log lines
   * @param refreshAfterMillis the age from which a read refreshes an entry
   * @param leases             the cache's load leases
   * @param leaseMillis        the lease time (renewed while a reload runs)
   * @param executor           runs reloads (the CacheManager's loader threads)
   * @param scheduler          runs lease renewals
   * @param failureObserver    told of each failed reload (for the statistics)
   */
  public RefreshAhead(String cacheName, long refreshAfterMillis, LoadLeases leases, long leaseMillis,
      Executor executor, ScheduledExecutorService scheduler, Runnable failureObserver) {
    this.cacheName = Objects.requireNonNull(cacheName, "cacheName");
    this.refreshAfterMillis = refreshAfterMillis;
    this.leases = Objects.requireNonNull(leases, "leases");
    this.leaseMillis = leaseMillis;
    this.executor = Objects.requireNonNull(executor, "executor");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.failureObserver = Objects.requireNonNull(failureObserver, "failureObserver");
  }

  /**
   * @param writeTime an entry's write time, or {@link ValueCodec#NO_WRITE_TIME}
   * @return whether the entry is due for a refresh (an entry without a write time, written before refresh ahead
   *     was turned on, is not)
   */
  public boolean isStale(long writeTime) {
    return writeTime != ValueCodec.NO_WRITE_TIME && System.currentTimeMillis() - writeTime >= refreshAfterMillis;
  }

  /**
   * Reloads an entry in the background, unless this JVM already is or another JVM holds the key's lease.
   *
   * @param entryKey the entry's Redis key
   * @param reload   run under the lease: reads the entry again and, if it is still stale, loads and stores
   *                 the new value; throws when the load fails
   */
  public void refresh(byte[] entryKey, Runnable reload) {
    ByteBuffer localKey = ByteBuffer.wrap(entryKey);
    if (!inFlight.add(localKey)) {
      return;
    }
    try {
      executor.execute(() -> {
        try {
          reloadUnderLease(entryKey, reload);
        } finally {
          inFlight.remove(localKey);
        }
      });
    } catch (RejectedExecutionException e) {
      inFlight.remove(localKey); // the CacheManager is closing
    }
  }

  @SuppressWarnings("FutureReturnValueIgnored") // renewals and the release are not awaited: a lease times out by itself
  private void reloadUnderLease(byte[] entryKey, Runnable reload) {
    byte[] leaseKey = leases.leaseKey(entryKey);
    byte[] token = SingleFlight.token();
    try {
      if (leases.tryAcquire(leaseKey, token, leaseMillis) != Lease.ACQUIRED) {
        return; // another JVM refreshes or loads this key; or Redis is away and the cache degrades
      }
    } catch (RuntimeException e) {
      failed(e);
      return;
    }
    long every = Math.max(1, leaseMillis / 3);
    Runnable stopRenewing = LeaseRenewal.every(scheduler, every, () -> leases.renew(leaseKey, token, leaseMillis));
    boolean succeeded = false;
    try {
      reload.run();
      succeeded = true;
    } catch (RuntimeException e) {
      failed(e);
    } finally {
      stopRenewing.run();
      if (succeeded) {
        leases.release(leaseKey, token);
      } else {
        leases.renew(leaseKey, token, RETRY_PAUSE_MILLIS);
      }
    }
  }

  private void failed(RuntimeException e) {
    failureObserver.run();
    long now = System.nanoTime();
    long due = nextLogAt.get();
    if (now - due >= 0 && nextLogAt.compareAndSet(due, now + LOG_INTERVAL_NANOS)) {
      long others = unlogged.getAndSet(0);
      LOG.warn("Cache '{}': a refresh-ahead reload failed; the old value is served until it expires{}", cacheName,
          others == 0 ? "" : " (" + others + " more failures since the last report)", e);
    } else {
      unlogged.incrementAndGet();
    }
  }
}
