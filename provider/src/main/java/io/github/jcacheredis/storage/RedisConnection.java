package io.github.jcacheredis.storage;

import io.github.jcacheredis.config.ProviderSettings;
import io.github.jcacheredis.config.RedisAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheException;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.command.CommandAsyncExecutor;
import java.time.Duration;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.EqualJitterDelay;
import org.redisson.config.SingleServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redisson client, shared by every CacheManager of this provider with the same connection settings and
 * shut down when the last of them closes. Connecting is eager, so an unreachable Redis fails CacheManager
 * creation with a clear error instead of failing the first cache operation.
 */
public final class RedisConnection {

  private static final Logger LOG = LoggerFactory.getLogger(RedisConnection.class);
  /** The pause before a failed command is retried. */
  public static final int RETRY_DELAY_MILLIS = 100;

  private final RedissonClient client;
  private final CommandAsyncExecutor executor;
  private final RedisAddress address;
  private final AtomicInteger users = new AtomicInteger(1);

  private RedisConnection(RedissonClient client, RedisAddress address) {
    this.client = client;
    this.executor = ((Redisson) client).getCommandExecutor();
    this.address = address;
  }

  /**
   * Connects.
   *
   * @param settings the CacheManager's settings
   * @return the connection, used once
   * @throws CacheException naming the (masked) address and where it came from if Redis cannot be reached
   */
  public static RedisConnection open(ProviderSettings settings) {
    RedisAddress address = settings.address();
    Config config = new Config();
    config.setCodec(ByteArrayCodec.INSTANCE);
    config.setUseScriptCache(true);
    SingleServerConfig server = config.useSingleServer()
        .setAddress(address.endpoint())
        .setDatabase(address.database())
        .setConnectTimeout(settings.connectTimeoutMillis())
        .setTimeout(settings.timeoutMillis())
        .setRetryAttempts(settings.retryAttempts())
        // Redisson's defaults (1-2 s jittered retry delays, a 30 s ping) let one call block for well over 10 s
        // while Redis is away; these keep a call within timeout x (retries + 1) plus a few short delays.
        .setRetryDelay(new ConstantDelay(Duration.ofMillis(RETRY_DELAY_MILLIS)))
        .setReconnectionDelay(new EqualJitterDelay(Duration.ofMillis(50), Duration.ofMillis(1000)))
        .setPingConnectionInterval(1000)
        .setConnectionPoolSize(settings.poolSize())
        .setConnectionMinimumIdleSize(Math.min(2, settings.poolSize()))
        .setSubscriptionConnectionMinimumIdleSize(0)
        .setClientName("jcache-redis");
    if (address.username() != null) {
      server.setUsername(address.username());
    }
    if (address.password() != null) {
      server.setPassword(address.password());
    }
    try {
      RedissonClient client = Redisson.create(config);
      LOG.info("Connected to Redis at {} ({})", address, settings.addressSource());
      return new RedisConnection(client, address);
    } catch (RuntimeException e) {
      throw new CacheException("Cannot connect to Redis at " + address + " (from " + settings.addressSource()
          + "): " + e.getMessage(), e);
    }
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

  /** @return the address, password masked by its {@code toString} */
  public RedisAddress address() {
    return address;
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
    if (users.decrementAndGet() > 0) {
      return false;
    }
    client.shutdown(0, 2, TimeUnit.SECONDS);
    return true;
  }

  /** @return whether the client has been shut down */
  public boolean isShutdown() {
    return client.isShutdown() || client.isShuttingDown();
  }
}
