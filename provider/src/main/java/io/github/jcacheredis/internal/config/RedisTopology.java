package io.github.jcacheredis.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Where the Redis data lives: one server, a Redis Cluster reached through seed nodes, or a master found through
 * Sentinel. The nodes' URLs carry the credentials, TLS and database, which must be the same in every URL of a list.
 * {@link #toString()} masks the password.
 */
public final class RedisTopology {

  /** How the provider reaches the master(s). */
  public enum Mode {
    /** One server ({@code jcacheredis.url}). */
    SINGLE,
    /** A Redis Cluster; the nodes are seeds, the client discovers every master ({@code jcacheredis.clusterNodes}). */
    CLUSTER,
    /** The master the sentinels name, followed across failovers ({@code jcacheredis.sentinelNodes}). */
    SENTINEL
  }

  private final Mode mode;
  private final List<RedisAddress> nodes;
  private final @Nullable String masterName;

  private RedisTopology(Mode mode, List<RedisAddress> nodes, @Nullable String masterName) {
    this.mode = mode;
    this.nodes = List.copyOf(nodes);
    this.masterName = masterName;
  }

  /**
   * @param address the server
   * @return a single-server topology
   */
  public static RedisTopology single(RedisAddress address) {
    return new RedisTopology(Mode.SINGLE, List.of(Objects.requireNonNull(address, "address")), null);
  }

  /**
   * Parses the seed URLs of a Redis Cluster.
   *
   * @param urls    comma-separated {@code redis[s]://[[user]:password@]host[:port]} URLs
   * @param setting where the URLs came from, quoted in error messages
   * @return a cluster topology
   * @throws IllegalArgumentException naming {@code setting} (never the password) if a URL is malformed, the URLs
   *                                  disagree on scheme, credentials or database, or a database other than 0 is named
   */
  public static RedisTopology cluster(String urls, String setting) {
    List<RedisAddress> nodes = parseList(urls, setting);
    if (nodes.get(0).database() != 0) {
      // Redis Cluster has only database 0; SELECT fails on every node.
      throw new IllegalArgumentException("Invalid " + setting + ": Redis Cluster has only database 0, but the URLs name /"
          + nodes.get(0).database());
    }
    return new RedisTopology(Mode.CLUSTER, nodes, null);
  }

  /**
   * Parses the sentinel URLs of a master monitored by Sentinel. Their credentials, TLS and database are those of the
   * master and its replicas; the sentinels are sent the same credentials only if they ask for a password.
   *
   * @param masterName      the name the sentinels monitor the master under
   * @param urls            comma-separated sentinel URLs
   * @param masterSetting   where the name came from, quoted in error messages
   * @param sentinelSetting where the URLs came from, quoted in error messages
   * @return a sentinel topology
   * @throws IllegalArgumentException naming the setting at fault (never the password)
   */
  public static RedisTopology sentinel(String masterName, String urls, String masterSetting, String sentinelSetting) {
    if (masterName == null || masterName.isBlank() || masterName.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("Invalid " + masterSetting + ": expected the name the sentinels monitor the"
          + " master under, without spaces");
    }
    return new RedisTopology(Mode.SENTINEL, parseList(urls, sentinelSetting), masterName);
  }

  private static List<RedisAddress> parseList(String urls, String setting) {
    Set<RedisAddress> nodes = new LinkedHashSet<>();
    for (String url : urls.split(",", -1)) {
      if (!url.isBlank()) {
        nodes.add(RedisAddress.parse(url, setting));
      }
    }
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("Invalid " + setting + ": expected comma-separated redis:// or rediss:// URLs");
    }
    RedisAddress first = nodes.iterator().next();
    for (RedisAddress node : nodes) {
      if (node.tls() != first.tls() || node.database() != first.database()
          || !Objects.equals(node.username(), first.username()) || !Objects.equals(node.password(), first.password())) {
        throw new IllegalArgumentException("Invalid " + setting + ": every URL must have the same scheme, user,"
            + " password and database");
      }
    }
    return new ArrayList<>(nodes);
  }

  /** @return how the master(s) are reached */
  public Mode mode() {
    return mode;
  }

  /** @return the server, the cluster's seed nodes, or the sentinels */
  public List<RedisAddress> nodes() {
    return nodes;
  }

  /** @return the name the sentinels monitor the master under, or {@code null} unless {@link Mode#SENTINEL} */
  public @Nullable String masterName() {
    return masterName;
  }

  /** @return whether the connection uses TLS ({@code rediss://}) */
  public boolean tls() {
    return nodes.get(0).tls();
  }

  /** @return the ACL user of the data nodes, or {@code null} for the default user */
  public @Nullable String username() {
    return nodes.get(0).username();
  }

  /** @return the password of the data nodes, or {@code null}; never log it */
  public @Nullable String password() {
    return nodes.get(0).password();
  }

  /** @return the logical database (always 0 on a cluster) */
  public int database() {
    return nodes.get(0).database();
  }

  /** @return {@code redis[s]://host:port} of every node, without credentials */
  public List<String> endpoints() {
    return nodes.stream().map(RedisAddress::endpoint).toList();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RedisTopology)) {
      return false;
    }
    RedisTopology other = (RedisTopology) o;
    return mode == other.mode && nodes.equals(other.nodes) && Objects.equals(masterName, other.masterName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, nodes, masterName);
  }

  /** @return the topology with the password masked, safe to log */
  @Override
  public String toString() {
    switch (mode) {
      case CLUSTER:
        return "Redis Cluster via " + describeNodes();
      case SENTINEL:
        return "master '" + masterName + "' via sentinels " + describeNodes();
      default:
        return nodes.get(0).toString();
    }
  }

  private String describeNodes() {
    return nodes.stream().map(RedisAddress::toString).collect(Collectors.joining(","));
  }
}
