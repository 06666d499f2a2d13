package io.github.jcacheredis.internal.threads;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order they were given, on a shared pool: a listener's events stay in order
 * (JSR-107 §8.4: events of one key are delivered in order) without a thread of its own. A task that throws, even an
 * {@code Error}, is logged and the next one runs.
 */
public final class SerialExecutor implements Executor {

  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
  // Tasks run per turn on a pool thread before it is handed back, so one busy listener cannot hold a thread for ever.
  private static final int BATCH = 64;

  private final Executor pool;
  private final String name;
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean running;
  private boolean stopped;

  /**
   * @param pool the shared pool
   * @param name what the tasks are for, in log lines
   */
  public SerialExecutor(Executor pool, String name) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.name = Objects.requireNonNull(name, "name");
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    synchronized (this) {
      if (stopped) {
        return;
      }
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    submit();
  }

  private void submit() {
    try {
      pool.execute(this::runBatch);
    } catch (RejectedExecutionException shutDown) {
      synchronized (this) {
        running = false;
        tasks.clear();
        notifyAll();
      }
    }
  }

  private void runBatch() {
    for (int i = 0; i < BATCH; i++) {
      Runnable task;
      synchronized (this) {
        task = tasks.poll();
        if (task == null) {
          running = false;
          notifyAll();
          return;
        }
      }
      try {
        task.run();
      } catch (Throwable e) {
        LOG.warn("{}: a task failed", name, e);
      }
    }
    submit();
  }

  /**
   * Waits until no task waits or runs.
   *
   * @return whether that happened within {@code millis}
   */
  public synchronized boolean awaitIdle(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (running || !tasks.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000L));
    }
    return true;
  }

  /** @return how many tasks wait */
  public synchronized int backlog() {
    return tasks.size();
  }

  /** Drops what waits and takes no more tasks; a task already running finishes. */
  public synchronized void stop() {
    stopped = true;
    tasks.clear();
  }

  /** Drops what waits; later tasks are taken again. */
  public synchronized void clear() {
    tasks.clear();
  }
}
