package io.github.jcacheredis.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the topology settings choose a single server, a cluster or a sentinel-monitored master. */
class TopologySettingsTest {

  private static Properties properties(String... nameValue) {
    Properties properties = new Properties();
    for (int i = 0; i < nameValue.length; i += 2) {
      properties.setProperty(nameValue[i], nameValue[i + 1]);
    }
    return properties;
  }

  private static ProviderSettings settings(Properties manager, Properties system, Map<String, String> env) {
    return ProviderSettings.from(manager, system, env::get);
  }

  private static ProviderSettings settings(String... nameValue) {
    return settings(properties(nameValue), new Properties(), Map.of());
  }

  private static IllegalArgumentException invalid(String... nameValue) {
    return assertThrows(IllegalArgumentException.class, () -> settings(nameValue));
  }

  @Test
  void aSingleServerIsTheDefault() {
    RedisTopology topology = settings().topology();
    assertEquals(RedisTopology.Mode.SINGLE, topology.mode());
    assertEquals(List.of("redis://127.0.0.1:6379"), topology.endpoints());

    ProviderSettings fromEnvironment = settings(new Properties(), new Properties(),
        Map.of("REDIS_URL", "redis://10.1.2.3:7000/2"));
    assertEquals(RedisTopology.Mode.SINGLE, fromEnvironment.topology().mode());
    assertEquals(2, fromEnvironment.topology().database());
    assertEquals("environment variable REDIS_URL", fromEnvironment.addressSource());
  }

  @Test
  void clusterNodesAreSeedsSharingCredentialsAndTls() {
    ProviderSettings settings = settings(ProviderSettings.CLUSTER_NODES,
        " rediss://app:s3cret@10.0.0.1:7000, rediss://app:s3cret@10.0.0.2:7001 ,");
    RedisTopology topology = settings.topology();
    assertEquals(RedisTopology.Mode.CLUSTER, topology.mode());
    assertEquals(List.of("rediss://10.0.0.1:7000", "rediss://10.0.0.2:7001"), topology.endpoints());
    assertEquals("app", topology.username());
    assertEquals("s3cret", topology.password());
    assertTrue(topology.tls());
    assertEquals(0, topology.database());
    assertEquals("CacheManager property jcacheredis.clusterNodes", settings.addressSource());
    assertFalse(topology.toString().contains("s3cret"), topology.toString());
    assertTrue(topology.toString().contains("10.0.0.2:7001"), topology.toString());
  }

  @Test
  void aClusterHasOnlyDatabaseZero() {
    IllegalArgumentException e = invalid(ProviderSettings.CLUSTER_NODES, "redis://10.0.0.1:7000/3");
    assertTrue(e.getMessage().contains("jcacheredis.clusterNodes"), e.getMessage());
    assertTrue(e.getMessage().contains("database 0"), e.getMessage());
  }

  @Test
  void theUrlsOfAListMustAgreeOnCredentials() {
    IllegalArgumentException e = invalid(ProviderSettings.CLUSTER_NODES,
        "redis://:firstSecret@10.0.0.1:7000,redis://:secondSecret@10.0.0.2:7000");
    assertTrue(e.getMessage().contains("jcacheredis.clusterNodes"), e.getMessage());
    assertFalse(e.getMessage().contains("Secret"), e.getMessage());
  }

  @Test
  void aMalformedNodeNamesTheSettingButNotThePassword() {
    IllegalArgumentException e = invalid(ProviderSettings.CLUSTER_NODES,
        "redis://10.0.0.1:7000,http://:topSecret@10.0.0.2:7000");
    assertTrue(e.getMessage().contains("jcacheredis.clusterNodes"), e.getMessage());
    assertFalse(e.getMessage().contains("topSecret"), e.getMessage());
    assertTrue(invalid(ProviderSettings.CLUSTER_NODES, " , ").getMessage().contains("jcacheredis.clusterNodes"));
  }

  @Test
  void sentinelsNameTheMasterWhoseCredentialsAndDatabaseTheirUrlsCarry() {
    RedisTopology topology = settings(ProviderSettings.SENTINEL_MASTER, "orders",
        ProviderSettings.SENTINEL_NODES, "redis://:pw@10.0.0.1:26379/4,redis://:pw@10.0.0.2:26379/4").topology();
    assertEquals(RedisTopology.Mode.SENTINEL, topology.mode());
    assertEquals("orders", topology.masterName());
    assertEquals(4, topology.database());
    assertEquals("pw", topology.password());
    assertNull(topology.username());
    assertEquals(2, topology.nodes().size());
    assertFalse(topology.toString().contains("pw@"), topology.toString());
  }

