package io.github.jcacheredis.storage;

import io.github.jcacheredis.config.RedisAddress;
import io.github.jcacheredis.config.TlsTrust;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscribed connection to every Redis master, held as a whole: a session. Keyspace notifications and
 * tracking invalidations are node-local (a master tells only its own connections about its own keys), so hearing
 * all of a cache's keys takes a connection to each master.
 *
 * <p>A supervisor thread opens the session and one reader thread per master reads it, answering silence with a
 * keep-alive PING. The session ends, and is rebuilt with back-off against the masters known then, when any
 * connection fails or stays silent past the keep-alive bound, and also when the set of masters changes without a
 * connection failing (a manual failover leaves the old master up, as a replica, where keys no longer expire), which
 * the supervisor checks once a second.
 */
public final class MasterSubscriptions implements Closeable {

  /** What is done on each connection, and told about the session. */
  public interface Session {
    /**
     * Prepares a new connection to one master (settings, tracking, then SUBSCRIBE), on the supervisor's thread.
     *
     * @throws IOException to fail the whole session, which is then retried
     */
    void open(InetSocketAddress master, RespConnection connection) throws IOException;

    /** One message read from a master, on that master's reader thread: must be quick and never block. */
    void message(Object message);

    /** Every master's connection is open. */
    void started(List<InetSocketAddress> masters);

    /**
     * The session ended, or could not be opened; a new one is attempted unless this was closed.
     *
     * @param failure why, or {@code null} when the set of masters changed or this was closed
     */
    void ended(Exception failure);
  }

  private static final Logger LOG = LoggerFactory.getLogger(MasterSubscriptions.class);
  private static final int READ_TIMEOUT_MILLIS = 1000;
  private static final long SILENCE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(3);
  private static final long MAX_BACKOFF_MILLIS = 2000;
  private static final long TOPOLOGY_CHECK_MILLIS = 1000;

  private final String name;
  private final Supplier<List<InetSocketAddress>> masters;
  private final RedisAddress credentials;
  private final TlsTrust tls;
  private final int connectTimeoutMillis;
  private final Session session;
  private final Thread supervisor;
  private final List<RespConnection> open = new ArrayList<>();
  private final CountDownLatch firstAttempt = new CountDownLatch(1);
  private volatile boolean closed;
  private volatile CountDownLatch sessionEnded = new CountDownLatch(1);

  /**
   * @param name                 names the threads ({@code name}, {@code name-reader})
   * @param masters              the current master nodes (one for a single server or Sentinel)
   * @param credentials          user, password and TLS setting
   * @param tls                  the certificates trusted for {@code rediss://}
   * @param connectTimeoutMillis connect timeout per attempt
   * @param session              what runs on the connections
   */
  public MasterSubscriptions(String name, Supplier<List<InetSocketAddress>> masters, RedisAddress credentials,
      TlsTrust tls, int connectTimeoutMillis, Session session) {
    this.name = Objects.requireNonNull(name, "name");
    this.masters = Objects.requireNonNull(masters, "masters");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.tls = Objects.requireNonNull(tls, "tls");
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.session = Objects.requireNonNull(session, "session");
    this.supervisor = new Thread(this::supervise, name);
    this.supervisor.setDaemon(true);
  }

  /** Starts the supervisor, which opens the first session. */
  public void start() {
    supervisor.start();
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

  private void supervise() {
    long backoff = 50;
    while (!closed) {
      CountDownLatch ended = new CountDownLatch(1);
      sessionEnded = ended;
      Exception failure = null;
      try {
        List<InetSocketAddress> nodes = List.copyOf(masters.get());
        if (nodes.isEmpty()) {
          throw new IOException("no Redis master is known");
        }
        for (InetSocketAddress node : nodes) {
          RespConnection connection = RespConnection.open(node, credentials, tls, connectTimeoutMillis,
              READ_TIMEOUT_MILLIS);
          synchronized (open) {
            open.add(connection);
          }
          session.open(node, connection);
        }
        session.started(nodes);
        firstAttempt.countDown();
        backoff = 50;
        synchronized (open) {
          for (RespConnection connection : open) {
            Thread reader = new Thread(() -> read(connection, ended), name + "-reader");
            reader.setDaemon(true);
            reader.start();
          }
        }
        while (!ended.await(TOPOLOGY_CHECK_MILLIS, TimeUnit.MILLISECONDS) && !closed) {
          if (!new HashSet<>(masters.get()).equals(new HashSet<>(nodes))) {
            LOG.debug("{}: the masters changed from {}; subscribing again", name, nodes);
            break;
          }
        }
      } catch (IOException | RuntimeException e) {
        failure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
      } finally {
        closeConnections();
        if (!closed) {
          session.ended(failure);
        }
        firstAttempt.countDown();
      }
      if (!closed && failure != null) {
        sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
  }

  private void read(RespConnection connection, CountDownLatch ended) {
    long lastHeard = System.nanoTime();
    try {
      while (!closed && ended.getCount() > 0) {
        Object message;
        try {
          message = connection.read();
        } catch (SocketTimeoutException quiet) {
          if (System.nanoTime() - lastHeard > SILENCE_LIMIT_NANOS) {
            throw new IOException("no answer to keep-alive PING");
          }
          connection.send("PING");
          continue;
        }
        lastHeard = System.nanoTime();
        session.message(message);
      }
    } catch (IOException | RuntimeException e) {
      if (!closed && ended.getCount() > 0) {
        LOG.debug("{}: connection lost: {}", name, e.toString());
      }
    } finally {
      // Losing one master's connection loses that master's messages: end the whole session.
      ended.countDown();
    }
  }

  private void closeConnections() {
    synchronized (open) {
      for (RespConnection connection : open) {
        connection.close();
      }
      open.clear();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends the session and stops; nothing is reported to the session after this returns but what was under way. */
  @Override
  public void close() {
    closed = true;
    sessionEnded.countDown();
    closeConnections();
    supervisor.interrupt();
  }
}
