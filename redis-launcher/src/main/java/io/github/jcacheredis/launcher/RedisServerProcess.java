package io.github.jcacheredis.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code redis-server} child process on a loopback port, without persistence, that can be killed and restarted on
 * the same port.
 *
 * <p>The binary is the first {@code redis-server} on the {@code PATH}, else the one bundled in embedded-redis. The
 * server runs in the foreground in its own temporary directory (its working directory and {@code --dir}, holding its
 * log), is stopped through its own {@link Process} handle, and a JVM shutdown hook kills it should {@link #close()}
 * never be called.
 */
public final class RedisServerProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisServerProcess.class);

  private static final String HOST = "127.0.0.1";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 20;
  private static final int FREE_PORT_ATTEMPTS = 5;
  private static final int LOG_TAIL_LINES = 20;

  private final RedisExecutable executable;
  private final int port;
  private final List<String> extraArgs;
  private final Path directory;
  private final Path logFile;
  /** A configuration file passed as the first argument (sentinels need one they can rewrite), or {@code null}. */
  private final Path configFile;
  private final Thread shutdownHook;

  /** Volatile rather than guarded by {@code this}: the shutdown hook must not wait for a lock. */
  private volatile Process process;
  private boolean closed;

  private RedisServerProcess(RedisExecutable executable, int port, List<String> extraArgs, String configText)
      throws IOException {
    this.executable = requireNonNull(executable, "executable");
    this.port = port;
    this.extraArgs = List.copyOf(extraArgs);
    this.directory = Files.createTempDirectory("jcache-redis-" + port + "-");
    this.logFile = directory.resolve("redis-server.log");
    this.shutdownHook = new Thread(this::killOnJvmExit, "redis-server-" + port + "-shutdown");
    if (configText == null) {
      this.configFile = null;
    } else {
      this.configFile = directory.resolve("redis.conf");
      Files.writeString(configFile, configText, StandardCharsets.UTF_8);
    }
  }

  /**
   * Starts a server on a free loopback port and waits until it answers {@code PING}.
   *
   * @param extraArgs further {@code redis-server} arguments, e.g. {@code "--maxmemory", "10mb"}; they come after the
   *     defaults, so they may override them
   * @return the running server
   * @throws IOException if no binary can be found or the server does not come up
   */
  public static RedisServerProcess start(String... extraArgs) throws IOException {
    return start(0, extraArgs);
  }

  /**
   * Starts a server on the given loopback port and waits until it answers {@code PING}.
   *
   * @param port the port, or {@code 0} for a free one
   * @param extraArgs further {@code redis-server} arguments; they come after the defaults, so they may override them
   * @return the running server
   * @throws IOException if no binary can be found or the server does not come up
   */
  public static RedisServerProcess start(int port, String... extraArgs) throws IOException {
    return start(RedisExecutable.find(), port, List.of(extraArgs));
  }

  static RedisServerProcess start(RedisExecutable executable, int port, List<String> extraArgs) throws IOException {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (port != 0) {
      return launch(executable, port, extraArgs, null);
    }
    return start(executable, FreePort::pick, extraArgs, null);
  }

  /**
   * Starts a server on a port from {@code freePorts}, trying another one if the port turns out to be taken.
   *
   * @param configText the text of a configuration file written into the server's directory and passed as its first
   *     argument (a sentinel needs a file it can rewrite), or {@code null} for none
   */
  static RedisServerProcess start(RedisExecutable executable, IntSupplier freePorts, List<String> extraArgs,
      String configText) throws IOException {
    PortTakenException lastFailure = null;
    for (int attempt = 0; attempt < FREE_PORT_ATTEMPTS; attempt++) {
      try {
        return launch(executable, freePorts.getAsInt(), extraArgs, configText);
      } catch (PortTakenException e) {
        // Another process bound the port between FreePort releasing it and redis-server binding it.
        LOG.debug("{}; trying another port", e.getMessage());
        lastFailure = e;
      }
    }
    throw lastFailure;
  }

  private static RedisServerProcess launch(RedisExecutable executable, int port, List<String> extraArgs,
      String configText) throws IOException {
    RedisServerProcess server = new RedisServerProcess(executable, port, extraArgs, configText);
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      server.startProcess();
      return server;
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * Returns the port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * Returns the server's address, e.g. {@code redis://127.0.0.1:6390}.
   *
   * @return the URL
   */
  public String url() {
    return "redis://" + HOST + ":" + port;
  }

  /**
   * Returns where the binary came from: {@link RedisSource#PATH} or {@link RedisSource#EMBEDDED}.
   *
   * @return the source
   */
  public RedisSource source() {
    return executable.source();
  }

  /**
   * Returns the operating-system process id of the current server process.
   *
   * @return the pid
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Tells whether the server process is running.
   *
   * @return {@code true} if it is alive
   */
  public boolean isAlive() {
    Process current = process;
    return current != null && current.isAlive();
  }

  /**
   * Kills the server with SIGKILL, as a crash would, and waits for the process to end. Does nothing if it is not
   * running. {@link #restart()} brings it back on the same port.
   */
  public synchronized void kill() {
    Process current = process;
    if (current == null || !current.isAlive()) {
      return;
    }
    current.destroyForcibly();
    awaitExit(current);
    LOG.info("Killed redis-server on port {} (pid {})", port, current.pid());
  }

  /**
   * Starts the server again on the same port with the same arguments, killing it first if it is still running, and
   * waits until it answers {@code PING}. The new server starts empty: persistence is off.
   *
   * @throws IOException if the server does not come up
   * @throws IllegalStateException if this server was closed
   */
  public synchronized void restart() throws IOException {
    if (closed) {
      throw new IllegalStateException("redis-server on port " + port + " was closed");
    }
    kill();
    startProcess();
  }

  /**
   * Stops the server (SIGTERM, then SIGKILL if it lingers), removes its shutdown hook and deletes its directory.
   * Calling it again does nothing.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Process current = process;
    if (current != null && current.isAlive()) {
      current.destroy();
      if (!awaitExit(current)) {
        current.destroyForcibly();
        awaitExit(current);
      }
      LOG.info("Stopped redis-server on port {} (pid {})", port, current.pid());
    }
    removeShutdownHook();
    deleteDirectory();
  }

  @Override
  public String toString() {
    return "redis-server " + url() + " from " + executable;
  }

  private void startProcess() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(executable.path().toString());
    if (configFile != null) {
      command.add(configFile.toString());
    }
    command.addAll(List.of(
        "--port", Integer.toString(port),
        "--bind", HOST,
        "--save", "",
        "--appendonly", "no",
        "--daemonize", "no",
        "--dir", directory.toString()));
    command.addAll(extraArgs);
    // Output goes to a file rather than a pipe nobody drains, which would eventually block the server.
    Process started = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .start();
    process = started;
    awaitReady(started);
    LOG.info("Started {} (pid {})", this, started.pid());
  }

  private void awaitReady(Process started) throws IOException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!started.isAlive()) {
        String tail = logTail();
        if (tail.contains("Address already in use")) {
          throw new PortTakenException(port, tail);
        }
        throw new IOException("redis-server exited with code " + started.exitValue()
            + " before answering PING on port " + port + "; its log ends with:\n" + tail);
      }
      // A PING answered by some other server that holds the port must not count as ours being ready.
      OptionalLong answeringPid = RedisProbe.readyServerPid(port);
      if (answeringPid.isPresent() && answeringPid.getAsLong() == started.pid()) {
        return;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        started.destroyForcibly();
        throw new InterruptedIOException("interrupted while waiting for redis-server on port " + port);
      }
    }
    started.destroyForcibly();
    throw new IOException("redis-server did not answer PING on port " + port + " within " + STARTUP_TIMEOUT
        + "; its log ends with:\n" + logTail());
  }

  /** Returns whether the process ended within {@link #STOP_TIMEOUT}. */
  private static boolean awaitExit(Process target) {
    try {
      return target.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !target.isAlive();
    }
  }

  private void killOnJvmExit() {
    Process current = process;
    if (current != null) {
      current.destroyForcibly();
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shutdownInProgress) {
      // The hook is running or about to; it kills an already stopped process, which is harmless.
    }
  }

  private String logTail() {
    try {
      List<String> lines = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private void deleteDirectory() {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      LOG.debug("Could not delete {}", directory, e);
    }
  }

  /** The port was bound by someone else before redis-server could bind it. */
  private static final class PortTakenException extends IOException {
    PortTakenException(int port, String logTail) {
      super("port " + port + " was taken before redis-server could bind it:\n" + logTail);
    }
  }
}
