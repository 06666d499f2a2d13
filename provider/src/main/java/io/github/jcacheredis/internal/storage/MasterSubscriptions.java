package io.github.jcacheredis.internal.storage;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscribed connection to every Redis master, held as a whole: a session. Keyspace notifications and
 * tracking invalidations are node-local (a master tells only its own connections about its own keys), so hearing
 * all of a cache's keys takes a connection to each master.
 *
 * <p>The session runs on no thread of its own: it is opened by a task on the CacheManager's scheduler, and its
 * frames arrive on Redisson's event loop (see {@link SubscriberConnection}, which also keeps each connection alive).
 * The session ends, and is rebuilt with back-off against the masters known then, when any connection closes or
 * stays silent past the keep-alive bound, and also when the set of masters changes without a connection failing
 * (a manual failover leaves the old master up, as a replica, where keys no longer expire), which is checked once a
 * second.
 */
public final class MasterSubscriptions implements Closeable {

  /** What is done on each connection, and told about the session. */
  public interface Session {
    /**
     * Prepares a new connection to one master (settings, tracking, then SUBSCRIBE), on the scheduler's thread.
     *
     * @throws IOException to fail the whole session, which is then retried
     */
    void open(InetSocketAddress master, SubscriberConnection connection) throws IOException;

    /** One frame from a master, on Redisson's event loop: must be quick and never block. */
    void message(@Nullable Object message);

    /** Every master's connection is open. */
    void started(List<InetSocketAddress> masters);

    /**
     * The session ended, or could not be opened; a new one is attempted unless this was closed.
     *
     * @param failure why, or {@code null} when the set of masters changed or this was closed
     */
    void ended(@Nullable Exception failure);
  }

  /** Where the masters are, and how to reach one. */
  public interface Masters {
    /** @return the current master nodes (one for a single server or Sentinel) */
    List<InetSocketAddress> addresses();

    /** @return a new connection to one of them */
    SubscriberConnection connect(InetSocketAddress master) throws IOException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(MasterSubscriptions.class);
  private static final long FIRST_BACKOFF_MILLIS = 50;
  private static final long MAX_BACKOFF_MILLIS = 2000;
  private static final long TOPOLOGY_CHECK_MILLIS = 1000;

  private final String name;
  private final Masters masters;
  private final ScheduledExecutorService scheduler;
  private final Session session;
  private final CountDownLatch firstAttempt = new CountDownLatch(1);
  private final List<SubscriberConnection> open = new ArrayList<>();
  private long generation;
  private long backoff = FIRST_BACKOFF_MILLIS;
  private List<InetSocketAddress> nodes = List.of();
  private @Nullable ScheduledFuture<?> next; // null until the first attempt is scheduled
  private @Nullable ScheduledFuture<?> topologyCheck; // null while no session runs
  private boolean closed;

  /**
   * @param name      for log lines
   * @param masters   the master nodes and how to connect to them
   * @param scheduler where the session is opened and watched (the CacheManager's)
   * @param session   what runs on the connections
   */
  public MasterSubscriptions(String name, Masters masters, ScheduledExecutorService scheduler, Session session) {
    this.name = Objects.requireNonNull(name, "name");
    this.masters = Objects.requireNonNull(masters, "masters");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.session = Objects.requireNonNull(session, "session");
  }

  /** Opens the first session, on the scheduler. */
  public synchronized void start() {
    schedule(0);
  }

  /**
   * Waits until the first session has started or failed to.
   *
   * @return whether that happened within {@code millis}
   */
  public boolean awaitFirstAttempt(long millis) {
    try {
      return firstAttempt.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private synchronized void schedule(long delayMillis) {
    if (!closed) {
      try {
        next = scheduler.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException managerClosing) {
        closed = true;
        firstAttempt.countDown();
      }
    }
  }

  private void attempt() {
    long current;
    synchronized (this) {
      if (closed) {
        return;
      }
      current = ++generation;
    }
    List<InetSocketAddress> known = List.copyOf(masters.addresses());
    try {
      if (known.isEmpty()) {
        throw new IOException("no Redis master is known");
      }
      for (InetSocketAddress node : known) {
        SubscriberConnection connection = masters.connect(node);
        synchronized (this) {
          open.add(connection);
          if (closed) {
            break;
          }
        }
        session.open(node, connection);
      }
      synchronized (this) {
        if (closed || current != generation) {
          return;
        }
        nodes = known;
        backoff = FIRST_BACKOFF_MILLIS;
        session.started(known);
        firstAttempt.countDown();
        for (SubscriberConnection connection : open) {
          connection.stream(session::message, () -> lost(current, connection));
        }
        try {
          topologyCheck = scheduler.scheduleWithFixedDelay(() -> checkTopology(current), TOPOLOGY_CHECK_MILLIS,
              TOPOLOGY_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException managerClosing) {
          // the manager is closing, and this with it
        }
      }
    } catch (IOException | RuntimeException e) {
      end(current, e);
    }
  }

  private void lost(long session, SubscriberConnection connection) {
    // Losing one master's connection loses that master's messages: end the whole session.
    end(session, new IOException("connection to " + connection.address().getHostString() + ":"
        + connection.address().getPort() + " lost"));
  }

  private void checkTopology(long session) {
    List<InetSocketAddress> now = masters.addresses();
    synchronized (this) {
      if (session != generation || new HashSet<>(now).equals(new HashSet<>(nodes))) {
        return;
      }
    }
    LOG.debug("{}: the masters changed from {}; subscribing again", name, nodes);
    end(session, null);
  }

  private void end(long ended, @Nullable Exception failure) {
    long delay;
    synchronized (this) {
      if (closed || ended != generation) {
        return;
      }
      generation++; // later callbacks of this session are stale
      closeConnections();
      session.ended(failure);
      firstAttempt.countDown();
      delay = failure == null ? 0 : backoff;
      if (failure != null) {
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        LOG.debug("{}: session ended ({}); again in {} ms", name, failure.toString(), delay);
      }
    }
    schedule(delay);
  }

  private synchronized void closeConnections() {
    if (topologyCheck != null) {
      topologyCheck.cancel(false);
      topologyCheck = null;
    }
    for (SubscriberConnection connection : open) {
      connection.close();
    }
    open.clear();
  }

  /** Ends the session and stops; nothing is reported to the session after this returns but what was under way. */
  @Override
  public synchronized void close() {
    closed = true;
    generation++;
    if (next != null) {
      next.cancel(false);
    }
    closeConnections();
    firstAttempt.countDown();
  }
}
