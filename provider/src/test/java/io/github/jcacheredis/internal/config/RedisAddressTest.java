package io.github.jcacheredis.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing {@code redis[s]://[[user]:password@]host[:port][/db]} without ever leaking the password. */
class RedisAddressTest {

  private static final String SETTING = "CacheManager property jcacheredis.url";
  private static final String SECRET = "s3cr3t-Pw";

  private static RedisAddress parse(String url) {
    return RedisAddress.parse(url, SETTING);
  }

  private static IllegalArgumentException rejected(String url) {
    return assertThrows(IllegalArgumentException.class, () -> parse(url));
  }

  @Test
  void aHostAloneUsesPort6379DatabaseZeroAndNoCredentials() {
    RedisAddress address = parse("redis://cache.example");
    assertEquals("cache.example", address.host());
    assertEquals(6379, address.port());
    assertEquals(0, address.database());
    assertFalse(address.tls());
    assertNull(address.username());
    assertNull(address.password());
  }

  @Test
  void anExplicitPortIsUsed() {
    assertEquals(6380, parse("redis://cache.example:6380").port());
  }

  @Test
  void redissMeansTls() {
    RedisAddress address = parse("rediss://cache.example");
    assertTrue(address.tls());
    assertEquals("rediss://cache.example:6379", address.endpoint());
  }

  @Test
  void userAndPasswordAreRead() {
    RedisAddress address = parse("redis://alice:" + SECRET + "@cache.example");
    assertEquals("alice", address.username());
    assertEquals(SECRET, address.password());
  }

  @Test
  void aPasswordAfterAColonHasNoUser() {
    RedisAddress address = parse("redis://:" + SECRET + "@cache.example");
    assertNull(address.username());
    assertEquals(SECRET, address.password());
  }

  @Test
  void aPasswordWithoutAColonHasNoUser() {
    RedisAddress address = parse("redis://" + SECRET + "@cache.example");
    assertNull(address.username());
    assertEquals(SECRET, address.password());
  }

  @Test
  void aPercentEncodedPasswordIsDecoded() {
    assertEquals("p@ss:w/rd%", parse("redis://:p%40ss%3Aw%2Frd%25@cache.example").password());
  }

  /*
   * Found while writing these tests: the user info is decoded with URLDecoder, which is HTML-form decoding and
   * turns '+' into a space. RFC 3986 gives '+' no meaning in user info, so "pa+ss" must stay "pa+ss".
   */
  @Test
  void aPlusInThePasswordIsKeptAsAPlus() {
    assertEquals("pa+ss", parse("redis://:pa+ss@cache.example").password());
  }

  @Test
  void aPathNamesTheDatabase() {
    assertEquals(3, parse("redis://cache.example:6380/3").database());
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    assertEquals("cache.example", parse("  redis://cache.example \n").host());
  }

  @Test
  void anIpv6HostIsBracketedInTheEndpoint() {
    assertEquals("redis://[::1]:6379", parse("redis://[::1]").endpoint());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://cache.example", "cache.example:6379", "tcp://cache.example", ""})
  void anotherSchemeIsRejectedNamingTheSetting(String url) {
    IllegalArgumentException e = rejected(url);
    assertTrue(e.getMessage().contains(SETTING), e.getMessage());
    assertTrue(e.getMessage().contains("redis://"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis://", "redis:///3", "redis://:" + SECRET + "@", "redis://:" + SECRET + "@:6379"})
  void anAddressWithoutHostIsRejectedNamingTheSetting(String url) {
    IllegalArgumentException e = rejected(url);
    assertTrue(e.getMessage().contains(SETTING), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis://cache.example/db3", "redis://cache.example/3/4", "redis://cache.example/-1"})
  void aDatabaseThatIsNotANonNegativeNumberIsRejectedNamingTheSetting(String url) {
    IllegalArgumentException e = rejected(url);
    assertTrue(e.getMessage().contains(SETTING), e.getMessage());
    assertTrue(e.getMessage().contains("database"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://alice:" + SECRET + "@cache.example",
      "redis://alice:" + SECRET + "@",
      "redis://alice:" + SECRET + "@cache.example/notanumber",
      "redis://alice:" + SECRET + "@cache.example/-4",
      "redis://alice:" + SECRET + "@cache example",
      "redis://alice:" + SECRET + "%zz@cache.example"})
  void noRejectionMessageContainsThePassword(String url) {
    IllegalArgumentException e = rejected(url);
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    assertTrue(e.getMessage().contains(SETTING), e.getMessage());
  }

  @Test
  void toStringMasksThePassword() {
    RedisAddress address = parse("redis://alice:" + SECRET + "@cache.example:6380/2");
    assertEquals("redis://alice:***@cache.example:6380/2", address.toString());
  }

  @Test
  void toStringMasksAPasswordWithoutUser() {
    RedisAddress address = parse("rediss://:" + SECRET + "@cache.example");
    assertEquals("rediss://:***@cache.example:6379/0", address.toString());
  }

  @Test
  void toStringWithoutCredentialsShowsHostPortAndDatabase() {
    assertEquals("redis://cache.example:6379/0", parse("redis://cache.example").toString());
  }

  @Test
  void addressesDifferingOnlyInPasswordAreNotEqual() {
    assertFalse(parse("redis://:one@h").equals(parse("redis://:two@h")));
    assertEquals(parse("redis://:one@h:6379/0"), parse("redis://:one@h"));
  }

  /*
   * Found while writing these tests: java.net.URI accepts any digits as a port, so redis://host:99999 parses and
   * only fails later, at connection time, without naming the setting.
   */
  @ParameterizedTest
  @ValueSource(strings = {"redis://cache.example:0", "redis://cache.example:65536", "redis://cache.example:99999"})
  void aPortOutsideOneTo65535IsRejectedNamingTheSetting(String url) {
    IllegalArgumentException e = rejected(url);
    assertTrue(e.getMessage().contains(SETTING), e.getMessage());
  }
}
