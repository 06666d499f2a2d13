package io.github.jcacheredis.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where each setting comes from, and how a wrong one fails before any connection is made. */
class ProviderSettingsTest {

  private static final Function<String, String> NO_ENV = name -> null;

  private static Properties properties(String... namesAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
    }
    return properties;
  }

  private static Function<String, String> env(String name, String value) {
    return Map.of(name, value)::get;
  }

  private static ProviderSettings fromManager(String... namesAndValues) {
    return ProviderSettings.from(properties(namesAndValues), new Properties(), NO_ENV);
  }

  private static IllegalArgumentException rejectedFromManager(String... namesAndValues) {
    return assertThrows(IllegalArgumentException.class, () -> fromManager(namesAndValues));
  }

  private static void assertMentions(IllegalArgumentException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "'" + part + "' missing from: " + e.getMessage());
    }
  }

  // --- defaults ---

  @Test
  void withNothingSetTheAddressIsLocalRedisFromTheDefault() {
    ProviderSettings settings = fromManager();
    assertEquals(RedisAddress.parse("redis://127.0.0.1:6379", "test"), settings.address());
    assertEquals("default", settings.addressSource());
  }

  @Test
  void withNothingSetTheOtherSettingsHaveTheirDocumentedDefaults() {
    ProviderSettings settings = fromManager();
    assertEquals("jcache", settings.keyPrefix());
    assertEquals(256, settings.keyHashThreshold());
    assertEquals(2000, settings.timeoutMillis());
    assertEquals(1000, settings.connectTimeoutMillis());
    assertEquals(1, settings.retryAttempts());
    assertEquals(32, settings.poolSize());
  }

  // --- precedence of the address ---

  @Test
  void aCacheManagerPropertyWinsOverSystemPropertyAndEnvironment() {
    ProviderSettings settings = ProviderSettings.from(properties(ProviderSettings.URL, "redis://manager"),
        properties(ProviderSettings.URL, "redis://system"), env("REDIS_URL", "redis://env"));
    assertEquals("manager", settings.address().host());
    assertEquals("CacheManager property jcacheredis.url", settings.addressSource());
  }

  @Test
  void aSystemPropertyWinsOverTheEnvironment() {
    ProviderSettings settings = ProviderSettings.from(new Properties(),
        properties(ProviderSettings.URL, "redis://system"), env("REDIS_URL", "redis://env"));
    assertEquals("system", settings.address().host());
    assertEquals("system property jcacheredis.url", settings.addressSource());
  }

  @Test
  void theEnvironmentWinsOverTheDefault() {
    ProviderSettings settings = ProviderSettings.from(new Properties(), new Properties(),
        env("REDIS_URL", "redis://env:6390/4"));
    assertEquals("env", settings.address().host());
    assertEquals(6390, settings.address().port());
    assertEquals(4, settings.address().database());
    assertEquals("environment variable REDIS_URL", settings.addressSource());
  }

  @Test
  void aCacheManagerPropertyWinsOverASystemPropertyForOtherSettingsToo() {
    ProviderSettings settings = ProviderSettings.from(properties(ProviderSettings.TIMEOUT_MILLIS, "500"),
        properties(ProviderSettings.TIMEOUT_MILLIS, "700", ProviderSettings.POOL_SIZE, "4"), NO_ENV);
    assertEquals(500, settings.timeoutMillis());
    assertEquals(4, settings.poolSize());
  }

  // --- bad addresses ---

  @Test
  void aBadUrlFromTheEnvironmentNamesTheEnvironmentVariable() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProviderSettings.from(new Properties(), new Properties(), env("REDIS_URL", "http://env")));
    assertMentions(e, "environment variable REDIS_URL");
  }

  @Test
  void aBadUrlPropertyNamesTheSettingButNotThePassword() {
    IllegalArgumentException e = rejectedFromManager(ProviderSettings.URL, "redis://:hunter2@cache.example/x");
    assertMentions(e, "jcacheredis.url");
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  // --- unknown settings ---

  @Test
  void anUnknownCacheManagerPropertyFailsNamingIt() {
    IllegalArgumentException e = rejectedFromManager("jcacheredis.timeout", "1000");
    assertMentions(e, "jcacheredis.timeout", "CacheManager property", "jcacheredis.timeoutMillis");
  }

  @Test
  void anUnknownSystemPropertyFailsNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProviderSettings.from(new Properties(), properties("jcacheredis.pool", "3"), NO_ENV));
    assertMentions(e, "jcacheredis.pool", "system property");
  }

  @Test
  void propertiesOutsideTheNamespaceAreIgnored() {
    ProviderSettings settings = ProviderSettings.from(properties("other.url", "x", "jcacheredisx", "y"),
        properties("java.version", "17"), NO_ENV);
    assertEquals("default", settings.addressSource());
  }

  // --- integer settings ---

  @Test
  void integerSettingsAreReadAndTrimmed() {
    ProviderSettings settings = fromManager(ProviderSettings.TIMEOUT_MILLIS, " 5000 ",
        ProviderSettings.CONNECT_TIMEOUT_MILLIS, "1500", ProviderSettings.RETRY_ATTEMPTS, "0",
        ProviderSettings.POOL_SIZE, "8", ProviderSettings.KEY_HASH_THRESHOLD, "32");
    assertEquals(5000, settings.timeoutMillis());
    assertEquals(1500, settings.connectTimeoutMillis());
    assertEquals(0, settings.retryAttempts());
    assertEquals(8, settings.poolSize());
    assertEquals(32, settings.keyHashThreshold());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "-1", "600001", "1.5", "", "99999999999"})
  void aBadTimeoutFailsNamingTheSettingAndTheRange(String value) {
    IllegalArgumentException e = rejectedFromManager(ProviderSettings.TIMEOUT_MILLIS, value);
    assertMentions(e, "jcacheredis.timeoutMillis", "1 to 600000");
  }

  @Test
  void aKeyHashThresholdBelow32FailsNamingTheSettingAndTheRange() {
    IllegalArgumentException e = rejectedFromManager(ProviderSettings.KEY_HASH_THRESHOLD, "31");
    assertMentions(e, "jcacheredis.keyHashThreshold", "'31'", "32 to 1048576");
  }

  @Test
  void aBadSystemPropertyIsReportedAsASystemProperty() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProviderSettings.from(
        new Properties(), properties(ProviderSettings.RETRY_ATTEMPTS, "101"), NO_ENV));
    assertMentions(e, "system property jcacheredis.retryAttempts", "0 to 100");
  }

  @Test
  void aBadPoolSizeFailsNamingTheSettingAndTheRange() {
    assertMentions(rejectedFromManager(ProviderSettings.POOL_SIZE, "0"), "jcacheredis.poolSize", "1 to 10000");
  }

  /*
   * Found while writing these tests: Properties.getProperty returns null for a value that is not a String, so
   * properties.put("jcacheredis.timeoutMillis", 5000) is silently ignored and the default applies: the very
   * "setting ignored without a word" the unknown-name check exists to prevent.
   */
  @Test
  void aNonStringValueFailsInsteadOfBeingIgnored() {
    Properties properties = new Properties();
    properties.put(ProviderSettings.TIMEOUT_MILLIS, 5000);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProviderSettings.from(properties, new Properties(), NO_ENV));
    assertMentions(e, "jcacheredis.timeoutMillis");
  }

  // --- key prefix ---

  @Test
  void aPrefixOfLettersDigitsDotsDashesAndUnderscoresIsAccepted() {
    assertEquals("my-app_v2.0", fromManager(ProviderSettings.KEY_PREFIX, "my-app_v2.0").keyPrefix());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a:b", "a*", "a?", "[a]", "", "a b", "é"})
  void aPrefixWithASeparatorOrGlobCharacterFailsNamingTheSetting(String prefix) {
    assertMentions(rejectedFromManager(ProviderSettings.KEY_PREFIX, prefix), "jcacheredis.prefix");
  }

  @Test
  void aPrefixLongerThan64CharactersFails() {
    assertEquals(64, fromManager(ProviderSettings.KEY_PREFIX, "p".repeat(64)).keyPrefix().length());
    assertMentions(rejectedFromManager(ProviderSettings.KEY_PREFIX, "p".repeat(65)), "jcacheredis.prefix");
  }

  // --- connection sharing ---

  @Test
  void managersDifferingOnlyInKeyPrefixShareAConnection() {
    assertEquals(fromManager(ProviderSettings.KEY_PREFIX, "one").connectionKey(),
        fromManager(ProviderSettings.KEY_PREFIX, "two").connectionKey());
  }

  @Test
  void managersWithDifferentTimeoutsDoNotShareAConnection() {
    assertFalse(fromManager(ProviderSettings.TIMEOUT_MILLIS, "100").connectionKey()
        .equals(fromManager(ProviderSettings.TIMEOUT_MILLIS, "200").connectionKey()));
  }

  @Test
  void signingKeysAreCommaSeparatedTextOrBase64TheFirstSigning() {
    String text = "a-text-key-of-at-least-thirty-two-bytes";
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    ProviderSettings settings = fromManager(ProviderSettings.SIGNING_KEYS,
        " " + text + " , base64:" + Base64.getEncoder().encodeToString(random));
    assertEquals(2, settings.signingKeys().size());
    assertEquals(text, new String(settings.signingKeys().get(0), StandardCharsets.UTF_8));
    assertArrayEquals(random, settings.signingKeys().get(1));
    assertTrue(fromManager().signingKeys().isEmpty(), "none by default");
  }

  @Test
  void aShortSigningKeyFailsNamingTheSettingThePositionAndTheMinimumButNotTheKey() {
    String shortKey = "only-twenty-bytes-ab";
    IllegalArgumentException failure = rejectedFromManager(ProviderSettings.SIGNING_KEYS,
        "a-text-key-of-at-least-thirty-two-bytes," + shortKey);
    assertMentions(failure, "CacheManager property " + ProviderSettings.SIGNING_KEYS, "key 2 of 2", "20 bytes",
        "at least 32");
    assertFalse(failure.getMessage().contains(shortKey), failure.getMessage());
    assertFalse(failure.getMessage().contains("a-text-key"), failure.getMessage());
  }

  @Test
  void aMalformedBase64SigningKeyFailsWithoutQuotingIt() {
    IllegalArgumentException failure = rejectedFromManager(ProviderSettings.SIGNING_KEYS, "base64:not*base64*at-all");
    assertMentions(failure, ProviderSettings.SIGNING_KEYS, "key 1 of 1", "base64");
    assertFalse(failure.getMessage().contains("not*base64"), failure.getMessage());
    assertNull(failure.getCause(), "the decoder's message quotes the offending character");
  }
}
