package io.github.jcacheredis.internal.event;

import io.github.jcacheredis.internal.storage.MasterSubscriptions;
import io.github.jcacheredis.internal.storage.PubSubFrames;
import io.github.jcacheredis.internal.storage.SubscriberConnection;
import io.github.jcacheredis.internal.threads.SerialExecutor;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names of the keys Redis expires, for the caches of one CacheManager that have expired listeners. Redis
 * expires entries itself, telling no client, unless keyspace notifications are on: then every master publishes the
 * name of each key it expires on {@code __keyevent@<db>__:expired} (when the key is deleted, actively or on its next
 * access, not the moment its TTL reaches zero; the value is gone by then).
 *
 * <p>One subscription per manager, shared by all its caches: it starts with the first cache that registers and
 * stops with the last, so a JVM without expired listeners opens no connection. While it runs it holds one connection
 * per master (see {@link MasterSubscriptions}), and delivers on the CacheManager's delivery pool, in order.
 * Each master is asked to notify expired keys: {@code CONFIG SET notify-keyspace-events} adds {@code E} (key-event
 * channels) and {@code x} (expired) to what is set, never removing anything. Where that is refused (CONFIG renamed
 * away, an ACL), the reason is logged once per registering cache and shown as {@link #status()}.
 *
 * <p>The subscription only matches a name's namespace against the registered caches (bytes up to the second
 * {@code :}, so other prefixes and unregistered caches cost one comparison) and queues it; the delivery pool decodes
 * and delivers, so a slow listener never stalls the subscription. Delivery is at most once: names expired while a
 * connection is down, or beyond the queue's room, are missed (the latter counted as dropped events).
 */
public final class ExpiredEvents implements Closeable {

  /** One cache's end of the subscription. */
  public interface Sink {
    /** A key of the cache expired; called on the delivery pool, one name at a time. */
    void expired(byte[] redisKey);

    /** A name was dropped because deliveries are too far behind. */
    void dropped();
  }

  /** What {@link #status()} says while every master notifies expired keys and is subscribed. */
  public static final String DELIVERING = "DELIVERING";

  private static final Logger LOG = LoggerFactory.getLogger(ExpiredEvents.class);
  private static final String SETTING = "notify-keyspace-events";

  private final String managerName;
  private final byte[] keyPrefix;
  private final String channel;
  private final MasterSubscriptions.Masters masters;
  private final ScheduledExecutorService scheduler;
  private final Executor delivery;
  private final int connectTimeoutMillis;
  private final int timeoutMillis;
  private final Map<ByteBuffer, Sink> sinks = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, String> refusals = new ConcurrentHashMap<>();
  // null while no cache is registered (between stop() and start())
  private @Nullable Backlog<Pending> queue;
  private @Nullable MasterSubscriptions subscriptions;
  private @Nullable SerialExecutor deliverer;
  private volatile String status = "STOPPED";
  private volatile @Nullable String reported; // the unavailability last logged, or null
  /** Until the first registration has looked at the first session, which logs for itself. */
  private volatile boolean quiet;

