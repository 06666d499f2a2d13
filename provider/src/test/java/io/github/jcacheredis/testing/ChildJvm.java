package io.github.jcacheredis.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM running a test's {@code main} class on this JVM's class path, its output mixed into ours. */
public final class ChildJvm implements AutoCloseable {

  private final Process process;

  private ChildJvm(Process process) {
    this.process = process;
  }

  /**
   * @param main      the class whose {@code main} runs
   * @param arguments its arguments
   * @return the started JVM
   */
  public static ChildJvm start(Class<?> main, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(arguments));
    try {
      return new ChildJvm(new ProcessBuilder(command).inheritIO().start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a child JVM for " + main.getName(), e);
    }
  }

  /** Waits for the JVM to end and fails unless it exited with 0. */
  public void awaitSuccess(long timeoutSeconds) throws InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      throw new AssertionError("child JVM did not finish in " + timeoutSeconds + " s");
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("child JVM exited with " + process.exitValue());
    }
  }

  /** Kills the JVM at once (SIGKILL): no shutdown hook, no finally block runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
