package io.github.jcacheredis.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisServerProcessTest {

  @Test
  void answersPingOnAFreeLoopbackPort() throws IOException {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      assertEquals("PONG", RawRedis.ping(server.port()));
      assertEquals("redis://127.0.0.1:" + server.port(), server.url());
      assertTrue(server.isAlive());
    }
  }

  @Test
  void listensOnTheRequestedPort() throws IOException {
    int port = FreePort.pick();
    try (RedisServerProcess server = RedisServerProcess.start(port)) {
      assertEquals(port, server.port());
      assertEquals("PONG", RawRedis.ping(port));
    }
  }

  @Test
  void runsWithoutSnapshots() throws IOException {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      assertEquals(List.of("save", ""), RawRedis.command(server.port(), "CONFIG", "GET", "save"));
    }
  }

  @Test
  void appliesExtraArgumentsAfterTheDefaults() throws IOException {
    try (RedisServerProcess server = RedisServerProcess.start("--maxmemory", "10mb")) {
      assertEquals(List.of("maxmemory", "10485760"),
          RawRedis.command(server.port(), "CONFIG", "GET", "maxmemory"));
    }
  }

  @Test
  void killEndsTheProcessAndRestartServesTheSamePortAgain() throws IOException {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      RawRedis.command(server.port(), "SET", "survivor", "yes");
      long firstPid = server.pid();

      server.kill();
      assertFalse(server.isAlive());
      assertThrows(ConnectException.class, () -> RawRedis.ping(server.port()));

      server.restart();
      assertTrue(server.isAlive());
      assertNotEquals(firstPid, server.pid());
      assertEquals("PONG", RawRedis.ping(server.port()));
      assertNull(RawRedis.command(server.port(), "GET", "survivor"), "no persistence");
    }
  }

  @Test
  void restartOfARunningServerReplacesIt() throws IOException {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      long firstPid = server.pid();
      server.restart();
      assertNotEquals(firstPid, server.pid());
      assertEquals("PONG", RawRedis.ping(server.port()));
    }
  }

  @Test
  void closeStopsTheServerAndIsIdempotent() throws IOException {
    RedisServerProcess server = RedisServerProcess.start();
    server.close();
    server.close();
    assertFalse(server.isAlive());
    assertThrows(ConnectException.class, () -> RawRedis.ping(server.port()));
    assertThrows(IllegalStateException.class, server::restart);
  }

  @Test
  void reportsAServerThatCannotStart() {
    IOException failure = assertThrows(IOException.class,
        () -> RedisServerProcess.start("--no-such-option", "x").close());
    assertTrue(failure.getMessage().contains("exited"), failure.getMessage());
  }
}
