package io.github.jcacheredis.examples.hibernate;

import io.github.jcacheredis.launcher.RespClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands that reach Redis for one key prefix, seen through {@code MONITOR}: each is reported as
 * {@code "COMMAND region"}, the region being the cache whose key the command names. Commands Lua scripts run
 * inside Redis are not round trips and are left out, and so is the background flush of cluster statistics.
 */
final class CommandLog implements AutoCloseable {

  // The provider's cluster-wide statistics ({prefix}:%stats:{cache}), flushed in the background every few
  // seconds: no operation's round trip, though MONITOR may show one during any operation.
  private static final String CLUSTER_STATISTICS = "%stats";

  private static final Pattern ARGUMENT = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final String keyPrefix;
  private final RespClient monitor;
  private final RespClient control;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;
  private int markers;

  CommandLog(String redisUrl, String keyPrefix) throws IOException {
    this.keyPrefix = keyPrefix + ":";
    // No read timeout on the MONITOR connection: it may idle between the test's operations.
    this.monitor = RespClient.connect(redisUrl, 0);
    this.control = RespClient.connect(redisUrl);
    if (!"OK".equals(monitor.call("MONITOR"))) {
      throw new IOException("Redis refused MONITOR");
    }
    reader = new Thread(() -> {
      try {
        while (true) {
          lines.add(String.valueOf(monitor.read()));
        }
      } catch (UncheckedIOException closed) {
        // close() ends the thread by closing the connection
      }
    }, "redis-monitor");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Runs {@code work} and returns the commands it sent for this log's prefix, in order. A marker sent after the
   * work returns delimits them: Redis executes, and MONITOR reports, commands in order.
   */
  List<String> during(Runnable work) throws IOException, InterruptedException {
    drain(mark());
    work.run();
    return drain(mark());
  }

  private String mark() {
    String marker = "command-log-marker-" + (++markers);
    control.call("ECHO", marker);
    return marker;
  }

  private List<String> drain(String marker) throws InterruptedException {
    List<String> commands = new ArrayList<>();
    while (true) {
      String line = lines.poll(30, TimeUnit.SECONDS);
      if (line == null) {
        throw new IllegalStateException("MONITOR never showed " + marker);
      }
      if (line.contains("\"" + marker + "\"")) {
        return commands;
      }
      if (line.contains(" lua] ")) {
        continue;
      }
      List<String> arguments = new ArrayList<>();
      Matcher matcher = ARGUMENT.matcher(line);
      while (matcher.find()) {
        arguments.add(matcher.group(1));
      }
      for (String argument : arguments) {
        if (argument.startsWith(keyPrefix)) {
          String region = argument.substring(keyPrefix.length()).split(":", 2)[0];
          if (region.equals(CLUSTER_STATISTICS)) {
            break;
          }
          commands.add(arguments.get(0).toUpperCase(java.util.Locale.ROOT) + " " + region);
          break;
        }
      }
    }
  }

  @Override
  public void close() {
    monitor.close();
    control.close();
  }
}
