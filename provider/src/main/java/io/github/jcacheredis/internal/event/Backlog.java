package io.github.jcacheredis.internal.event;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What a subscription hands to its deliveries, bounded both in count and in bytes: messages and key
 * names come from whoever can publish on the channel or write under the prefix, and ten thousand of them of
 * 100 MB each must not be held at once. {@link #offer} never blocks; a message beyond either bound is refused,
 * and the caller counts it as dropped.
 *
 * @param <T> what is queued
 */
final class Backlog<T> {

  /** Messages waiting; beyond this the listeners have fallen too far behind to catch up. */
  static final int MAX_MESSAGES = 10_000;
  /** Bytes waiting, over all messages. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private final BlockingQueue<Item<T>> queue = new ArrayBlockingQueue<>(MAX_MESSAGES);
  private final AtomicLong bytes = new AtomicLong();

  /**
   * @param item a message
   * @param size the bytes it holds
   * @return whether it was queued
   */
  boolean offer(T item, int size) {
    if (bytes.addAndGet(size) > MAX_BYTES) {
      bytes.addAndGet(-size);
      return false;
    }
    if (!queue.offer(new Item<>(item, size))) {
      bytes.addAndGet(-size);
      return false;
    }
    return true;
  }

  /** @return the oldest message, waiting for one */
  T take() throws InterruptedException {
    Item<T> item = queue.take();
    bytes.addAndGet(-item.size);
    return item.value;
  }

  /** @return the oldest message, or {@code null} if none waits */
  @Nullable T poll() {
    Item<T> item = queue.poll();
    if (item == null) {
      return null;
    }
    bytes.addAndGet(-item.size);
    return item.value;
  }

  /** Forgets every message waiting. */
  void clear() {
    Item<T> item;
    while ((item = queue.poll()) != null) {
      bytes.addAndGet(-item.size);
    }
  }

  private record Item<T>(T value, int size) {
  }
}
