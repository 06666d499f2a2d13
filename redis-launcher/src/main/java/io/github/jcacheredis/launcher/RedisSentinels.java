package io.github.jcacheredis.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A master, its replica and three sentinels monitoring them as {@value #MASTER_NAME}, all {@code redis-server}
 * child processes on loopback ports.
 *
 * <p>The sentinels consider a master down after {@value #DOWN_AFTER_MILLIS} ms without an answer (quorum 2) and
 * give a failover {@value #FAILOVER_TIMEOUT_MILLIS} ms. Each server is a {@link RedisServerProcess}: stopped by its
 * own handle on {@link #close()}, killed by a shutdown hook otherwise, its directory deleted.
 */
public final class RedisSentinels implements AutoCloseable {

  /** The name the sentinels monitor the master under. */
  public static final String MASTER_NAME = "mymaster";
  /** The sentinels' {@code down-after-milliseconds}. */
  public static final int DOWN_AFTER_MILLIS = 1_000;
  /** The sentinels' {@code failover-timeout}. */
  public static final int FAILOVER_TIMEOUT_MILLIS = 3_000;

  private static final Logger LOG = LoggerFactory.getLogger(RedisSentinels.class);
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
  private static final int SENTINELS = 3;
  private static final int QUORUM = 2;

  private final List<RedisServerProcess> dataNodes;
  private final List<RedisServerProcess> sentinels;

  private RedisSentinels(List<RedisServerProcess> dataNodes, List<RedisServerProcess> sentinels) {
    this.dataNodes = List.copyOf(dataNodes);
    this.sentinels = List.copyOf(sentinels);
  }

  /**
   * Starts the master, the replica and the sentinels, and returns once every sentinel knows the master, the replica
   * in sync and the two other sentinels.
   *
   * @return the running group, to be closed
   * @throws IOException if a server does not start or the sentinels do not settle within 30 seconds
   */
  public static RedisSentinels start() throws IOException {
    long started = System.nanoTime();
    RedisExecutable executable = RedisExecutable.find();
    List<RedisServerProcess> dataNodes = new ArrayList<>();
    List<RedisServerProcess> sentinels = new ArrayList<>();
    try {
      // A replica's full sync otherwise waits 5 s for more replicas to share the transfer.
      List<String> noSyncDelay = List.of("--repl-diskless-sync-delay", "0");
      RedisServerProcess master = RedisServerProcess.start(executable, 0, noSyncDelay);
      dataNodes.add(master);
      List<String> replicaArgs = new ArrayList<>(noSyncDelay);
      replicaArgs.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
      dataNodes.add(RedisServerProcess.start(executable, 0, replicaArgs));
      // A sentinel learns of replicas from the master's INFO, so the replica must be attached before they start.
      Await.until(SETTLE_TIMEOUT, "the replica is in sync with the master", () -> replicaInSync(dataNodes.get(1)));
      String config = String.join("\n",
          "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " " + QUORUM,
          "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER_MILLIS,
          "sentinel failover-timeout " + MASTER_NAME + " " + FAILOVER_TIMEOUT_MILLIS,
          "sentinel parallel-syncs " + MASTER_NAME + " 1",
          "");
      for (int i = 0; i < SENTINELS; i++) {
        sentinels.add(RedisServerProcess.start(executable, FreePort::pick, List.of("--sentinel"), config));
      }
      RedisSentinels group = new RedisSentinels(dataNodes, sentinels);
      group.awaitSettled(SETTLE_TIMEOUT, true);
      LOG.info("Started master {}, replica {} and sentinels on ports {} in {} ms", master.port(),
          dataNodes.get(1).port(), group.sentinelPorts(), (System.nanoTime() - started) / 1_000_000);
      return group;
    } catch (IOException | RuntimeException e) {
      sentinels.forEach(RedisServerProcess::close);
      dataNodes.forEach(RedisServerProcess::close);
      throw e;
    }
  }

  /**
   * Waits until every sentinel and data node runs, every sentinel names the same master and knows the replica and
   * the other sentinels, the master answers as a master and the replica is in sync with it.
   *
   * @param timeout how long to wait
   * @throws IOException if that does not happen in time
   */
  public void awaitHealthy(Duration timeout) throws IOException {
    awaitSettled(timeout, false);
  }

  /**
   * @param replicaLinkSeenBySentinels whether every sentinel must also have seen the replica's link up: true only
   *     at start, since a sentinel refreshes what it knows of a replica every 10 seconds
   */
  private void awaitSettled(Duration timeout, boolean replicaLinkSeenBySentinels) throws IOException {
    Await.until(timeout, "the sentinels agree on a healthy master and replica", () -> {
      if (!dataNodes.stream().allMatch(RedisServerProcess::isAlive)
          || !sentinels.stream().allMatch(RedisServerProcess::isAlive)) {
        return false;
      }
      int master = masterPort();
      for (RedisServerProcess sentinel : sentinels) {
        Map<String, String> state = fields(AdminCommands.once(sentinel.port(), "SENTINEL", "MASTER", MASTER_NAME));
        if (!"master".equals(state.get("flags")) || Integer.parseInt(state.get("port")) != master
            || !String.valueOf(dataNodes.size() - 1).equals(state.get("num-slaves"))
            || !String.valueOf(SENTINELS - 1).equals(state.get("num-other-sentinels"))) {
          return false;
        }
        if (replicaLinkSeenBySentinels) {
          for (Object replica : (List<?>) AdminCommands.once(sentinel.port(), "SENTINEL", "REPLICAS", MASTER_NAME)) {
            Map<String, String> replicaState = fields(replica);
            if (!"slave".equals(replicaState.get("flags")) || !"ok".equals(replicaState.get("master-link-status"))) {
              return false;
            }
          }
        }
      }
      if (!"master".equals(AdminCommands.info(master, "replication").get("role"))) {
        return false;
      }
      for (RedisServerProcess node : dataNodes) {
        if (node.port() != master && !replicaInSync(node)) {
          return false;
        }
      }
      return true;
    });
  }

  /**
   * Returns the port of the master as the first running sentinel names it now.
   *
   * @return the master's port
   * @throws IOException if no sentinel answers
   */
  public int masterPort() throws IOException {
    IOException lastFailure = null;
    for (RedisServerProcess sentinel : sentinels) {
      if (sentinel.isAlive()) {
        try {
          List<?> address = (List<?>) AdminCommands.once(sentinel.port(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME",
              MASTER_NAME);
          return Integer.parseInt((String) address.get(1));
        } catch (IOException e) {
          lastFailure = e;
        }
      }
    }
    throw new IOException("no sentinel answers", lastFailure);
  }

  /**
   * Makes the sentinels fail over ({@code SENTINEL FAILOVER}), without waiting for them to agree that the master is
   * down, and waits until every sentinel names another master and that one answers as a master.
   *
   * @param timeout how long to wait for the new master
   * @return the new master's port
   * @throws IOException if that does not happen in time
   */
  public int failover(Duration timeout) throws IOException {
    int oldMaster = masterPort();
    AdminCommands.once(sentinels.get(0).port(), "SENTINEL", "FAILOVER", MASTER_NAME);
    return awaitNewMaster(oldMaster, timeout);
  }

  /**
   * Waits until every running sentinel names a master other than the one on {@code oldMasterPort} and that one
   * answers as a master.
   *
   * @param oldMasterPort the port of the master being replaced
   * @param timeout       how long to wait
   * @return the new master's port
   * @throws IOException if that does not happen in time
   */
  public int awaitNewMaster(int oldMasterPort, Duration timeout) throws IOException {
    int[] newMaster = new int[1];
    Await.until(timeout, "the sentinels promote a new master in place of port " + oldMasterPort, () -> {
      for (RedisServerProcess sentinel : sentinels) {
        if (sentinel.isAlive()) {
          List<?> address = (List<?>) AdminCommands.once(sentinel.port(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME",
              MASTER_NAME);
          int port = Integer.parseInt((String) address.get(1));
          if (port == oldMasterPort) {
            return false;
          }
          newMaster[0] = port;
        }
      }
      return "master".equals(AdminCommands.info(newMaster[0], "replication").get("role"));
    });
    return newMaster[0];
  }

  /**
   * Returns the sentinel addresses, comma-separated: the value for {@code jcacheredis.sentinelNodes}.
   *
   * @return the sentinel URLs
   */
  public String sentinelUrls() {
    return sentinels.stream().map(RedisServerProcess::url).collect(Collectors.joining(","));
  }

  /**
   * Returns the master and the replica as started; roles change with failovers, so ask {@link #masterPort()}.
   *
   * @return the data nodes' processes
   */
  public List<RedisServerProcess> dataNodes() {
    return dataNodes;
  }

  /**
   * Returns the data node listening on {@code port}.
   *
   * @param port a data node's port
   * @return its process
   */
  public RedisServerProcess dataNode(int port) {
    return dataNodes.stream().filter(node -> node.port() == port).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no data node on port " + port));
  }

  /**
   * Returns the sentinels' processes.
   *
   * @return the sentinels
   */
  public List<RedisServerProcess> sentinels() {
    return sentinels;
  }

  /**
   * Kills the sentinels, then the data nodes, each by its own process handle, and deletes their directories. Killing
   * rather than asking politely: nothing is persisted, and a Redis 7 master given SIGTERM waits up to 10 seconds for
   * its replica.
   */
  @Override
  public void close() {
    for (RedisServerProcess server : sentinels) {
      server.kill();
      server.close();
    }
    for (RedisServerProcess server : dataNodes) {
      server.kill();
      server.close();
    }
  }

  @Override
  public String toString() {
    return "Redis Sentinel group " + MASTER_NAME + " (sentinels on ports " + sentinelPorts() + ")";
  }

  private List<Integer> sentinelPorts() {
    return sentinels.stream().map(RedisServerProcess::port).toList();
  }

  private static boolean replicaInSync(RedisServerProcess node) throws IOException {
    Map<String, String> replication = AdminCommands.info(node.port(), "replication");
    return "slave".equals(replication.get("role")) && "up".equals(replication.get("master_link_status"));
  }

  /** Reads a sentinel's flat name/value reply into a map. */
  private static Map<String, String> fields(Object reply) {
    List<?> list = (List<?>) reply;
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i + 1 < list.size(); i += 2) {
      fields.put(String.valueOf(list.get(i)), String.valueOf(list.get(i + 1)));
    }
    return fields;
  }
}
