package io.github.jcacheredis.internal.threads;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code prefix-1}, {@code prefix-2}, ...: a cache never keeps a JVM from exiting. */
final class NamedThreads implements ThreadFactory {

  private static final ThreadFactory PLATFORM = Executors.defaultThreadFactory();

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  NamedThreads(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
  }

  @Override
  public Thread newThread(Runnable work) {
    Thread thread = PLATFORM.newThread(work);
    thread.setName(prefix + "-" + count.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
