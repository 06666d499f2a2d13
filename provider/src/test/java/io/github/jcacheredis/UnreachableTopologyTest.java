package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.testing.TestRedis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Properties;
import java.util.UUID;
import javax.cache.CacheException;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

/** Connecting is eager: a cluster or sentinels nobody answers for fail getCacheManager at once, password masked. */
class UnreachableTopologyTest {

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static CacheException connectFails(String... nameValue) {
    Properties properties = new Properties();
    for (int i = 0; i < nameValue.length; i += 2) {
      properties.setProperty(nameValue[i], nameValue[i + 1]);
    }
    properties.setProperty(ProviderSettings.CONNECT_TIMEOUT_MILLIS, "300");
    properties.setProperty(ProviderSettings.TIMEOUT_MILLIS, "300");
    properties.setProperty(ProviderSettings.RETRY_ATTEMPTS, "0");
    CachingProvider provider = TestRedis.provider();
    long start = System.nanoTime();
    CacheException e = assertThrows(CacheException.class, () -> provider.getCacheManager(
        URI.create("unreachable://" + UUID.randomUUID()), provider.getDefaultClassLoader(), properties));
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "took " + (System.nanoTime() - start) / 1_000_000 + " ms");
    return e;
  }

  @Test
  void anUnreachableClusterFailsNamingItsMaskedSeeds() throws IOException {
    int first = closedPort();
    int second = closedPort();
    CacheException e = connectFails(ProviderSettings.CLUSTER_NODES,
        "redis://:clusterSecret@127.0.0.1:" + first + ",redis://:clusterSecret@127.0.0.1:" + second);
    assertTrue(e.getMessage().contains("Redis Cluster"), e.getMessage());
    assertTrue(e.getMessage().contains("127.0.0.1:" + first) && e.getMessage().contains("127.0.0.1:" + second),
        e.getMessage());
    assertTrue(e.getMessage().contains(ProviderSettings.CLUSTER_NODES), e.getMessage());
    assertFalse(e.getMessage().contains("clusterSecret"), e.getMessage());
  }

  @Test
  void unreachableSentinelsFailNamingTheMasterAndTheMaskedSentinels() throws IOException {
    int port = closedPort();
    CacheException e = connectFails(ProviderSettings.SENTINEL_MASTER, "orders",
        ProviderSettings.SENTINEL_NODES, "redis://:sentinelSecret@127.0.0.1:" + port);
    assertTrue(e.getMessage().contains("'orders'") && e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    assertTrue(e.getMessage().contains(ProviderSettings.SENTINEL_NODES), e.getMessage());
    assertFalse(e.getMessage().contains("sentinelSecret"), e.getMessage());
  }
}