  /**
   * @param managerName          names log lines
   * @param keyPrefix            the manager's key prefix: every cache's namespace is {@code prefix:cache:}
   * @param database             the logical database the caches live in (0 on a cluster)
   * @param masters              the current master nodes, and how to connect to them
   * @param scheduler            the CacheManager's scheduler, which opens and watches the subscription
   * @param delivery             the CacheManager's delivery pool
   * @param connectTimeoutMillis connect timeout per attempt
   * @param timeoutMillis        the command timeout, which with the connect timeout bounds the wait at registration
   */
  public ExpiredEvents(String managerName, String keyPrefix, int database, MasterSubscriptions.Masters masters,
      ScheduledExecutorService scheduler, Executor delivery, int connectTimeoutMillis, int timeoutMillis) {
    this.managerName = Objects.requireNonNull(managerName, "managerName");
    this.keyPrefix = (keyPrefix + ":").getBytes(StandardCharsets.UTF_8);
    this.channel = "__keyevent@" + database + "__:expired";
    this.masters = Objects.requireNonNull(masters, "masters");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.delivery = Objects.requireNonNull(delivery, "delivery");
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Starts delivering a cache's expired keys (subscribing first, if no cache of this manager was registered), and
   * logs, once for this cache, why none can be delivered when that is so.
   *
   * @param cacheName the cache's name, for the log line
   * @param namespace the cache's key namespace, {@code prefix:cache:}
   * @param sink      where its expired keys go
   */
  public synchronized void register(String cacheName, byte[] namespace, Sink sink) {
    sinks.put(ByteBuffer.wrap(namespace.clone()), sink);
    if (subscriptions == null) {
      MasterSubscriptions started = start();
      // Waited for so that a refusal is logged now, by the registration that meets it.
      started.awaitFirstAttempt(connectTimeoutMillis + (long) timeoutMillis * (1 + masters.addresses().size()));
    }
    String now = status;
    if (!DELIVERING.equals(now)) {
      LOG.warn("Cache '{}': expired events cannot be delivered: {}", cacheName, now);
    }
    if (quiet) {
      reported = DELIVERING.equals(now) || now.startsWith("CONNECTING") ? null : now;
      quiet = false;
    }
  }

  /** Stops delivering a cache's expired keys; the last cache's going ends the subscription. */
  public synchronized void deregister(byte[] namespace) {
    sinks.remove(ByteBuffer.wrap(namespace));
    if (sinks.isEmpty()) {
      stop();
    }
  }

  /**
   * @return {@value #DELIVERING}; {@code UNAVAILABLE: why} when a master does not notify expired keys and cannot
   *         be made to; {@code CONNECTING: why} while the subscription is down; {@code STOPPED} with no cache
   *         registered
   */
  public String status() {
    return status;
  }

  private MasterSubscriptions start() {
    Backlog<Pending> pending = new Backlog<>();
    SerialExecutor serial = new SerialExecutor(delivery, managerName + ": expired events");
    queue = pending;
    deliverer = serial;
    status = "CONNECTING";
    quiet = true;
    MasterSubscriptions started = new MasterSubscriptions(managerName + ": expired keys", masters, scheduler,
        new Subscriber(pending, serial));
    subscriptions = started;
    started.start();
    return started;
  }

  private void stop() {
    // The three are set together by start(), so all are null or none is.
    if (subscriptions != null && deliverer != null && queue != null) {
      subscriptions.close();
      subscriptions = null;
      deliverer.stop();
      deliverer = null;
      queue.clear();
      queue = null;
    }
    status = "STOPPED";
    reported = null;
  }

  private void deliverNext(Backlog<Pending> pending) {
    Pending next = pending.poll();
    if (next == null) {
      return;
    }
    try {
      next.sink().expired(next.redisKey());
    } catch (Throwable e) {
      // The cache guards each listener; this guards the cache, so delivery outlives anything.
      LOG.warn("{}: delivering an expired event failed", managerName, e);
    }
  }

  /** Records a session's outcome; after the first registration, logs each change between delivering and not. */
  private void report(String now) {
    status = now;
    if (quiet) {
      return;
    }
    if (!DELIVERING.equals(now) && !now.startsWith("CONNECTING") && !now.equals(reported)) {
      LOG.warn("{}: expired events cannot be delivered: {}", managerName, now);
    } else if (DELIVERING.equals(now) && reported != null) {
      LOG.info("{}: expired events delivered again", managerName);
    }
    reported = DELIVERING.equals(now) ? null : now.startsWith("CONNECTING") ? reported : now;
  }

  /** The work on each master's connection. */
  private final class Subscriber implements MasterSubscriptions.Session {

    private final Backlog<Pending> pending;
    private final SerialExecutor serial;

    Subscriber(Backlog<Pending> pending, SerialExecutor serial) {
      this.pending = pending;
      this.serial = serial;
    }

    @Override
    public void open(InetSocketAddress master, SubscriberConnection connection) throws IOException {
      refusals.remove(master);
      String refusal = enableNotifications(master, connection);
      if (refusal != null) {
        refusals.put(master, refusal);
      }
      // Subscribed even when refused: a server configured outside our reach (a managed Redis with CONFIG
      // disabled, say) may notify anyway, and then the events are delivered.
      Object reply = connection.call("SUBSCRIBE", channel);
      if (!(reply instanceof List)) {
        throw new IOException("unexpected SUBSCRIBE reply from " + describe(master));
      }
    }

    @Override
    public void started(List<InetSocketAddress> nodes) {
      refusals.keySet().retainAll(nodes);
      report(refusals.isEmpty() ? DELIVERING : "UNAVAILABLE: " + String.join("; ", refusals.values()));
    }

    @Override
    public void ended(@Nullable Exception failure) {
      report("CONNECTING: " + (failure == null ? "the masters changed" : failure.getMessage()));
    }

    @Override
    public void message(@Nullable Object message) {
      byte[] name = PubSubFrames.payload(message);
      if (name == null) {
        return; // subscribe confirmations and PING replies
      }
      Sink sink = sinkOf(name);
      if (sink == null) {
        return;
      }
      if (pending.offer(new Pending(sink, name), name.length)) {
        serial.execute(() -> deliverNext(pending));
      } else {
        sink.dropped();
      }
    }

    /** The cache whose namespace {@code name} is in: {@code prefix:} and the escaped cache name, up to its colon. */
    private @Nullable Sink sinkOf(byte[] name) {
      int prefix = keyPrefix.length;
      if (name.length <= prefix || !Arrays.equals(name, 0, prefix, keyPrefix, 0, prefix)) {
        return null; // another prefix's key, or not a cache's at all
      }
      for (int i = prefix; i < name.length; i++) {
        if (name[i] == ':') {
          // (escaped cache names hold no ':', so the first one after the prefix ends the namespace)
          return sinks.get(ByteBuffer.wrap(name, 0, i + 1));
        }
      }
      return null;
    }
  }

  /**
   * Makes a master notify expired keys, adding to its setting and never removing from it.
   *
   * @return why it does not and cannot be made to, or {@code null} when it does
   */
  private static @Nullable String enableNotifications(InetSocketAddress master, SubscriberConnection connection)
      throws IOException {
    String flags;
    try {
      Object reply = connection.call("CONFIG", "GET", SETTING);
      if (!(reply instanceof List) || ((List<?>) reply).size() < 2 || !(((List<?>) reply).get(1) instanceof byte[])) {
        return describe(master) + " answered CONFIG GET " + SETTING + " with no value, so keyspace notifications could not"
            + " be checked or enabled; expired events arrive only if it includes 'E' and 'x'";
      }
      flags = new String((byte[]) ((List<?>) reply).get(1), StandardCharsets.US_ASCII);
    } catch (SubscriberConnection.ErrorReply e) {
      return describe(master) + " did not let its " + SETTING + " be read (" + e.getMessage() + "), so keyspace"
          + " notifications could not be checked or enabled; expired events arrive only if it includes 'E' and 'x'"
          + " (e.g. " + SETTING + " Ex in its configuration)";
    }
    // 'E': key-event channels; 'x': expired events, also included in 'A' (all events but key-miss and new).
    String missing = (flags.indexOf('E') < 0 ? "E" : "") + (flags.indexOf('x') < 0 && flags.indexOf('A') < 0
        ? "x" : "");
    if (missing.isEmpty()) {
      return null;
    }
    try {
      connection.call("CONFIG", "SET", SETTING, flags + missing);
      LOG.info("Keyspace notifications for expired keys enabled on {}: {} '{}' became '{}'", describe(master), SETTING,
          flags, flags + missing);
      return null;
    } catch (SubscriberConnection.ErrorReply e) {
      return describe(master) + " has " + SETTING + " '" + flags + "', without '" + missing + "', and refused to add it ("
          + e.getMessage() + "); set " + SETTING + " to include 'E' and 'x' on the server";
    }
  }

  private static String describe(InetSocketAddress master) {
    return master.getHostString() + ":" + master.getPort();
  }

  /** Ends the subscription whatever is registered (the manager is closing). */
  @Override
  public synchronized void close() {
    sinks.clear();
    stop();
  }

  private record Pending(Sink sink, byte[] redisKey) {
  }
}
