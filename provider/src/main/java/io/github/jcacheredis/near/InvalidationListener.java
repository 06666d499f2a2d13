package io.github.jcacheredis.near;

import io.github.jcacheredis.config.RedisAddress;
import io.github.jcacheredis.config.TlsTrust;
import io.github.jcacheredis.storage.RespConnection;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a near cache honest: one connection per Redis master, each in a tracking session
 * ({@code CLIENT TRACKING on REDIRECT <itself> BCAST PREFIX <cache namespace>}) and subscribed to
 * {@code __redis__:invalidate}, so that Redis sends the name of every key of the cache that any client changes,
 * deletes, expires or evicts. A flush empties the near cache.
 *
 * <p>If any connection fails or stays silent past the keep-alive bound, the near cache is emptied and bypassed
 * at once, then the whole session is rebuilt with back-off against the current masters.
 */
public final class InvalidationListener implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(InvalidationListener.class);
  private static final String CHANNEL = "__redis__:invalidate";
  private static final int READ_TIMEOUT_MILLIS = 1000;
  private static final long SILENCE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(3);
  private static final long MAX_BACKOFF_MILLIS = 2000;

  private final String cacheName;
  private final byte[] keyPrefix;
  private final Supplier<List<InetSocketAddress>> masters;
  private final RedisAddress credentials;
  private final TlsTrust tls;
  private final int connectTimeoutMillis;
  private final NearCache near;
  private final Thread supervisor;
  private final List<RespConnection> open = new ArrayList<>();
  private volatile boolean closed;
  private volatile CountDownLatch sessionEnded = new CountDownLatch(1);

  /**
   * @param cacheName            for thread names and log lines
   * @param keyPrefix            the cache's key namespace, {@code prefix:cache:}
   * @param masters              the current master nodes (one for a single server or Sentinel)
   * @param credentials          user, password and TLS setting
   * @param tls                  the certificates trusted for {@code rediss://}
   * @param connectTimeoutMillis connect timeout per attempt
   * @param near                 the near cache to keep in step
   */
  public InvalidationListener(String cacheName, byte[] keyPrefix, Supplier<List<InetSocketAddress>> masters,
      RedisAddress credentials, TlsTrust tls, int connectTimeoutMillis, NearCache near) {
    this.tls = tls;
    this.cacheName = cacheName;
    this.keyPrefix = keyPrefix.clone();
    this.masters = masters;
    this.credentials = credentials;
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.near = near;
    this.supervisor = new Thread(this::supervise, "jcache-redis-near-" + cacheName);
    this.supervisor.setDaemon(true);
  }

  /**
   * Starts listening and waits (up to the connect timeout) for the first session, so a near cache created
   * against a healthy Redis serves from its first read.
   */
  public void start() {
    supervisor.start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectTimeoutMillis);
    while (!near.isEnabled() && System.nanoTime() < deadline && !closed) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void supervise() {
    long backoff = 50;
    boolean reported = false;
    while (!closed) {
      CountDownLatch ended = new CountDownLatch(1);
      sessionEnded = ended;
      try {
        List<InetSocketAddress> nodes = masters.get();
        for (InetSocketAddress node : nodes) {
          RespConnection connection = subscribe(node);
          synchronized (open) {
            open.add(connection);
          }
        }
        near.setEnabled(true);
        if (reported) {
          LOG.info("Near cache of '{}' serving again: invalidations from {} flowing", cacheName, nodes);
          reported = false;
        }
        backoff = 50;
        List<Thread> readers = new ArrayList<>();
        synchronized (open) {
          for (RespConnection connection : open) {
            Thread reader = new Thread(() -> read(connection, ended), supervisor.getName() + "-reader");
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
          }
        }
        ended.await();
      } catch (IOException | RuntimeException e) {
        if (!closed && !reported) {
          LOG.warn("Near cache of '{}' bypassed: no invalidation connection to Redis ({}); retrying", cacheName,
              e.getMessage());
          reported = true;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
      } finally {
        near.setEnabled(false);
        closeConnections();
      }
      if (!closed) {
        sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
  }

  private RespConnection subscribe(InetSocketAddress node) throws IOException {
    RespConnection connection = RespConnection.open(node, credentials, tls, connectTimeoutMillis,
        READ_TIMEOUT_MILLIS);
    try {
      long id = (Long) connection.call("CLIENT", "ID");
      connection.call("CLIENT", "TRACKING", "on", "REDIRECT", id, "BCAST", "PREFIX", keyPrefix);
      Object reply = connection.call("SUBSCRIBE", CHANNEL);
      if (!(reply instanceof List)) {
        throw new IOException("unexpected SUBSCRIBE reply");
      }
      return connection;
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
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
        handle(message);
      }
    } catch (IOException | RuntimeException e) {
      if (!closed && ended.getCount() > 0) {
        LOG.debug("Invalidation connection of '{}' lost: {}", cacheName, e.toString());
      }
    } finally {
      // Losing one master's invalidations makes every near copy suspect: end the whole session.
      near.setEnabled(false);
      ended.countDown();
    }
  }

  private void handle(Object message) {
    if (!(message instanceof List)) {
      return;
    }
    List<?> parts = (List<?>) message;
    if (parts.size() < 3 || !(parts.get(0) instanceof byte[])
        || !"message".equals(new String((byte[]) parts.get(0), java.nio.charset.StandardCharsets.US_ASCII))) {
      return; // subscribe confirmations and PING replies
    }
    Object payload = parts.get(2);
    if (payload == null) {
      near.invalidateAll(); // FLUSHDB / FLUSHALL
    } else if (payload instanceof List) {
      for (Object key : (List<?>) payload) {
        if (key instanceof byte[]) {
          near.invalidate((byte[]) key);
        }
      }
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

  /** Stops listening and empties the near cache. */
  @Override
  public void close() {
    closed = true;
    near.setEnabled(false);
    sessionEnded.countDown();
    closeConnections();
    supervisor.interrupt();
  }
}
