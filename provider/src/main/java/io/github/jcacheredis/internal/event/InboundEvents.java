package io.github.jcacheredis.internal.event;

import io.github.jcacheredis.internal.event.EventMessages.RemoteEvent;
import io.github.jcacheredis.internal.management.CacheStatistics;
import io.github.jcacheredis.internal.storage.CorruptValueException;
import io.github.jcacheredis.internal.storage.DecodeFailureLog;
import io.github.jcacheredis.internal.storage.UnverifiedValueException;
import io.github.jcacheredis.internal.threads.SerialExecutor;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events from other JVMs on their way to this JVM's listeners. The subscription (on Redisson's event loop) only
 * queues each message, never blocking (when the queue is full the message is dropped and counted); the
 * CacheManager's delivery pool decodes, checks and delivers them, one at a time in the order they arrived. So a
 * message that is slow to decode or a listener that blocks or throws (even an {@code Error}) holds up only the
 * events behind it, never the subscription, and {@link #stop()} drops what waits.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class InboundEvents<K, V> {

  private static final Logger LOG = LoggerFactory.getLogger(InboundEvents.class);

  private final String cacheName;
  private final EventMessages<K, V> messages;
  private final RemoteEvents.Receiver<K, V> receiver;
  private final CacheStatistics statistics;
  private final Backlog<byte[]> queue = new Backlog<>();
  private final DecodeFailureLog rejected;
  private final DecodeFailureLog unverified;
  private final DecodeFailureLog dropped;
  private final SerialExecutor worker;

  InboundEvents(String cacheName, EventMessages<K, V> messages, RemoteEvents.Receiver<K, V> receiver,
      CacheStatistics statistics, Executor delivery) {
    this.cacheName = Objects.requireNonNull(cacheName, "cacheName");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.receiver = Objects.requireNonNull(receiver, "receiver");
    this.statistics = Objects.requireNonNull(statistics, "statistics");
    this.rejected = new DecodeFailureLog(cacheName, "an event from another JVM was dropped as untrustworthy");
    this.unverified = new DecodeFailureLog(cacheName, "an event was dropped unread: its signature does not verify");
    this.dropped = new DecodeFailureLog(cacheName, "events from other JVMs were dropped unheard");
    this.worker = new SerialExecutor(delivery, "Cache '" + cacheName + "': events from other JVMs");
  }

  /** Queues a message for delivery; called by the subscription, so it never blocks. */
  void offer(byte[] message) {
    if (queue.offer(message, message.length)) {
      worker.execute(this::deliverNext);
    } else {
      statistics.recordDroppedEvent();
      dropped.report("the listeners here are " + Backlog.MAX_MESSAGES + " events or " + Backlog.MAX_BYTES
          + " bytes behind");
    }
  }

  /** Stops delivering and forgets what was not delivered (no one here listens any more). */
  void stop() {
    worker.clear();
    queue.clear();
  }

  private void deliverNext() {
    byte[] message = queue.poll();
    if (message != null) {
      deliver(message);
    }
  }

  private void deliver(byte[] message) {
    RemoteEvent<K, V> event;
    try {
      event = messages.decode(message);
    } catch (UnverifiedValueException e) {
      statistics.recordUnverified();
      unverified.report(e);
      return;
    } catch (CorruptValueException e) {
      reject(e.getMessage());
      return;
    } catch (Throwable e) {
      // The codec turns bad bytes into CorruptValueException; anything else escaping it must not end delivery.
      reject(e.toString());
      return;
    }
    try {
      receiver.receive(event.type(), event.key(), event.value(), event.oldValue());
    } catch (Throwable e) {
      // The dispatcher guards each listener; this guards the dispatcher, so delivery outlives anything.
      LOG.warn("Cache '{}': delivering an event from another JVM failed", cacheName, e);
    }
  }

  private void reject(@Nullable String reason) {
    statistics.recordDecodeError();
    rejected.report(reason);
  }
}
