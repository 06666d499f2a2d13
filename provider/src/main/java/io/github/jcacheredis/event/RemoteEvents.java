package io.github.jcacheredis.event;

import io.github.jcacheredis.management.CacheStatistics;
import io.github.jcacheredis.storage.RespConnection;
import io.github.jcacheredis.storage.ValueCodec;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.cache.event.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a cache's created, updated and removed events between JVMs over Redis pub/sub, so listeners hear
 * changes made anywhere, not only in their own JVM.
 *
 * <p>Each JVM publishes its events on one connection of its own, in the order they happened, so events of one
 * JVM reach every subscriber in that order (per key, and overall). A JVM subscribes while it has listeners on
 * the cache. Delivery is at most once: a subscriber that is disconnected misses what is published meanwhile,
 * and a publisher that loses its connection drops what it had not sent. Publishing stops by itself while no JVM
 * subscribes (a probe each second), so a cache without listeners anywhere pays nothing.
 *
 * <p>What arrives is checked before any listener hears it (see {@link EventMessages}), and the thread reading the
 * subscription only hands messages over (see {@link InboundEvents}): nothing another program publishes, and
 * nothing a listener does, can stop this JVM hearing the events that follow.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class RemoteEvents<K, V> implements Closeable {

  /** Where the pub/sub connections go. */
  public interface Endpoint {
    /** @return a new connection to a master */
    RespConnection connect() throws IOException;
  }

  /** What a subscriber hands to the local listeners. */
  public interface Receiver<K, V> {
    /** Delivers one event another JVM raised. */
    void receive(EventType type, K key, V value, V oldValue);
  }

  private static final Logger LOG = LoggerFactory.getLogger(RemoteEvents.class);
  private static final long PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int MAX_BACKLOG = 100_000;
  private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);

  private final String cacheName;
  private final byte[] channel;
  private final EventMessages<K, V> messages;
  private final Endpoint endpoint;
  private final InboundEvents<K, V> inbound;
  private final long origin = ThreadLocalRandom.current().nextLong();
  private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>(MAX_BACKLOG);
  private Thread publisher;
  private volatile long subscribers;
  private volatile long nextProbe;
  private volatile Thread subscriber;
  private volatile RespConnection subscription;
  private volatile boolean closed;

  /**
   * @param cacheName  for thread names and logs
   * @param channel    the cache's channel
   * @param codec      the cache's value codec (events carry key, values and old values in the value format)
   * @param keyType    the cache's declared key type: events with other keys are dropped
   * @param valueType  the cache's declared value type: events with other values are dropped
   * @param endpoint   opens connections
   * @param receiver   takes events from other JVMs
   * @param statistics counts events dropped as untrustworthy (decode errors, or unverified signatures) or for
   *                   lack of room
   */
  public RemoteEvents(String cacheName, byte[] channel, ValueCodec codec, Class<K> keyType, Class<V> valueType,
      Endpoint endpoint, Receiver<K, V> receiver, CacheStatistics statistics) {
    this.cacheName = cacheName;
    this.channel = channel.clone();
    this.messages = new EventMessages<>(codec, channel, keyType, valueType);
    this.endpoint = endpoint;
    this.inbound = new InboundEvents<>(cacheName, messages, receiver, statistics);
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
  public void publish(EventType type, K key, V value, V oldValue) {
    if (closed || !isPublishing()) {
      return;
    }
    startPublisher();
    // (closed is checked again by the publisher, which drains the outbox before it stops)
    if (!outbox.offer(messages.encode(origin, type, key, value, oldValue))) {
      LOG.debug("Cache '{}': event backlog full, an event for other JVMs was dropped", cacheName);
    }
  }

  private synchronized void startPublisher() {
    if (publisher == null && !closed) {
      publisher = new Thread(this::publishLoop, "jcache-redis-events-out-" + cacheName);
      publisher.setDaemon(true);
      publisher.start();
    }
  }

  private void publishLoop() {
    RespConnection connection = null;
    List<byte[]> batch = new ArrayList<>();
    while (!closed || !outbox.isEmpty()) {
      try {
        byte[] first = outbox.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        outbox.drainTo(batch, 999);
        if (connection == null) {
          connection = endpoint.connect();
        }
        // Pipelined on one connection: the order of the events is the order Redis publishes them.
        for (byte[] message : batch) {
          connection.send("PUBLISH", channel, message);
        }
        long listening = 0;
        for (int i = 0; i < batch.size(); i++) {
          listening = (Long) connection.read();
        }
        subscribers = listening;
        if (listening == 0) {
          nextProbe = System.nanoTime() + PROBE_INTERVAL_NANOS;
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.debug("Cache '{}': publishing events failed ({}); {} dropped", cacheName, e.toString(), batch.size());
        if (connection != null) {
          connection.close();
          connection = null;
        }
        sleep(100);
      } finally {
        batch.clear();
      }
    }
    if (connection != null) {
      connection.close();
    }
  }

  /** Starts hearing other JVMs' events (when the first listener is registered here). */
  public synchronized void subscribe() {
    if (subscriber != null || closed) {
      return;
    }
    Thread thread = new Thread(this::subscribeLoop, "jcache-redis-events-in-" + cacheName);
    thread.setDaemon(true);
    subscriber = thread;
    inbound.start();
    thread.start();
  }

  /** Stops hearing other JVMs' events (when the last listener here is gone). */
  public synchronized void unsubscribe() {
    Thread thread = subscriber;
    subscriber = null;
    if (thread != null) {
      thread.interrupt();
      RespConnection connection = subscription;
      if (connection != null) {
        connection.close();
      }
    }
    inbound.stop();
  }

  private void subscribeLoop() {
    long backoff = 50;
    while (subscriber == Thread.currentThread() && !closed) {
      try (RespConnection connection = endpoint.connect()) {
        subscription = connection;
        connection.call("SUBSCRIBE", channel);
        backoff = 50;
        while (subscriber == Thread.currentThread() && !closed) {
          Object message;
          try {
            message = connection.read();
          } catch (SocketTimeoutException quiet) {
            connection.send("PING");
            continue;
          }
          handle(message);
        }
      } catch (IOException | RuntimeException e) {
        if (subscriber == Thread.currentThread() && !closed) {
          LOG.debug("Cache '{}': event subscription lost ({}); resubscribing", cacheName, e.toString());
          sleep(backoff);
          backoff = Math.min(2000, backoff * 2);
        }
      } finally {
        subscription = null;
      }
    }
  }

  /** On the reader's thread: only picks the payload out of a pub/sub message and queues it. */
  private void handle(Object message) {
    if (!(message instanceof List) || ((List<?>) message).size() < 3) {
      return;
    }
    List<?> parts = (List<?>) message;
    if (!(parts.get(0) instanceof byte[]) || !Arrays.equals(MESSAGE, (byte[]) parts.get(0))
        || !(parts.get(2) instanceof byte[])) {
      return;
    }
    byte[] payload = (byte[]) parts.get(2);
    if (EventMessages.isFrom(payload, origin)) {
      return; // our own event: delivered here already, when it happened
    }
    inbound.offer(payload);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops subscribing, and publishing once what is queued has been sent (waiting up to a second). */
  @Override
  public void close() {
    closed = true;
    unsubscribe();
    Thread sender;
    synchronized (this) {
      sender = publisher;
    }
    if (sender != null) {
      try {
        sender.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sender.interrupt();
    }
  }
}
