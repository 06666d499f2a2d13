package io.github.jcacheredis.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisSentinelsTest {

  @Test
  void sentinelsMonitorTheMasterAndPromoteTheReplicaOnFailover() throws IOException {
    List<RedisServerProcess> servers = new ArrayList<>();
    try (RedisSentinels group = RedisSentinels.start()) {
      servers.addAll(group.dataNodes());
      servers.addAll(group.sentinels());
      int master = group.masterPort();
      assertEquals(group.dataNodes().get(0).port(), master);
      assertEquals(3, group.sentinelUrls().split(",").length);

      int promoted = group.failover(Duration.ofSeconds(20));
      assertEquals(group.dataNodes().get(1).port(), promoted);
      assertEquals(promoted, group.masterPort());
      assertEquals("master", AdminCommands.info(promoted, "replication").get("role"));
    }
    for (RedisServerProcess server : servers) {
      assertFalse(server.isAlive());
    }
  }
}
