package io.github.jcacheredis.internal.event;

import io.github.jcacheredis.internal.management.CacheStatistics;
import io.github.jcacheredis.internal.storage.MasterSubscriptions;
import io.github.jcacheredis.internal.storage.PubSubFrames;
import io.github.jcacheredis.internal.storage.RedisConnection;
import io.github.jcacheredis.internal.storage.SubscriberConnection;
import io.github.jcacheredis.internal.storage.ValueCodec;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.cache.event.EventType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a cache's created, updated and removed events between JVMs over Redis pub/sub, so listeners hear
 * changes made anywhere, not only in their own JVM.
 *
 * <p>Each JVM publishes its events in the order they happened, one batch at a time through Redisson (a batch is
 * pipelined on one connection, and the next is sent when the last has been answered), so events of one JVM reach
 * every subscriber in that order (per key, and overall). A JVM subscribes while it has listeners on the cache, on
 * one connection to the master serving the channel (see {@link RedisConnection#channelMaster}). Delivery is at most
 * once: a subscriber that is disconnected misses what is published meanwhile, and a batch whose publishing fails is
 * dropped. Publishing stops by itself while no JVM subscribes (a probe each second), so a cache without listeners
 * anywhere pays nothing. None of this has a thread of its own.
 *
 * <p>What arrives is checked before any listener hears it (see {@link EventMessages}), and the subscription only
 * hands messages over (see {@link InboundEvents}): nothing another program publishes, and nothing a listener does,
 * can stop this JVM hearing the events that follow.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class RemoteEvents<K, V> implements Closeable {

  /** What a subscriber hands to the local listeners. */
  public interface Receiver<K, V> {
    /** Delivers one event another JVM raised. */
    void receive(EventType type, K key, @Nullable V value, @Nullable V oldValue);
  }

  private static final Logger LOG = LoggerFactory.getLogger(RemoteEvents.class);
  private static final long PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int MAX_BACKLOG = 100_000;
  private static final int MAX_BATCH = 1000;
  private static final long CLOSE_WAIT_MILLIS = 1000;

  private final String cacheName;
  private final byte[] channel;
  private final EventMessages<K, V> messages;
  private final RedisConnection connection;
  private final long timeoutMillis;
  private final ScheduledExecutorService scheduler;
  private final InboundEvents<K, V> inbound;
  private final long origin = ThreadLocalRandom.current().nextLong();
  private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>(MAX_BACKLOG);
  private boolean sending;
  private volatile long subscribers;
  private volatile long nextProbe;
  private @Nullable MasterSubscriptions subscription; // null while no listener is registered here
  private volatile boolean closed;

  /**
   * @param cacheName     for log lines
   * @param channel       the cache's channel
   * @param codec         the cache's value codec (events carry key, values and old values in the value format)
   * @param keyType       the cache's declared key type: events with other keys are dropped
   * @param valueType     the cache's declared value type: events with other values are dropped
   * @param connection    the Redis connection, which publishes and opens the subscription
   * @param timeoutMillis how long subscribing may wait for Redis
   * @param scheduler     the CacheManager's scheduler, which opens and watches the subscription
   * @param delivery      the CacheManager's delivery pool
   * @param receiver      takes events from other JVMs
   * @param statistics    counts events dropped as untrustworthy (decode errors, or unverified signatures) or for
   *                      lack of room
   */
  public RemoteEvents(String cacheName, byte[] channel, ValueCodec codec, Class<K> keyType, Class<V> valueType,
      RedisConnection connection, long timeoutMillis, ScheduledExecutorService scheduler, Executor delivery,
      Receiver<K, V> receiver, CacheStatistics statistics) {
    this.cacheName = cacheName;
    this.channel = channel.clone();
    this.messages = new EventMessages<>(codec, channel, keyType, valueType);
    this.connection = connection;
    this.timeoutMillis = timeoutMillis;
    this.scheduler = scheduler;
    this.inbound = new InboundEvents<>(cacheName, messages, receiver, statistics, delivery);
  }

  /**
   * @param namespace a cache's key namespace, {@code prefix:cache:}
   * @return the cache's event channel, {@code jcache-redis-events:prefix:cache:}
   */
  public static byte[] channel(byte[] namespace) {
    byte[] head = "jcache-redis-events:".getBytes(StandardCharsets.US_ASCII);
    byte[] channel = Arrays.copyOf(head, head.length + namespace.length);
    System.arraycopy(namespace, 0, channel, head.length, namespace.length);
    return channel;
  }

  /** @return whether events are worth publishing: some JVM subscribes, or it is time to look again */
  public boolean isPublishing() {
    return subscribers > 0 || System.nanoTime() - nextProbe >= 0;
  }

  /** Queues an event for the other JVMs (never blocks; dropped if the backlog is full). */
  public void publish(EventType type, K key, @Nullable V value, @Nullable V oldValue) {
    if (closed || !isPublishing()) {
      return;
    }
    if (!outbox.offer(messages.encode(origin, type, key, value, oldValue))) {
      LOG.debug("Cache '{}': event backlog full, an event for other JVMs was dropped", cacheName);
      return;
    }
    sendNext();
  }

  /** Sends what waits as one batch, unless a batch is on its way (its answer sends the next). */
  private void sendNext() {
    List<byte[]> batch = new ArrayList<>();
    synchronized (this) {
      if (sending) {
        return;
      }
      outbox.drainTo(batch, MAX_BATCH);
      if (batch.isEmpty()) {
        notifyAll();
        return;
      }
      sending = true;
    }
    connection.publish(channel, batch).whenComplete((listening, failure) -> {
      if (failure != null) {
        LOG.debug("Cache '{}': publishing events failed ({}); {} dropped", cacheName, failure.toString(),
            batch.size());
      } else {
        subscribers = listening;
        if (listening == 0) {
          nextProbe = System.nanoTime() + PROBE_INTERVAL_NANOS;
        }
      }
      synchronized (this) {
        sending = false;
      }
      sendNext();
    });
  }

  /** Starts hearing other JVMs' events (when the first listener is registered here). */
  public synchronized void subscribe() {
    if (subscription != null || closed) {
      return;
    }
    subscription = new MasterSubscriptions("Cache '" + cacheName + "' events",
        connection.channelMaster(channel, timeoutMillis), scheduler, new Subscriber());
    subscription.start();
  }

  /** Stops hearing other JVMs' events (when the last listener here is gone). */
  public synchronized void unsubscribe() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
    inbound.stop();
  }

  /** The subscription to the cache's channel. */
  private final class Subscriber implements MasterSubscriptions.Session {

    @Override
    public void open(InetSocketAddress master, SubscriberConnection subscriber) throws IOException {
      if (!(subscriber.call("SUBSCRIBE", channel) instanceof List)) {
        throw new IOException("unexpected SUBSCRIBE reply");
      }
    }

    @Override
    public void started(List<InetSocketAddress> masters) {
      LOG.debug("Cache '{}': hearing events of other JVMs through {}", cacheName, masters);
    }

    @Override
    public void ended(@Nullable Exception failure) {
      if (failure != null) {
        LOG.debug("Cache '{}': event subscription lost ({}); resubscribing", cacheName, failure.toString());
      }
    }

    /** On Redisson's event loop: only picks the payload out of a pub/sub message and queues it. */
    @Override
    public void message(@Nullable Object message) {
      byte[] payload = PubSubFrames.payload(message);
      if (payload == null) {
        return; // subscribe confirmations and PING replies
      }
      if (EventMessages.isFrom(payload, origin)) {
        return; // our own event: delivered here already, when it happened
      }
      inbound.offer(payload);
    }
  }

  /** Stops subscribing, and publishing once what is queued has been sent (waiting up to a second). */
  @Override
  public void close() {
    closed = true;
    unsubscribe();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
    synchronized (this) {
      try {
        while ((sending || !outbox.isEmpty()) && deadline - System.nanoTime() > 0) {
          wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    outbox.clear();
  }
}
