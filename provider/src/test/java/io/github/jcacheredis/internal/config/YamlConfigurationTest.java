package io.github.jcacheredis.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file: what it means, and an error naming file and setting for every mistake. */
class YamlConfigurationTest {

  @TempDir
  Path folder;

  private static final Function<String, String> ENV = Map.of("REDIS_HOST", "cache.internal",
      "REDIS_PASSWORD", "s3cret")::get;

  private YamlConfiguration load(String yaml) throws IOException {
    Path file = folder.resolve("jcache-redis.yaml");
    Files.writeString(file, yaml);
    return YamlConfiguration.load(file.toUri(), false, getClass().getClassLoader(), ENV);
  }

  private IllegalArgumentException failure(String yaml) {
    return assertThrows(IllegalArgumentException.class, () -> {
      YamlConfiguration configuration = load(yaml);
      ProviderSettings.from(new Properties(), configuration, new Properties(), ENV);
    });
  }

  private static void assertNames(IllegalArgumentException failure, String... parts) {
    for (String part : parts) {
      assertTrue(failure.getMessage().contains(part), "'" + part + "' missing from: " + failure.getMessage());
    }
  }

  @Test
  void aFullFileBecomesSettingsAndCacheTemplates() throws IOException {
    YamlConfiguration configuration = load(String.join("\n",
        "redis:",
        "  url: redis://:${REDIS_PASSWORD}@${REDIS_HOST}:6380/2",
        "  timeout: 750ms",
        "  connectTimeout: 2s",
        "  retryAttempts: 3",
        "keyPrefix: shop",
        "allowedPackages: [com.example.model, com.example.dto]",
        "defaults:",
        "  expiry: {type: created, duration: 10m}",
        "  statistics: true",
        "templates:",
        "  hot:",
        "    nearCache: {maximumSize: 5000, timeToLive: 1m}",
        "    compressionThreshold: 8KB",
        "caches:",
        "  products:",
        "    template: hot",
        "    keyType: java.lang.Long",
        "    valueType: com.example.model.Product",
        "  sessions:",
        "    expiry: {type: accessed, duration: 30m}",
        "    degradeWhenUnavailable: true",
        ""));
    ProviderSettings settings = ProviderSettings.from(new Properties(), configuration, new Properties(), ENV);
    assertEquals("cache.internal", settings.address().host());
    assertEquals(6380, settings.address().port());
    assertEquals("s3cret", settings.address().password());
    assertEquals(2, settings.address().database());
    assertEquals(750, settings.timeoutMillis());
    assertEquals(2000, settings.connectTimeoutMillis());
    assertEquals(3, settings.retryAttempts());
    assertEquals("shop", settings.keyPrefix());
    assertEquals(java.util.List.of("com.example.model", "com.example.dto"), settings.allowedPackages());

    CacheTemplate products = configuration.caches().get("products");
    assertEquals(CacheTemplate.ExpiryType.CREATED, products.expiryType(), "inherited from the defaults");
    assertEquals(Duration.ofMinutes(10), products.expiryDuration());
    assertEquals(5000L, products.nearCacheMaximumSize());
    assertEquals(8192, products.compressionThreshold());
    assertEquals("java.lang.Long", products.keyType());
    CacheTemplate sessions = configuration.caches().get("sessions");
    assertEquals(CacheTemplate.ExpiryType.ACCESSED, sessions.expiryType());
    assertEquals(true, sessions.degradeWhenUnavailable());
    assertNull(sessions.nearCacheMaximumSize());
    assertEquals(Boolean.TRUE, configuration.templateFor("created-on-demand").statistics());
  }

