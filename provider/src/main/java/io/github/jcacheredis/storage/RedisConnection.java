package io.github.jcacheredis.storage;

import io.github.jcacheredis.config.ProviderSettings;
import io.github.jcacheredis.config.RedisTopology;
import io.github.jcacheredis.config.TlsTrust;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.command.CommandAsyncExecutor;
import org.redisson.config.BaseConfig;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.EqualJitterDelay;
import org.redisson.config.ReadMode;
import org.redisson.config.SslVerificationMode;
import org.redisson.config.SubscriptionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redisson client, shared by every CacheManager of this provider with the same connection settings and
 * shut down when the last of them closes. Connecting is eager, so an unreachable Redis fails CacheManager
 * creation with a clear error instead of failing the first cache operation.
 *
 * <p>On a Redis Cluster or behind Sentinel every command, reads and SCAN included, goes to a master: a replica may
 * lag behind the writes this JVM has just made, and a SCAN of replicas would not be a SCAN of the data.
 */
public final class RedisConnection {

  private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);
  /**
   * The pause before a failed command is retried. Redisson also uses it as the time a command may take to be
   * written to its connection, so it must not be short: at 100 ms, a busy machine failed large pipelines.
   */
  public static final int RETRY_DELAY_MILLIS = 1000;
  // Even a CacheManager out of time gives Redisson this long to close its connections and threads in order.
  private static final long MINIMUM_SHUTDOWN_MILLIS = 100;

  private final RedissonClient client;
  private final CommandAsyncExecutor executor;
  private final RedisTopology topology;
  private final TlsTrust tls;
  private final AtomicInteger users = new AtomicInteger(1);

  private RedisConnection(RedissonClient client, RedisTopology topology, TlsTrust tls) {
    this.tls = tls;
    this.client = client;
    this.executor = ((Redisson) client).getCommandExecutor();
    this.topology = topology;
  }

  /**
   * Connects.
   *
   * @param settings the CacheManager's settings
   * @return the connection, used once
   * @throws CacheException naming the (masked) address and where it came from if Redis cannot be reached
   */
  public static RedisConnection open(ProviderSettings settings) {
    RedisTopology topology = settings.topology();
    Config config = new Config();
    config.setCodec(ByteArrayCodec.INSTANCE);
    config.setUseScriptCache(true);
    // On Config rather than per server: Redisson 4 deprecates (and warns about) the per-server credentials.
    if (topology.username() != null) {
      config.setUsername(topology.username());
    }
    if (topology.password() != null) {
      config.setPassword(topology.password());
    }
    switch (topology.mode()) {
      case CLUSTER:
        configureMasters(config.useClusterServers()
            .addNodeAddress(topology.endpoints().toArray(new String[0]))
            .setScanInterval(settings.topologyRefreshMillis()), settings);
        break;
      case SENTINEL:
        configureMasters(config.useSentinelServers()
            .setMasterName(topology.masterName())
            .addSentinelAddress(topology.endpoints().toArray(new String[0]))
            .setDatabase(topology.database())
            .setScanInterval(settings.topologyRefreshMillis()), settings);
        break;
      default:
        configure(config.useSingleServer()
            .setAddress(topology.endpoints().get(0))
            .setDatabase(topology.database())
            .setConnectionPoolSize(settings.poolSize())
            .setConnectionMinimumIdleSize(Math.min(2, settings.poolSize()))
            .setSubscriptionConnectionMinimumIdleSize(0), settings);
    }
    String target = topology.mode() == RedisTopology.Mode.SINGLE ? "Redis at " + topology : topology.toString();
    try {
      RedissonClient client = Redisson.create(config);
      LOG.info("Connected to {} ({})", target, settings.addressSource());
      return new RedisConnection(client, topology, settings.tlsTrust());
    } catch (RuntimeException e) {
      Throwable root = e;
      String authentication = null;
      for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
        root = cause;
        String text = String.valueOf(cause.getMessage());
        if (authentication == null && (text.contains("WRONGPASS") || text.contains("NOAUTH")
            || text.contains("invalid password") || text.contains("invalid username-password"))) {
          authentication = text;
        }
      }
      // Redisson says "unable to connect"; the causes say why (refused, authentication, certificate).
      String why = authentication != null ? "authentication failed (" + authentication + ")"
          : e.getMessage() + (root == e ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
      throw new CacheException("Cannot connect to " + target + " (from " + settings.addressSource() + "): " + why,
          e);
    }
  }

  /** The settings every topology shares: timeouts, retries and TLS trust. */
  private static <T extends BaseConfig<T>> T configure(T server, ProviderSettings settings) {
    TlsTrust tls = settings.tlsTrust();
    if (tls.trustManagers() != null) {
      server.setSslTrustManagerFactory(tls.trustManagers());
    }
    server.setSslVerificationMode(tls.verifyHostname() ? SslVerificationMode.STRICT : SslVerificationMode.CA_ONLY);
    return server.setConnectTimeout(settings.connectTimeoutMillis())
        .setTimeout(settings.timeoutMillis())
        .setRetryAttempts(settings.retryAttempts())
        // A fixed retry delay makes the bound on a call predictable: (timeout + connect timeout) x (retries + 1)
        // plus one delay per retry; Redisson's reconnection back-off (up to 10 s) would keep service away for
        // long after Redis is back, so reconnecting is retried within a second.
        .setRetryDelay(new ConstantDelay(Duration.ofMillis(RETRY_DELAY_MILLIS)))
        .setReconnectionDelay(new EqualJitterDelay(Duration.ofMillis(50), Duration.ofMillis(1000)))
        .setClientName("jcache-redis");
  }

  /** Cluster and Sentinel: every command to a master, pooled like a single server's, no replica pools kept warm. */
  private static <T extends BaseMasterSlaveServersConfig<T>> T configureMasters(T servers,
      ProviderSettings settings) {
    return configure(servers, settings)
        .setReadMode(ReadMode.MASTER)
        .setSubscriptionMode(SubscriptionMode.MASTER)
        .setMasterConnectionPoolSize(settings.poolSize())
        .setMasterConnectionMinimumIdleSize(Math.min(2, settings.poolSize()))
        .setSlaveConnectionPoolSize(settings.poolSize())
        .setSlaveConnectionMinimumIdleSize(0)
        .setSubscriptionConnectionMinimumIdleSize(0);
  }

  /** @return the command executor all caches issue their commands on */
  public CommandAsyncExecutor executor() {
    return executor;
  }

  /** @return the address of every master node Redisson currently knows (one outside Cluster mode) */
  public java.util.List<java.net.InetSocketAddress> masters() {
    java.util.List<java.net.InetSocketAddress> masters = new java.util.ArrayList<>();
    for (org.redisson.connection.MasterSlaveEntry entry : executor.getConnectionManager().getEntrySet()) {
      masters.add(entry.getClient().getAddr());
    }
    return masters;
  }

  /** @return where the data lives, password masked by its {@code toString} */
  public RedisTopology topology() {
    return topology;
  }

  /**
   * Sends PING to every master and waits for the answers.
   *
   * @return the slowest master's round-trip time
   * @throws RedisUnavailableException if a master does not answer within the timeout
   */
  public java.time.Duration ping() {
    long slowest = 0;
    for (org.redisson.connection.MasterSlaveEntry entry : executor.getConnectionManager().getEntrySet()) {
      long start = System.nanoTime();
      try {
        executor.readAsync(entry, org.redisson.client.codec.StringCodec.INSTANCE,
            org.redisson.client.protocol.RedisCommands.PING).toCompletableFuture().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RedisUnavailableException("Interrupted during PING of " + topology, e);
      } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new RedisUnavailableException("Redis PING failed (" + topology + "): " + cause.getMessage(), cause);
      }
      slowest = Math.max(slowest, System.nanoTime() - start);
    }
    return java.time.Duration.ofNanos(slowest);
  }

  /** @return the TLS trust of this connection, for the near cache's own connections */
  public TlsTrust tls() {
    return tls;
  }

  /** Records one more CacheManager using this connection. */
  public void retain() {
    users.incrementAndGet();
  }

  /**
   * Records that one CacheManager no longer uses this connection.
   *
   * @return whether that was the last user, in which case the client has been shut down
   */
  public boolean release() {
    return release(Duration.ofSeconds(2));
  }

  /**
   * Records that one CacheManager no longer uses this connection.
   *
   * @param within how long shutting the client down may wait for Redis (a Redis that hangs never answers);
   *     after that its connections are dropped unanswered
   * @return whether that was the last user, in which case the client has been shut down
   */
  public boolean release(Duration within) {
    if (users.decrementAndGet() > 0) {
      return false;
    }
    client.shutdown(0, Math.max(MINIMUM_SHUTDOWN_MILLIS, within.toMillis()), TimeUnit.MILLISECONDS);
    return true;
  }

  /** @return whether the client has been shut down */
  public boolean isShutdown() {
    return client.isShutdown() || client.isShuttingDown();
  }
}
