package io.github.jcacheredis.internal.integration;

import io.github.jcacheredis.internal.storage.LoadLeases;
import io.github.jcacheredis.internal.storage.LoadLeases.Lease;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads an absent key once across every JVM sharing the cache: the caller that takes the key's lease (see
 * {@link LoadLeases}) loads; every other caller waits for the value to appear in Redis and reads it from there.
 *
 * <ul>
 *   <li>Within one JVM, callers for one key queue behind one local flight first, so only one thread per JVM
 *       asks Redis; the others look at the entry once that thread is done.</li>
 *   <li>A waiter polls the entry (a GET, and a SET NX on the lease) every few milliseconds, backing off to
 *       {@link #MAX_POLL_MILLIS}: it sees a stored value at most that long plus two round trips after the
 *       store.</li>
 *   <li>The holder renews its lease every third of the lease time while its load runs. A holder that dies
 *       stops renewing, its lease expires within the lease time, and the next waiter to poll takes it over. A
 *       load that fails releases the lease at once, so the next waiter retries at its next poll.</li>
 *   <li>No waiter waits longer than the maximum wait: then it loads on its own, without the lease (counted and
 *       logged, at most once a minute). A cache answers; failing the read would turn a slow loader into errors
 *       for every caller but one. The bound should exceed the lease time, so that only a loader slower than the
 *       bound (never a dead holder) leads there.</li>
 *   <li>When Redis cannot be reached and the cache degrades, everyone loads locally.</li>
 * </ul>
 */
public final class SingleFlight {

  private static final Logger LOG = LoggerFactory.getLogger(SingleFlight.class);
  /** The longest pause between two looks at the entry while another JVM loads it. */
  public static final long MAX_POLL_MILLIS = 20;
  private static final long FIRST_POLL_MILLIS = 2;
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] JVM_ID = new byte[12];
  private static final AtomicLong TOKENS = new AtomicLong();

  static {
    RANDOM.nextBytes(JVM_ID);
  }

  private final String cacheName;
  private final LoadLeases leases;
  private final ScheduledExecutorService scheduler;
  private final long leaseMillis;
  private final long maxWaitNanos;
  private final Runnable timeoutObserver;
  private final Map<ByteBuffer, CompletableFuture<Void>> local = new ConcurrentHashMap<>();
  private final AtomicLong timeouts = new AtomicLong();
  private final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());

  /**
   * @param cacheName   the cache, for log lines
   * @param leases      the cache's leases
   * @param scheduler   runs lease renewals (each one only sends a command)
   * @param leaseMillis the lease time: how long a dead holder can keep others waiting
   * @param maxWaitMillis the longest a caller waits for another's load before loading itself
   * @param timeoutObserver told of each caller that stopped waiting at that bound (for the statistics)
   */
  public SingleFlight(String cacheName, LoadLeases leases, ScheduledExecutorService scheduler, long leaseMillis,
      long maxWaitMillis, Runnable timeoutObserver) {
    this.timeoutObserver = Objects.requireNonNull(timeoutObserver, "timeoutObserver");
    this.cacheName = Objects.requireNonNull(cacheName, "cacheName");
    this.leases = Objects.requireNonNull(leases, "leases");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.leaseMillis = leaseMillis;
    this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
  }

  /** @return how many callers stopped waiting at the bound and loaded on their own */
  public long timeouts() {
    return timeouts.get();
  }

  /** @return the leases this flight takes */
  public LoadLeases leases() {
    return leases;
  }

  /** @return the lease time in milliseconds */
  public long leaseMillis() {
    return leaseMillis;
  }

  /**
   * Answers for one key that the caller found absent.
   *
   * @param entryKey the entry's Redis key
   * @param present  looks at the entry again: its answer, or {@code null} while it is absent
   * @param load     loads and stores; run by at most one caller at a time across the cluster (unless the wait
   *                 bound or an outage intervenes)
   * @param <R>      the answer's type
   * @return what {@code present} found, or what {@code load} returned ({@code null} when it loaded nothing)
   */
  public <R> @Nullable R run(byte[] entryKey, Supplier<R> present, Supplier<R> load) {
    return run(entryKey, present, load, System.nanoTime() + maxWaitNanos);
  }

  private <R> @Nullable R run(byte[] entryKey, Supplier<R> present, Supplier<R> load, long deadline) {
    ByteBuffer localKey = ByteBuffer.wrap(entryKey);
    while (true) {
      CompletableFuture<Void> mine = new CompletableFuture<>();
      CompletableFuture<Void> ahead = local.putIfAbsent(localKey, mine);
      if (ahead == null) {
        try {
          return acrossCluster(entryKey, present, load, deadline);
        } finally {
          local.remove(localKey, mine);
          mine.complete(null);
        }
      }
      if (!awaitLocal(ahead, deadline)) {
        return timedOut(entryKey, load);
      }
      R answer = present.get();
      if (answer != null) {
        return answer;
      }
      // the thread ahead of us loaded nothing, or failed: we take our turn
    }
  }

  private boolean awaitLocal(CompletableFuture<Void> ahead, long deadline) {
    try {
      ahead.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true; // never completed exceptionally
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheException("Interrupted while waiting for a load in cache '" + cacheName + "'", e);
    }
  }

  private <R> @Nullable R acrossCluster(byte[] entryKey, Supplier<R> present, Supplier<R> load, long deadline) {
    byte[] leaseKey = leases.leaseKey(entryKey);
    long pause = FIRST_POLL_MILLIS;
    while (true) {
      byte[] token = token();
      Lease lease = leases.tryAcquire(leaseKey, token, leaseMillis);
      if (lease == Lease.UNAVAILABLE) {
        return load.get();
      }
      if (lease == Lease.ACQUIRED) {
        return holding(List.of(leaseKey), token, () -> {
          // Another holder may have stored the value and released just before we took the lease.
          R answer = present.get();
          return answer != null ? answer : load.get();
        });
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return timedOut(entryKey, load);
      }
      sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
      pause = Math.min(pause * 2, MAX_POLL_MILLIS);
      R answer = present.get();
      if (answer != null) {
        return answer;
      }
    }
  }

  /**
   * Answers for many keys the caller found absent: the leases of all of them asked for in one round trip, the
   * keys whose lease was taken looked at again and loaded together, then each key held by another caller
   * waited for in turn (under one deadline for the whole call).
   *
   * @param keys      the keys, in order
   * @param entryKeys their Redis keys, in the same order
   * @param present   looks at some keys again: those found, with their answers
   * @param load      loads and stores some keys: those loaded, with their answers
   * @return the answers found or loaded
   */
  public <K, R> Map<K, R> runAll(List<K> keys, List<byte[]> entryKeys, Function<List<K>, Map<K, R>> present,
      Function<List<K>, Map<K, R>> load) {
    long deadline = System.nanoTime() + maxWaitNanos;
    List<byte[]> leaseKeys = new ArrayList<>(keys.size());
    for (byte[] entryKey : entryKeys) {
      leaseKeys.add(leases.leaseKey(entryKey));
    }
    byte[] token = token();
    List<Lease> taken = leases.tryAcquireAll(leaseKeys, token, leaseMillis);
    List<K> ours = new ArrayList<>();
    List<byte[]> ourLeases = new ArrayList<>();
    List<Integer> others = new ArrayList<>();
    List<K> unavailable = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      switch (taken.get(i)) {
        case ACQUIRED:
          ours.add(keys.get(i));
          ourLeases.add(leaseKeys.get(i));
          break;
        case HELD:
          others.add(i);
          break;
        default:
          unavailable.add(keys.get(i));
      }
    }
    Map<K, R> answers = new LinkedHashMap<>();
    if (!unavailable.isEmpty()) {
      answers.putAll(load.apply(unavailable));
    }
    if (!ours.isEmpty()) {
      answers.putAll(holding(ourLeases, token, () -> {
        Map<K, R> found = new HashMap<>(present.apply(ours));
        List<K> toLoad = new ArrayList<>();
        for (K key : ours) {
          if (!found.containsKey(key)) {
            toLoad.add(key);
          }
        }
        if (!toLoad.isEmpty()) {
          found.putAll(load.apply(toLoad));
        }
        return found;
      }));
    }
    for (int i : others) {
      K key = keys.get(i);
      R answer = run(entryKeys.get(i), () -> present.apply(List.of(key)).get(key),
          () -> load.apply(List.of(key)).get(key), deadline);
      if (answer != null) {
        answers.put(key, answer);
      }
    }
    return answers;
  }

  /**
   * Runs {@code work} holding leases: renewed every third of the lease time until it ends, then released,
   * whether it succeeded or failed (so a waiter retries at once rather than waiting out the lease).
   */
  @SuppressWarnings("FutureReturnValueIgnored") // lease renewals and releases are not awaited: waiters watch the entry, and a lease times out by itself
  private <T> T holding(List<byte[]> leaseKeys, byte[] token, Supplier<T> work) {
    long every = Math.max(1, leaseMillis / 3);
    Runnable stopRenewing = LeaseRenewal.every(scheduler, every, () -> {
      for (byte[] leaseKey : leaseKeys) {
        leases.renew(leaseKey, token, leaseMillis).whenComplete((ours, failure) -> {
          if (failure == null && !Boolean.TRUE.equals(ours)) {
            LOG.warn("Cache '{}': a load outlived its lease (the JVM paused longer than {} ms?); another JVM may"
                + " be loading the same key", cacheName, leaseMillis);
          }
        });
      }
    });
    try {
      return work.get();
    } finally {
      stopRenewing.run();
      for (byte[] leaseKey : leaseKeys) {
        leases.release(leaseKey, token);
      }
    }
  }

  /**
   * Asks Redis to keep a lease for {@code millis} more if it is still ours: a failed refresh keeps others from
   * retrying for that long rather than at once.
   */
  @SuppressWarnings("FutureReturnValueIgnored") // lease renewals and releases are not awaited: waiters watch the entry, and a lease times out by itself
  public void holdFor(byte[] leaseKey, byte[] token, long millis) {
    leases.renew(leaseKey, token, millis);
  }

  private <R> R timedOut(byte[] entryKey, Supplier<R> load) {
    timeouts.incrementAndGet();
    timeoutObserver.run();
    long now = System.nanoTime();
    long due = nextLogAt.get();
    if (now - due >= 0 && nextLogAt.compareAndSet(due, now + LOG_INTERVAL_NANOS)) {
      LOG.warn("Cache '{}': waited {} ms for another JVM's load of {} and now loads it itself ({} such loads so"
          + " far); raise loadWaitTimeout if loads take longer", cacheName,
          TimeUnit.NANOSECONDS.toMillis(maxWaitNanos),
          new String(entryKey, 0, Math.min(100, entryKey.length), StandardCharsets.UTF_8), timeouts.get());
    }
    return load.get();
  }

  /** @return a token no other lease holder, in this JVM or another, has */
  public static byte[] token() {
    return ByteBuffer.allocate(JVM_ID.length + Long.BYTES).put(JVM_ID).putLong(TOKENS.incrementAndGet()).array();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(Math.max(1, millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheException("Interrupted while waiting for a load", e);
    }
  }
}
