package io.github.jcacheredis.examples.hibernate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.SessionFactory;

/**
 * What a node does to a book while another updates it: threads that each evict the book from the second-level
 * cache ({@code SessionFactory.getCache().evictEntityData}) and load it again, in a loop, until stopped. Every load
 * misses, selects the row and offers it to the cache ({@code putFromLoad}), which is where an outdated row can
 * land after an update on another node has committed.
 */
final class Churn {

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong cycles = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();

  private Churn() {
  }

  /**
   * @param sessionFactory the node's
   * @param bookId         the book to evict and load
   * @param threadCount    how many threads evict and load it at once
   * @return the running churn
   */
  static Churn start(SessionFactory sessionFactory, long bookId, int threadCount) {
    Churn churn = new Churn();
    for (int i = 0; i < threadCount; i++) {
      Thread thread = new Thread(() -> churn.run(sessionFactory, bookId), "churn-" + i);
      churn.threads.add(thread);
      thread.start();
    }
    return churn;
  }

  private void run(SessionFactory sessionFactory, long bookId) {
    try {
      while (running.get()) {
        sessionFactory.getCache().evictEntityData(Book.class, bookId);
        SecondNode.awaitNextMillisecond(); // a load in the eviction's own millisecond is not cached
        sessionFactory.inTransaction(session -> session.find(Book.class, bookId).getTitle());
        cycles.incrementAndGet();
      }
    } catch (RuntimeException | Error e) {
      synchronized (failures) {
        failures.add(e);
      }
    }
  }

  /**
   * Stops the threads and waits for them.
   *
   * @return how many evict-and-load cycles they completed
   * @throws IllegalStateException when a thread failed
   */
  long stop() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join();
    }
    synchronized (failures) {
      if (!failures.isEmpty()) {
        throw new IllegalStateException("a churn thread failed", failures.get(0));
      }
    }
    return cycles.get();
  }
}
