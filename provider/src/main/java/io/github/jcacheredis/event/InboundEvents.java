package io.github.jcacheredis.event;

import io.github.jcacheredis.event.EventMessages.RemoteEvent;
import io.github.jcacheredis.management.CacheStatistics;
import io.github.jcacheredis.storage.CorruptValueException;
import io.github.jcacheredis.storage.DecodeFailureLog;
import io.github.jcacheredis.storage.UnverifiedValueException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events from other JVMs on their way to this JVM's listeners. The thread reading the subscription only queues
 * each message, never blocking (when the queue is full the message is dropped and counted); one worker thread
 * decodes, checks and delivers them, in the order they arrived. So a message that is slow to decode or a listener
 * that blocks or throws (even an {@code Error}) holds up only the events behind it, never the subscription, and
 * {@link #stop()} ends the worker whatever it is doing (a decode that cannot be interrupted is abandoned: the
 * worker is a daemon and stops as soon as that decode returns).
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
  private volatile Thread worker;

  InboundEvents(String cacheName, EventMessages<K, V> messages, RemoteEvents.Receiver<K, V> receiver,
      CacheStatistics statistics) {
    this.cacheName = Objects.requireNonNull(cacheName, "cacheName");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.receiver = Objects.requireNonNull(receiver, "receiver");
    this.statistics = Objects.requireNonNull(statistics, "statistics");
    this.rejected = new DecodeFailureLog(cacheName, "an event from another JVM was dropped as untrustworthy");
    this.unverified = new DecodeFailureLog(cacheName, "an event was dropped unread: its signature does not verify");
    this.dropped = new DecodeFailureLog(cacheName, "events from other JVMs were dropped unheard");
  }

  /** Queues a message for the worker; called by the subscription's reader, so it never blocks. */
  void offer(byte[] message) {
    if (!queue.offer(message, message.length)) {
      statistics.recordDroppedEvent();
      dropped.report("the listeners here are " + Backlog.MAX_MESSAGES + " events or " + Backlog.MAX_BYTES
          + " bytes behind");
    }
  }

  /** Starts the worker (if it is not running). */
  synchronized void start() {
    if (worker != null) {
      return;
    }
    Thread thread = new Thread(this::work, "jcache-redis-events-deliver-" + cacheName);
    thread.setDaemon(true);
    worker = thread;
    thread.start();
  }

  /** Stops the worker and forgets what it had not delivered (no one here listens any more). */
  synchronized void stop() {
    Thread thread = worker;
    worker = null;
    queue.clear();
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void work() {
    while (worker == Thread.currentThread()) {
      byte[] message;
      try {
        message = queue.take();
      } catch (InterruptedException e) {
        continue; // stopped, or a listener's interrupt leaked: the loop condition decides
      }
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
      // The dispatcher guards each listener; this guards the dispatcher, so the worker outlives anything.
      LOG.warn("Cache '{}': delivering an event from another JVM failed", cacheName, e);
    }
  }

  private void reject(String reason) {
    statistics.recordDecodeError();
    rejected.report(reason);
  }
}
