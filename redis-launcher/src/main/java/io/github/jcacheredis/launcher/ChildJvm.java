package io.github.jcacheredis.launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM for a test: a {@code main} class on this JVM's class path (or an executable jar), with its own
 * arguments, JVM options, system properties and environment, and its output forwarded to ours, piped to the test or
 * written to a file. Closing it kills it and every process it started.
 *
 * <pre>{@code
 * try (ChildJvm worker = ChildJvm.of(Worker.class).arguments(url, prefix).start()) {
 *   worker.awaitSuccess(Duration.ofMinutes(2));
 * }
 * }</pre>
 */
public final class ChildJvm implements AutoCloseable {

  private final String description;
  private final Process process;
  private BufferedReader stdout;
  private PrintWriter stdin;

  private ChildJvm(String description, Process process) {
    this.description = description;
    this.process = process;
  }

  /** A JVM running {@code main}'s {@code main} method on this JVM's class path. */
  public static Builder of(Class<?> main) {
    return new Builder(main.getName(),
        List.of("-cp", System.getProperty("java.class.path"), main.getName()));
  }

  /** A JVM running an executable jar ({@code java -jar}). */
  public static Builder jar(Path jar) {
    return new Builder(jar.getFileName().toString(), List.of("-jar", jar.toString()));
  }

  /** The process id, e.g. to signal it. */
  public long pid() {
    return process.pid();
  }

  /** @return whether the JVM is still running */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The JVM's standard output (and error, if merged), line by line; only with {@link Builder#pipeOutput()}. */
  public synchronized BufferedReader stdout() {
    if (stdout == null) {
      stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }
    return stdout;
  }

  /** Writes to the JVM's standard input, flushing at each line. */
  public synchronized PrintWriter stdin() {
    if (stdin == null) {
      stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }
    return stdin;
  }

  /** Reads the piped output to its end (the JVM's exit) as text. */
  public String readAllOutput() {
    try {
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the output of the child JVM " + description, e);
    }
  }

  /**
   * Waits up to {@code timeout} for the JVM to end.
   *
   * @return whether it ended
   */
  public boolean waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Waits up to {@code timeout} for the JVM to end (for callers where {@code Duration} names JSR-107's).
   *
   * @return whether it ended
   */
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    return process.waitFor(timeout, unit);
  }

  /** The exit code of a JVM that has ended. */
  public int exitValue() {
    return process.exitValue();
  }

  /** Waits for the JVM to end and fails unless it exited with 0. */
  public void awaitSuccess(Duration timeout) throws InterruptedException {
    if (!waitFor(timeout)) {
      throw new AssertionError("the child JVM " + description + " did not finish in " + timeout.toSeconds() + " s");
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("the child JVM " + description + " exited with " + process.exitValue());
    }
  }

  /** Kills the JVM and its descendants at once (SIGKILL: no shutdown hook, no finally block runs) and waits. */
  public void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Kills the JVM and every process it started, if still running. */
  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the child JVM runs with; {@link #start()} launches it. */
  public static final class Builder {

    private final String description;
    private final List<String> launch;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> arguments = new ArrayList<>();
    private boolean pipeOutput;
    private boolean mergeErrors;
    private Path outputFile;

    private Builder(String description, List<String> launch) {
      this.description = description;
      this.launch = launch;
    }

    /** The program's arguments (anything, as text). */
    public Builder arguments(Object... values) {
      for (Object value : values) {
        arguments.add(String.valueOf(value));
      }
      return this;
    }

    /** JVM options such as {@code -Xmx256m}. */
    public Builder jvmOptions(String... options) {
      jvmOptions.addAll(List.of(options));
      return this;
    }

    /** JVM options such as {@code -Xmx256m}. */
    public Builder jvmOptions(List<String> options) {
      jvmOptions.addAll(options);
      return this;
    }

    /** A system property ({@code -Dname=value}). */
    public Builder systemProperty(String name, String value) {
      systemProperties.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /**
     * An environment variable: for what must not show on the command line (a JVM's command line is visible in its
     * own system properties).
     */
    public Builder environment(String name, String value) {
      environment.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /** Standard output goes to the test ({@link ChildJvm#stdout()}) instead of ours. */
    public Builder pipeOutput() {
      pipeOutput = true;
      outputFile = null;
      return this;
    }

    /** Standard output is written to {@code file} instead of ours. */
    public Builder outputTo(Path file) {
      outputFile = Objects.requireNonNull(file);
      pipeOutput = false;
      return this;
    }

    /** Standard error goes where standard output goes (else it is forwarded to ours). */
    public Builder mergeErrors() {
      mergeErrors = true;
      return this;
    }

    /** Launches the JVM. */
    public ChildJvm start() {
      List<String> command = new ArrayList<>();
      command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
      command.addAll(jvmOptions);
      systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
      command.addAll(launch);
      command.addAll(arguments);
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      builder.redirectInput(ProcessBuilder.Redirect.PIPE);
      if (outputFile != null) {
        builder.redirectOutput(outputFile.toFile());
      } else if (pipeOutput) {
        builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
      } else {
        builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
      }
      if (mergeErrors) {
        builder.redirectErrorStream(true);
      } else {
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
      }
      try {
        return new ChildJvm(description, builder.start());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start a child JVM for " + description, e);
      }
    }
  }
}
