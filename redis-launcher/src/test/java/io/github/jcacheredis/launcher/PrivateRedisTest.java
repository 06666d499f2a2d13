package io.github.jcacheredis.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static PrivateRedis is one server for the class; an instance one is a server per test. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivateRedisTest {

  @RegisterExtension
  static final PrivateRedis<RedisServerProcess> CLASS_WIDE = PrivateRedis.server("--maxmemory", "10mb");

  private static final List<RedisServerProcess> PER_TEST = new ArrayList<>();
  private static RedisServerProcess seenBeforeAll;

  @RegisterExtension
  final PrivateRedis<RedisSentinels> perTest = PrivateRedis.sentinels();

  @BeforeAll
  static void theClassWideServerRunsBeforeAll(RedisServerProcess server) throws IOException {
    seenBeforeAll = server;
    try (RespClient redis = new RespClient("127.0.0.1", server.port())) {
      assertEquals("10485760", redis.info("memory").get("maxmemory"));
    }
  }

  @Test
  @Order(1)
  void theClassWideServerIsResolvedAndRunning(RedisServerProcess server, RedisSentinels sentinels) {
    assertSame(seenBeforeAll, server);
    assertSame(server, CLASS_WIDE.get());
    assertTrue(server.isAlive());
    assertSame(sentinels, perTest.get());
    PER_TEST.add(sentinels.dataNodes().get(0));
  }

  @Test
  @Order(2)
  void anInstanceFieldGivesEachTestItsOwnRedisAndStopsTheLastOne(RedisSentinels sentinels) {
    assertSame(seenBeforeAll, CLASS_WIDE.get());
    RedisServerProcess previous = PER_TEST.get(0);
    assertNotSame(previous, sentinels.dataNodes().get(0));
    assertTrue(!previous.isAlive(), "the previous test's sentinel group was stopped");
  }

  @AfterAll
  static void theClassWideServerStillRunsInAfterAll() {
    assertTrue(CLASS_WIDE.get().isAlive());
  }
}
