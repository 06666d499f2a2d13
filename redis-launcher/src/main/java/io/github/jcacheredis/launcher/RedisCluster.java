package io.github.jcacheredis.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis Cluster of {@code redis-server} child processes on loopback ports: some masters sharing the 16,384 slots
 * evenly, each with its replicas, formed with {@code CLUSTER ADDSLOTS}, {@code MEET} and {@code REPLICATE} (what
 * {@code redis-cli --cluster create} does, without needing {@code redis-cli}).
 *
 * <p>The nodes run with a short {@code cluster-node-timeout}, so that a killed master's replica takes over within
 * a few seconds; {@code cluster-require-full-coverage no}, so that the other shards keep serving while one shard
 * has no master (Redis's default stops the whole cluster until the failover ends); and
 * {@code cluster-replica-validity-factor 0}, so that a replica always may take over; and
 * {@code repl-diskless-sync-delay 0}, so that a replica syncs at once. Each node is a
 * {@link RedisServerProcess}: stopped by its own handle on {@link #close()}, killed by a shutdown hook otherwise,
 * and its directory (holding its {@code nodes.conf}) deleted. A killed node restarted with
 * {@link RedisServerProcess#restart()} rejoins the cluster as the node it was.
 *
 * <pre>{@code
 * try (RedisCluster cluster = RedisCluster.start(3, 1)) {
 *   System.setProperty("jcacheredis.clusterNodes", cluster.seeds());
 *   ...
 * }
 * }</pre>
 */
public final class RedisCluster implements AutoCloseable {

  /** The number of hash slots of every Redis Cluster. */
  public static final int SLOTS = 16_384;
  /** The {@code cluster-node-timeout} of the nodes, in milliseconds. */
  public static final int NODE_TIMEOUT_MILLIS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(RedisCluster.class);
  private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);

  private final List<RedisServerProcess> servers;
  private final int masters;
  private final int replicasPerMaster;

  private RedisCluster(List<RedisServerProcess> servers, int masters, int replicasPerMaster) {
    this.servers = List.copyOf(servers);
    this.masters = masters;
    this.replicasPerMaster = replicasPerMaster;
  }

  /**
   * Starts the nodes, forms the cluster and returns once every node reports {@code cluster_state:ok}, knows every
   * other node, and every replica is in sync with its master.
   *
   * @param masters           how many masters share the slots (at least 1)
   * @param replicasPerMaster how many replicas each master has
   * @return the running cluster, to be closed
   * @throws IOException if a node does not start or the cluster does not form within 30 seconds
   */
  public static RedisCluster start(int masters, int replicasPerMaster) throws IOException {
    if (masters < 1 || replicasPerMaster < 0) {
      throw new IllegalArgumentException(masters + " masters with " + replicasPerMaster + " replicas each");
    }
    long started = System.nanoTime();
    RedisExecutable executable = RedisExecutable.find();
    List<String> args = List.of(
        "--cluster-enabled", "yes",
        "--cluster-config-file", "nodes.conf",
        "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS),
        "--cluster-require-full-coverage", "no",
        "--cluster-replica-validity-factor", "0",
        // A replica's full sync otherwise waits 5 s for more replicas to share the transfer.
        "--repl-diskless-sync-delay", "0");
    List<RedisServerProcess> servers = new ArrayList<>();
    RedisCluster cluster;
    try {
      for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
        servers.add(RedisServerProcess.start(executable, FreePort::pickWithClusterBus, args, null));
      }
      cluster = new RedisCluster(servers, masters, replicasPerMaster);
      cluster.form();
    } catch (IOException | RuntimeException e) {
      servers.forEach(RedisServerProcess::close);
      throw e;
    }
    LOG.info("Started a Redis Cluster of {} masters and {} replicas on ports {} in {} ms", masters,
        masters * replicasPerMaster, cluster.ports(), (System.nanoTime() - started) / 1_000_000);
    return cluster;
  }

  private void form() throws IOException {
    List<String> ids = new ArrayList<>();
    for (RedisServerProcess server : servers) {
      ids.add(AdminCommands.text(server.port(), "CLUSTER", "MYID"));
    }
    for (int i = 0; i < servers.size(); i++) {
      // Distinct epochs from the start spare the nodes resolving epoch collisions (redis-cli does the same).
      AdminCommands.once(servers.get(i).port(), "CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
    }
    for (int m = 0; m < masters; m++) {
      int first = SLOTS * m / masters;
      int last = SLOTS * (m + 1) / masters - 1;
      List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
      for (int slot = first; slot <= last; slot++) {
        command.add(Integer.toString(slot));
      }
      AdminCommands.once(servers.get(m).port(), command.toArray(new String[0]));
    }
    int firstPort = servers.get(0).port();
    for (RedisServerProcess server : servers.subList(1, servers.size())) {
      AdminCommands.once(firstPort, "CLUSTER", "MEET", "127.0.0.1", Integer.toString(server.port()));
    }
    Await.until(FORM_TIMEOUT, "every cluster node knows every other", () -> {
      for (RedisServerProcess server : servers) {
        List<NodeView> view = view(server.port());
        if (view.size() != servers.size() || view.stream().anyMatch(node -> !node.settled())) {
          return false;
        }
      }
      return true;
    });
    for (int r = masters; r < servers.size(); r++) {
      String masterId = ids.get((r - masters) / replicasPerMaster);
      AdminCommands.once(servers.get(r).port(), "CLUSTER", "REPLICATE", masterId);
    }
    awaitHealthy(FORM_TIMEOUT);
  }

  /**
   * Waits until every node runs, reports {@code cluster_state:ok} with all slots served, sees as many healthy
   * masters, each with its replicas, as the cluster was started with, and every replica's link to its master is up.
   * After a failover and a restart of the failed node, this is the point where the cluster is whole again.
   *
   * @param timeout how long to wait
   * @throws IOException if that does not happen in time
   */
  public void awaitHealthy(Duration timeout) throws IOException {
    Await.until(timeout, "the cluster on ports " + ports() + " is healthy", () -> {
      Set<Integer> agreedMasters = null;
      for (RedisServerProcess server : servers) {
        if (!server.isAlive()) {
          return false;
        }
        Map<String, String> info = AdminCommands.clusterInfo(server.port());
        if (!"ok".equals(info.get("cluster_state")) || !String.valueOf(SLOTS).equals(info.get("cluster_slots_ok"))) {
          return false;
        }
        List<NodeView> view = view(server.port());
        if (view.size() != servers.size() || view.stream().anyMatch(node -> !node.settled() || node.failed())) {
          return false;
        }
        Set<Integer> masterPorts = new HashSet<>();
        for (NodeView node : view) {
          if (node.master()) {
            masterPorts.add(node.port());
            long replicas = view.stream().filter(other -> node.id().equals(other.masterId())).count();
            if (replicas != replicasPerMaster) {
              return false;
            }
          }
        }
        if (masterPorts.size() != masters || (agreedMasters != null && !agreedMasters.equals(masterPorts))) {
          return false;
        }
        agreedMasters = masterPorts;
        if (!masterPorts.contains(server.port())
            && !"up".equals(AdminCommands.info(server.port(), "replication").get("master_link_status"))) {
          return false;
        }
      }
      return true;
    });
  }

  /**
   * Returns the node addresses, comma-separated, e.g. {@code redis://127.0.0.1:12001,redis://127.0.0.1:12002}: the
   * value for {@code jcacheredis.clusterNodes}.
   *
   * @return the seed URLs
   */
  public String seeds() {
    return servers.stream().map(RedisServerProcess::url).collect(Collectors.joining(","));
  }

  /**
   * Returns every node's process, masters as started first; roles change with failovers, so ask
   * {@link #masterPorts()} for the current ones.
   *
   * @return the processes
   */
  public List<RedisServerProcess> servers() {
    return servers;
  }

  /**
   * Returns the node listening on {@code port}.
   *
   * @param port a node's port
   * @return its process
   * @throws IllegalArgumentException if no node of this cluster listens there
   */
  public RedisServerProcess server(int port) {
    return servers.stream().filter(server -> server.port() == port).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node of this cluster on port " + port));
  }

  /**
   * Returns the ports of the masters serving slots, as a running node sees them now, ordered by their first slot.
   *
   * @return the master ports
   * @throws IOException if no node answers
   */
  public List<Integer> masterPorts() throws IOException {
    TreeMap<Integer, Integer> byFirstSlot = new TreeMap<>();
    for (NodeView node : currentView()) {
      if (node.master() && !node.failed() && !node.slots().isEmpty()) {
        byFirstSlot.put(node.slots().get(0)[0], node.port());
      }
    }
    return List.copyOf(byFirstSlot.values());
  }

  /**
   * Returns the port of the master serving {@code slot}, as a running node sees it now.
   *
   * @param slot a hash slot
   * @return the port, or {@code -1} if no healthy master serves it
   * @throws IOException if no node answers
   */
  public int masterPortOf(int slot) throws IOException {
    for (NodeView node : currentView()) {
      if (node.master() && !node.failed() && node.serves(slot)) {
        return node.port();
      }
    }
    return -1;
  }

  /**
   * Returns the ports of the replicas of the master on {@code masterPort}, as a running node sees them now.
   *
   * @param masterPort a master's port
   * @return the replica ports
   * @throws IOException if no node answers
   */
  public List<Integer> replicaPortsOf(int masterPort) throws IOException {
    List<NodeView> view = currentView();
    String masterId = view.stream().filter(node -> node.port() == masterPort).map(NodeView::id).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node on port " + masterPort));
    return view.stream().filter(node -> masterId.equals(node.masterId())).map(NodeView::port).toList();
  }

  /**
   * Kills every node (each by its own process handle) and deletes their directories. Killing rather than asking
   * politely: nothing is persisted, and a Redis 7 master given SIGTERM waits up to 10 seconds for its replicas.
   */
  @Override
  public void close() {
    for (RedisServerProcess server : servers) {
      server.kill();
      server.close();
    }
  }

  @Override
  public String toString() {
    return "Redis Cluster on ports " + ports();
  }

  private List<Integer> ports() {
    return servers.stream().map(RedisServerProcess::port).toList();
  }

  private List<NodeView> currentView() throws IOException {
    IOException lastFailure = null;
    for (RedisServerProcess server : servers) {
      if (server.isAlive()) {
        try {
          return view(server.port());
        } catch (IOException e) {
          lastFailure = e;
        }
      }
    }
    throw new IOException("no node of " + this + " answers CLUSTER NODES", lastFailure);
  }

  /** Parses {@code CLUSTER NODES} as the node on {@code port} answers it. */
  private static List<NodeView> view(int port) throws IOException {
    List<NodeView> nodes = new ArrayList<>();
    for (String line : AdminCommands.text(port, "CLUSTER", "NODES").split("\n")) {
      if (!line.isBlank()) {
        nodes.add(NodeView.parse(line.trim()));
      }
    }
    return nodes;
  }

  /** One line of {@code CLUSTER NODES}: {@code id ip:port@bus flags master ping pong epoch link slot...}. */
  private record NodeView(String id, int port, Set<String> flags, String masterId, List<int[]> slots) {

    static NodeView parse(String line) {
      String[] fields = line.split(" ");
      String hostAndPort = fields[1].split("[@,]")[0];
      int port = Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
      Set<String> flags = Set.of(fields[2].split(","));
      List<int[]> slots = new ArrayList<>();
      for (int i = 8; i < fields.length; i++) {
        if (fields[i].startsWith("[")) {
          continue; // a slot being migrated
        }
        String[] range = fields[i].split("-");
        slots.add(new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1])});
      }
      return new NodeView(fields[0], port, flags, "-".equals(fields[3]) ? null : fields[3], slots);
    }

    boolean master() {
      return flags.contains("master");
    }

    boolean failed() {
      return flags.contains("fail") || flags.contains("fail?");
    }

    /** Whether the node has finished its handshake and its address is known. */
    boolean settled() {
      return !flags.contains("handshake") && !flags.contains("noaddr");
    }

    boolean serves(int slot) {
      return slots.stream().anyMatch(range -> range[0] <= slot && slot <= range[1]);
    }
  }
}