  @Test
  void theManagersPropertiesWinOverTheFile() throws IOException {
    YamlConfiguration configuration = load("redis:\n  url: redis://from-file:6379\n");
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, "redis://from-properties:6379");
    assertEquals("from-properties",
        ProviderSettings.from(properties, configuration, new Properties(), ENV).address().host());
  }

  @Test
  void anUnknownKeyNamesTheFileTheKeyAndWhatIsAllowed() {
    IllegalArgumentException failure = failure("redis:\n  url: redis://h\n  timout: 1s\n");
    assertNames(failure, "redis.timout", "jcache-redis.yaml", "timeout");
    assertNames(failure("cachez: {}\n"), "cachez", "caches");
    assertNames(failure("caches:\n  c:\n    expiry: {type: created, duration: 1m, jitter: 2}\n"),
        "caches.c.expiry.jitter");
  }

  @Test
  void aBadDurationNamesTheSettingAndTheAllowedForms() {
    assertNames(failure("redis:\n  timeout: soon\n"), "redis.timeout", "'soon'", "500ms");
    assertNames(failure("caches:\n  c:\n    expiry: {type: created, duration: 10 minutes}\n"),
        "caches.c.expiry.duration", "10 minutes");
    assertNames(failure("caches:\n  c:\n    expiry: {type: forever}\n"), "caches.c.expiry.type", "eternal");
  }

  @Test
  void anEmptyDurationIsUnsetLikeAnyOtherEmptySetting() throws IOException {
    // (it used to fail with a NullPointerException naming nothing)
    YamlConfiguration configuration = load("redis:\n  url: redis://h:6379\n  timeout:\nkeyPrefix:\n");
    ProviderSettings settings = ProviderSettings.from(new Properties(), configuration, new Properties(), ENV);
    assertEquals(ProviderSettings.DEFAULT_TIMEOUT_MILLIS, settings.timeoutMillis());
    assertFalse(configuration.managerProperties().containsKey(ProviderSettings.TIMEOUT_MILLIS));
  }

  @Test
  void loadingSettingsBecomeTemplateFields() throws IOException {
    YamlConfiguration configuration = load(String.join("\n",
        "caches:",
        "  products:",
        "    singleFlight: false",
        "    loadLeaseTime: 3s",
        "    loadWaitTimeout: 45s",
        "    refreshAfterWrite: 5m",
        ""));
    CacheTemplate products = configuration.caches().get("products");
    assertEquals(false, products.singleFlight());
    assertEquals(Duration.ofSeconds(3), products.loadLeaseTime());
    assertEquals(Duration.ofSeconds(45), products.loadWaitTimeout());
    assertEquals(Duration.ofMinutes(5), products.refreshAfterWrite());
  }

  @Test
  void aBadLoadingSettingNamesItself() {
    assertNames(failure("caches:\n  c:\n    singleFlight: maybe\n"), "caches.c.singleFlight");
    assertNames(failure("caches:\n  c:\n    loadLeaseTime: 10ms\n"), "caches.c.loadLeaseTime", "100 ms");
    assertNames(failure("caches:\n  c:\n    loadWaitTimeout: soon\n"), "caches.c.loadWaitTimeout", "'soon'");
    assertNames(failure("caches:\n  c:\n    refreshAfterWrite: 0s\n"), "caches.c.refreshAfterWrite");
    assertNames(failure("caches:\n  c:\n    refreshAfterWrites: 1m\n"), "caches.c.refreshAfterWrites",
        "refreshAfterWrite");
  }

  @Test
  void aBadUrlNamesTheSettingAndTheFile() {
    IllegalArgumentException failure = failure("redis:\n  url: http://example.com\n");
    assertNames(failure, "redis.url", "jcache-redis.yaml", "redis://");
  }

  @Test
  void aMissingEnvironmentVariableWithoutDefaultNamesTheVariableAndTheSetting() {
    IllegalArgumentException failure = failure("redis:\n  url: redis://${NOT_SET_ANYWHERE}:6379\n");
    assertNames(failure, "NOT_SET_ANYWHERE", "redis.url");
  }

  @Test
  void anEnvironmentDefaultIsUsedWhenTheVariableIsUnset() throws IOException {
    YamlConfiguration configuration = load("redis:\n  url: ${NOT_SET_ANYWHERE:redis://fallback:6390}\n");
    assertEquals("fallback",
        ProviderSettings.from(new Properties(), configuration, new Properties(), ENV).address().host());
  }

  @Test
  void otherMistakesNameTheirSetting() {
    assertNames(failure("caches:\n  c:\n    template: nope\n"), "caches.c.template", "nope");
    assertNames(failure("caches:\n  c:\n    statistics: yes please\n"), "caches.c.statistics");
    assertNames(failure("caches:\n  c:\n    nearCache: {timeToLive: 1m}\n"), "caches.c.nearCache.maximumSize");
    assertNames(failure("caches:\n  c:\n    compressionThreshold: 10\n"), "caches.c.compressionThreshold");
    assertNames(failure("redis:\n  retryAttempts: many\n"), "redis.retryAttempts");
    assertNames(failure("keyPrefix: 'a:b'\n"), "keyPrefix");
    assertNames(failure("redis: [1, 2]\n"), "redis", "mapping");
    assertNames(failure("redis:\n  url: redis://h\n  clusterNodes: [redis://a, redis://b]\n"), "clusterNodes");
    assertNames(failure(": not yaml : ["), "not valid YAML");
  }

  @Test
  void aSyntaxErrorNamesTheFileLineAndColumnButNeverQuotesTheLine() {
    String secret = "Pw0rdXq7";
    List<String> broken = List.of(
        "redis:\n  url: redis://h\n  tlsTruststorePassword: " + secret + ": x\n",
        "redis:\n  url: redis://h\n  tlsTruststorePassword: @" + secret + "\n",
        "redis:\n  url: redis://h\n  tlsTruststorePassword: \"" + secret + "\n",
        "redis:\n  url: redis://h\n  tlsTruststorePassword: [" + secret + "\n",
        "redis:\n  url: redis://h\n  tlsTruststorePassword: \"" + secret + "\\q\"\n",
        "redis:\n  url: redis://h\n  tlsTruststorePassword: *" + secret + "\n");
    for (String yaml : broken) {
      IllegalArgumentException failure = failure(yaml);
      assertNames(failure, "jcache-redis.yaml", "not valid YAML", "line ");
      for (Throwable t = failure; t != null; t = t.getCause()) {
        assertFalse(t.getMessage() != null && t.getMessage().contains(secret), "quoted in: " + t.getMessage());
      }
    }
    assertNames(failure("redis:\n  url: redis://h\n  tlsTruststorePassword: " + secret + ": x\n"), "line 3");
  }

  @Test
  void aFileTheUriNamesMustExist() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> YamlConfiguration.load(URI.create("classpath:no/such/file.yaml"), false, getClass().getClassLoader(),
            ENV));
    assertNames(missing, "classpath:no/such/file.yaml");
    assertNull(YamlConfiguration.load(URI.create("test://not-a-file"), false, getClass().getClassLoader(), ENV));
  }

  /**
   * Spring Boot passes a {@code classpath:} location to {@code getCacheManager} as the resource's real URI: a
   * {@code file:} URI when the application runs from a directory, {@code jar:nested:...!/...} once it is packaged
   * as an executable jar ({@code jar:file:...!/...} from a plain jar), so a file inside a jar must be read too.
   */
  @Test
  void aFileInsideAJarIsReadFromItsJarUri() throws IOException {
    Path jar = folder.resolve("app.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("BOOT-INF/classes/jcache-redis.yaml"));
      out.write("keyPrefix: packaged\ncaches:\n  products: {statistics: true}\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    URI uri = URI.create("jar:" + jar.toUri() + "!/BOOT-INF/classes/jcache-redis.yaml");

    YamlConfiguration configuration = YamlConfiguration.load(uri, false, getClass().getClassLoader(), ENV);

    assertNotNull(configuration, "the file inside the jar is read, not ignored");
    assertEquals("packaged", configuration.managerProperties().getProperty(ProviderSettings.KEY_PREFIX));
    assertEquals(true, configuration.caches().get("products").statistics());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> YamlConfiguration.load(
        URI.create("jar:" + jar.toUri() + "!/no-such.yaml"), false, getClass().getClassLoader(), ENV));
    assertNames(missing, "no-such.yaml");
  }

  @Test
  void signingKeysAreAListWithEnvironmentVariables() throws IOException {
    Path file = folder.resolve("signed.yaml");
    Files.writeString(file, "signingKeys:\n  - ${SIGNING_KEY}\n  - an-older-key-still-listed-to-verify-with\n");
    String key = "a-key-from-the-environment-0123456789";
    YamlConfiguration configuration = YamlConfiguration.load(file.toUri(), false, getClass().getClassLoader(),
        Map.of("SIGNING_KEY", key)::get);
    ProviderSettings settings = ProviderSettings.from(new Properties(), configuration, new Properties(), ENV);
    assertEquals(key, new String(settings.signingKeys().get(0), StandardCharsets.UTF_8));
    assertEquals(2, settings.signingKeys().size());
  }

  @Test
  void aShortSigningKeyInTheFileNamesTheFileAndTheSettingButNotTheKey() {
    IllegalArgumentException failure = failure("signingKeys: [too-short-a-key]\n");
    assertNames(failure, "signingKeys", "jcache-redis.yaml", "key 1 of 1", "at least 32");
    assertFalse(failure.getMessage().contains("too-short-a-key"), failure.getMessage());
  }
}
