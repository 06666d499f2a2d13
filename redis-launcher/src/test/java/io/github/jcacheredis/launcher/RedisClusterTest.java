package io.github.jcacheredis.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisClusterTest {

  @Test
  void formsAHealthyClusterAndHealsAfterAMasterIsKilledAndRestarted() throws IOException {
    List<RedisServerProcess> servers;
    try (RedisCluster cluster = RedisCluster.start(3, 1)) {
      servers = cluster.servers();
      assertEquals(6, servers.size());
      List<Integer> masters = cluster.masterPorts();
      assertEquals(3, masters.size());
      assertEquals(masters.get(0), cluster.masterPortOf(0));
      assertEquals(masters.get(2), cluster.masterPortOf(RedisCluster.SLOTS - 1));
      Set<Integer> replicas = new HashSet<>();
      for (int master : masters) {
        List<Integer> replicasOfMaster = cluster.replicaPortsOf(master);
        assertEquals(1, replicasOfMaster.size());
        replicas.addAll(replicasOfMaster);
      }
      assertEquals(3, replicas.size());
      assertEquals(6, cluster.seeds().split(",").length);
      assertEquals("ok", AdminCommands.clusterInfo(masters.get(1)).get("cluster_state"));

      int victim = masters.get(1);
      int replica = cluster.replicaPortsOf(victim).get(0);
      cluster.server(victim).kill();
      Await.until(Duration.ofSeconds(20), "the replica takes over", () -> cluster.masterPorts().contains(replica));
      assertNotEquals(victim, cluster.masterPortOf(RedisCluster.SLOTS / 2));

      cluster.server(victim).restart();
      cluster.awaitHealthy(Duration.ofSeconds(30));
      assertEquals(List.of(victim), cluster.replicaPortsOf(replica));
    }
    for (RedisServerProcess server : servers) {
      assertFalse(server.isAlive());
    }
  }
}