  @Test
  void sentinelNodesAndMasterNameComeTogether() {
    assertTrue(invalid(ProviderSettings.SENTINEL_NODES, "redis://10.0.0.1:26379").getMessage()
        .contains(ProviderSettings.SENTINEL_MASTER));
    assertTrue(invalid(ProviderSettings.SENTINEL_MASTER, "orders").getMessage()
        .contains(ProviderSettings.SENTINEL_NODES));
    assertTrue(invalid(ProviderSettings.SENTINEL_MASTER, "orders", ProviderSettings.CLUSTER_NODES,
        "redis://10.0.0.1:7000").getMessage().contains(ProviderSettings.SENTINEL_NODES));
    assertTrue(invalid(ProviderSettings.SENTINEL_MASTER, " ", ProviderSettings.SENTINEL_NODES,
        "redis://10.0.0.1:26379").getMessage().contains(ProviderSettings.SENTINEL_MASTER));
  }

  @Test
  void oneSourceSetsOneTopology() {
    IllegalArgumentException e = invalid(ProviderSettings.URL, "redis://10.0.0.1:6379",
        ProviderSettings.CLUSTER_NODES, "redis://10.0.0.1:7000");
    assertTrue(e.getMessage().contains(ProviderSettings.URL) && e.getMessage().contains(ProviderSettings.CLUSTER_NODES),
        e.getMessage());
  }

  @Test
  void theCacheManagersTopologyOverridesTheSystemsWhole() {
    Properties system = properties(ProviderSettings.SENTINEL_MASTER, "orders",
        ProviderSettings.SENTINEL_NODES, "redis://10.0.0.1:26379");
    assertEquals(RedisTopology.Mode.SENTINEL, settings(new Properties(), system, Map.of()).topology().mode());

    ProviderSettings cluster = settings(properties(ProviderSettings.CLUSTER_NODES, "redis://10.0.0.1:7000"), system,
        Map.of("REDIS_URL", "redis://10.9.9.9:6379"));
    assertEquals(RedisTopology.Mode.CLUSTER, cluster.topology().mode());

    Properties systemUrl = properties(ProviderSettings.URL, "redis://10.0.0.5:6379");
    ProviderSettings single = settings(properties(ProviderSettings.CLUSTER_NODES, "redis://10.0.0.1:7000"),
        systemUrl, Map.of());
    assertEquals(RedisTopology.Mode.CLUSTER, single.topology().mode());
    assertEquals("system property jcacheredis.url",
        settings(new Properties(), systemUrl, Map.of()).addressSource());
  }

  @Test
  void unknownSettingsStillFail() {
    IllegalArgumentException e = invalid("jcacheredis.clusterNode", "redis://10.0.0.1:7000");
    assertTrue(e.getMessage().contains("jcacheredis.clusterNode"), e.getMessage());
  }

  @Test
  void topologyRefreshIsBounded() {
    assertEquals(1000, settings().topologyRefreshMillis());
    assertEquals(250, settings(ProviderSettings.TOPOLOGY_REFRESH_MILLIS, "250").topologyRefreshMillis());
    assertTrue(invalid(ProviderSettings.TOPOLOGY_REFRESH_MILLIS, "5").getMessage()
        .contains(ProviderSettings.TOPOLOGY_REFRESH_MILLIS));
  }

  @Test
  void differentTopologiesNeverShareAConnection() {
    Object single = settings(ProviderSettings.URL, "redis://10.0.0.1:7000").connectionKey();
    Object cluster = settings(ProviderSettings.CLUSTER_NODES, "redis://10.0.0.1:7000").connectionKey();
    Object sentinel = settings(ProviderSettings.SENTINEL_MASTER, "m",
        ProviderSettings.SENTINEL_NODES, "redis://10.0.0.1:7000").connectionKey();
    assertNotEquals(single, cluster);
    assertNotEquals(cluster, sentinel);
    assertEquals(cluster, settings(ProviderSettings.CLUSTER_NODES, "redis://10.0.0.1:7000").connectionKey());
  }
}
