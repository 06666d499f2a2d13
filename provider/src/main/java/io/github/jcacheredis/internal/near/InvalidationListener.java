package io.github.jcacheredis.internal.near;

import io.github.jcacheredis.internal.storage.MasterSubscriptions;
import io.github.jcacheredis.internal.storage.PubSubFrames;
import io.github.jcacheredis.internal.storage.SubscriberConnection;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a near cache honest: one connection per Redis master (a {@link MasterSubscriptions} session), each in a
 * tracking session ({@code CLIENT TRACKING on REDIRECT <itself> BCAST PREFIX <cache namespace>}) and subscribed
 * to {@code __redis__:invalidate}, so that Redis sends the name of every key of the cache that any client
 * changes, deletes, expires or evicts. A flush empties the near cache.
 *
 * <p>While the session is not up on every master (a connection failed or went silent, the masters changed), the
 * near cache is emptied and bypassed; the session is rebuilt with back-off against the current masters.
 */
public final class InvalidationListener implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(InvalidationListener.class);
  private static final String CHANNEL = "__redis__:invalidate";

  private final String cacheName;
  private final byte[] keyPrefix;
  private final int connectTimeoutMillis;
  private final NearCache near;
  private final MasterSubscriptions subscriptions;
  private volatile boolean reported;

  /**
   * @param cacheName            for log lines
   * @param keyPrefix            the cache's key namespace, {@code prefix:cache:}
   * @param masters              the current master nodes (one for a single server or Sentinel), and how to
   *                             connect to them
   * @param scheduler            the CacheManager's scheduler, which opens and watches the session
   * @param connectTimeoutMillis how long start waits for the first session
   * @param near                 the near cache to keep in step
   */
  public InvalidationListener(String cacheName, byte[] keyPrefix, MasterSubscriptions.Masters masters,
      ScheduledExecutorService scheduler, int connectTimeoutMillis, NearCache near) {
    this.cacheName = cacheName;
    this.keyPrefix = keyPrefix.clone();
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.near = near;
    this.subscriptions = new MasterSubscriptions("Near cache of '" + cacheName + "'", masters, scheduler,
        new Tracking());
  }

  /**
   * Starts listening and waits (up to the connect timeout) for the first session, so a near cache created
   * against a healthy Redis serves from its first read.
   */
  public void start() {
    subscriptions.start();
    subscriptions.awaitFirstAttempt(connectTimeoutMillis);
  }

  /** Stops listening and empties the near cache. */
  @Override
  public void close() {
    near.setEnabled(false);
    subscriptions.close();
    near.setEnabled(false);
  }

  /** The tracking session on each master, and the near cache's state following it. */
  private final class Tracking implements MasterSubscriptions.Session {

    @Override
    public void open(InetSocketAddress master, SubscriberConnection connection) throws IOException {
      Object id = connection.call("CLIENT", "ID");
      if (!(id instanceof Long)) {
        throw new IOException("unexpected CLIENT ID reply");
      }
      connection.call("CLIENT", "TRACKING", "on", "REDIRECT", id, "BCAST", "PREFIX", keyPrefix);
      if (!(connection.call("SUBSCRIBE", CHANNEL) instanceof List)) {
        throw new IOException("unexpected SUBSCRIBE reply");
      }
    }

    @Override
    public void started(List<InetSocketAddress> masters) {
      near.setEnabled(true);
      if (reported) {
        LOG.info("Near cache of '{}' serving again: invalidations from {} flowing", cacheName, masters);
        reported = false;
      }
    }

    @Override
    public void ended(@Nullable Exception failure) {
      // Losing one master's invalidations makes every near copy suspect.
      near.setEnabled(false);
      if (failure != null && !reported) {
        LOG.warn("Near cache of '{}' bypassed: no invalidation connection to Redis ({}); retrying", cacheName,
            failure.getMessage());
        reported = true;
      }
    }

    @Override
    public void message(@Nullable Object message) {
      if (!(message instanceof List) || !PubSubFrames.isMessage(message)) {
        return; // subscribe confirmations and PING replies
      }
      // Not PubSubFrames.payload: an invalidation names its keys in an array, and a flush as nil.
      Object payload = ((List<?>) message).get(2);
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
  }
}
