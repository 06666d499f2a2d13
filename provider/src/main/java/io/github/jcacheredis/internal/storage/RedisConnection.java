package io.github.jcacheredis.internal.storage;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.internal.config.RedisTopology;
import io.github.jcacheredis.internal.config.TlsTrust;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import org.redisson.Redisson;
import org.redisson.api.BatchOptions;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.command.CommandAsyncExecutor;
import org.redisson.command.CommandBatchService;
import org.redisson.connection.ConnectionManager;
import org.redisson.connection.MasterSlaveEntry;
import org.redisson.config.BaseConfig;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.EqualJitterDelay;
import org.redisson.config.ReadMode;
import org.redisson.config.SslVerificationMode;
import org.redisson.config.TransportMode;
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
  private final AtomicInteger users = new AtomicInteger(1);

  private RedisConnection(RedissonClient client, RedisTopology topology) {
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
    if (nativeEpoll()) {
      config.setTransportMode(TransportMode.EPOLL);
    }
    // On Config rather than per server: Redisson 4 deprecates (and warns about) the per-server credentials.
    if (topology.username() != null) {
      config.setUsername(topology.username());
    }
    if (topology.password() != null) {
      config.setPassword(topology.password());
    }
    // On Config too: Redisson 4 deprecates the per-server TLS settings.
    TlsTrust tls = settings.tlsTrust();
    if (tls.trustManagers() != null) {
      config.setSslTrustManagerFactory(tls.trustManagers());
    }
    config.setSslVerificationMode(tls.verifyHostname() ? SslVerificationMode.STRICT : SslVerificationMode.CA_ONLY);
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
      return new RedisConnection(client, topology);
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

  /**
   * Whether Netty's native epoll transport is on the class path and loads: with it a round trip costs about a fifth
   * less than over NIO's selector (docs/performance.md); Redisson's own default is NIO. The dependency is
   * optional, so its classes may be missing altogether.
   */
  private static boolean nativeEpoll() {
    try {
      return Epoll.isAvailable();
    } catch (LinkageError missing) {
      return false;
    }
  }

  /** The settings every topology shares: timeouts and retries. */
  private static <T extends BaseConfig<T>> T configure(T server, ProviderSettings settings) {
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
  public List<InetSocketAddress> masters() {
    List<InetSocketAddress> masters = new ArrayList<>();
    for (MasterSlaveEntry entry : executor.getConnectionManager().getEntrySet()) {
      masters.add(entry.getClient().getAddr());
    }
    return masters;
  }

  /**
   * The masters as subscriptions see them: every master, each reached by a connection of its own that Redisson
   * opens (TLS, AUTH and database as for commands).
   *
   * @param timeoutMillis how long connecting, and each command before subscribing, may take
   */
  public MasterSubscriptions.Masters allMasters(long timeoutMillis) {
    return new MasterSubscriptions.Masters() {
      @Override
      public List<InetSocketAddress> addresses() {
        return masters();
      }

      @Override
      public SubscriberConnection connect(InetSocketAddress master) throws IOException {
        return SubscriberConnection.open(client(master), timeoutMillis);
      }
    };
  }

  /**
   * The one master where a pub/sub channel is served: the master of the channel's slot on a Redis Cluster, the
   * master otherwise. Subscribers and the publisher of a channel meet there, so that PUBLISH counts them (a
   * cluster's PUBLISH counts only the subscribers of the node it ran on).
   *
   * @param channel       the channel
   * @param timeoutMillis how long connecting, and each command before subscribing, may take
   */
  public MasterSubscriptions.Masters channelMaster(byte[] channel, long timeoutMillis) {
    return new MasterSubscriptions.Masters() {
      @Override
      public List<InetSocketAddress> addresses() {
        MasterSlaveEntry entry = entryOf(channel);
        return entry == null ? List.of() : List.of(entry.getClient().getAddr());
      }

      @Override
      public SubscriberConnection connect(InetSocketAddress master) throws IOException {
        return SubscriberConnection.open(client(master), timeoutMillis);
      }
    };
  }

  /**
   * Publishes messages on a channel, in order, in one round trip to the master serving it.
   *
   * @return how many clients of that master are subscribed to the channel, after the last message
   */
  public CompletionStage<Long> publish(byte[] channel, List<byte[]> messages) {
    MasterSlaveEntry entry = entryOf(channel);
    if (entry == null) {
      return CompletableFuture.failedFuture(new RedisUnavailableException("no master serves the event channel of "
          + topology, null));
    }
    CommandBatchService batch = new CommandBatchService(executor, BatchOptions.defaults());
    List<RFuture<Long>> counts = new ArrayList<>(messages.size());
    for (byte[] message : messages) {
      counts.add(batch.writeAsync(entry, ByteArrayCodec.INSTANCE, RedisCommands.PUBLISH, channel, message));
    }
    return batch.executeAsync().thenCompose(done -> counts.get(counts.size() - 1));
  }

  private MasterSlaveEntry entryOf(byte[] channel) {
    ConnectionManager manager = executor.getConnectionManager();
    return manager.getEntry(manager.calcSlot(channel));
  }

  private RedisClient client(InetSocketAddress master) throws IOException {
    MasterSlaveEntry entry = executor.getConnectionManager().getEntry(master);
    if (entry == null) {
      throw new IOException("no longer a master: " + master.getHostString() + ":" + master.getPort());
    }
    return entry.getClient();
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
  public Duration ping() {
    long slowest = 0;
    for (MasterSlaveEntry entry : executor.getConnectionManager().getEntrySet()) {
      long start = System.nanoTime();
      try {
        executor.readAsync(entry, StringCodec.INSTANCE, RedisCommands.PING).toCompletableFuture().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RedisUnavailableException("Interrupted during PING of " + topology, e);
      } catch (ExecutionException | RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new RedisUnavailableException("Redis PING failed (" + topology + "): " + cause.getMessage(), cause);
      }
      slowest = Math.max(slowest, System.nanoTime() - start);
    }
    return Duration.ofNanos(slowest);
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
