package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.testing.TestRedis;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rediss:// against a redis-server speaking only TLS, with a certificate authority and a server certificate
 * (for "localhost" only) generated with openssl for this test.
 */
class TlsTest {

  @TempDir
  static Path folder;
  private static Process server;
  private static int port;

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(output));
    }
  }

  private static void authority(String name) throws Exception {
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out",
        name + ".crt", "-days", "1", "-subj", "/CN=" + name);
  }

  /** A PKCS12 trust store holding one CA certificate. */
  private static Path truststore(String authority) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(folder.resolve(authority + ".crt"))) {
      store.setCertificateEntry(authority, CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    Path file = folder.resolve(authority + "-trust.p12");
    try (var out = Files.newOutputStream(file)) {
      store.store(out, "changeit".toCharArray());
    }
    return file;
  }

  /** @return the first executable of that name in the PATH's directories */
  private static java.util.Optional<Path> onPath(String name) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
      if (Files.isExecutable(candidate)) {
        return java.util.Optional.of(candidate);
      }
    }
    return java.util.Optional.empty();
  }

  @BeforeAll
  static void startTlsRedis() throws Exception {
    // The embedded Redis the other tests fall back to is built without TLS: this test needs the machine's own.
    Assumptions.assumeTrue(onPath("redis-server").isPresent(),
        "skipped: no redis-server on the PATH (the embedded Redis 6.2 has no TLS)");
    Assumptions.assumeTrue(onPath("openssl").isPresent(), "skipped: no openssl on the PATH to make certificates");
    authority("test-ca");
    authority("other-ca");
    run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=localhost");
    Files.writeString(folder.resolve("san.cnf"), "subjectAltName=DNS:localhost\n");
    run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "test-ca.crt", "-CAkey", "test-ca.key",
        "-CAcreateserial", "-out", "server.crt", "-days", "1", "-extfile", "san.cnf");
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    server = new ProcessBuilder("redis-server", "--port", "0", "--tls-port", Integer.toString(port),
        "--bind", "127.0.0.1", "--tls-cert-file", "server.crt", "--tls-key-file", "server.key",
        "--tls-ca-cert-file", "test-ca.crt", "--tls-auth-clients", "no", "--save", "", "--appendonly", "no")
        .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(folder.resolve("redis.log").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.readString(folder.resolve("redis.log")).contains("Ready to accept connections")) {
      if (!server.isAlive() && Files.readString(folder.resolve("redis.log")).contains("tls")) {
        Assumptions.assumeTrue(false, "skipped: this redis-server was built without TLS: "
            + Files.readString(folder.resolve("redis.log")).strip());
      }
      if (System.nanoTime() > deadline || !server.isAlive()) {
        throw new IllegalStateException("TLS redis-server did not start: " + Files.readString(folder.resolve("redis.log")));
      }
      Thread.sleep(20);
    }
  }

  @AfterAll
  static void stopTlsRedis() throws InterruptedException {
    if (server != null) {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static CacheManager manager(String url, Path truststore, String verifyHostname) {
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, url);
    properties.setProperty(ProviderSettings.TLS_TRUSTSTORE, truststore.toString());
    properties.setProperty(ProviderSettings.TLS_TRUSTSTORE_PASSWORD, "changeit");
    properties.setProperty(ProviderSettings.CONNECT_TIMEOUT_MILLIS, "2000");
    if (verifyHostname != null) {
      properties.setProperty(ProviderSettings.TLS_VERIFY_HOSTNAME, verifyHostname);
    }
    return TestRedis.provider().getCacheManager(URI.create("tls://" + UUID.randomUUID()),
        TestRedis.provider().getDefaultClassLoader(), properties);
  }

  @Test
  void aCacheWorksOverTlsWithTheTrustedAuthority() throws Exception {
    CacheManager manager = manager("rediss://localhost:" + port, truststore("test-ca"), null);
    try {
      Cache<String, String> cache = manager.createCache("secure", new RedisCacheConfiguration<String, String>()
          .setNearCache(NearCacheConfiguration.ofMaximumSize(10)));
      cache.put("k", "over TLS");
      assertEquals("over TLS", cache.get("k"));
      assertTrue(cache.unwrap(RedisCache.class).nearCache().isEnabled(), "the near cache's own TLS connection");
    } finally {
      manager.close();
    }
  }

  @Test
  void anUntrustedAuthorityFailsWithAClearError() throws Exception {
    CacheException failure = assertThrows(CacheException.class,
        () -> manager("rediss://localhost:" + port, truststore("other-ca"), null));
    assertTrue(failure.getMessage().contains("Cannot connect"), failure.getMessage());
    assertTrue(failure.getMessage().contains("localhost:" + port), failure.getMessage());
    assertTrue(failure.getMessage().contains("certification path"), failure.getMessage());
  }

  @Test
  void theHostNameMustMatchTheCertificateUnlessVerificationIsOff() throws Exception {
    Path trust = truststore("test-ca");
    assertThrows(CacheException.class, () -> manager("rediss://127.0.0.1:" + port, trust, null));
    CacheManager lenient = manager("rediss://127.0.0.1:" + port, trust, "false");
    try {
      Cache<String, String> cache = lenient.createCache("lenient", new javax.cache.configuration.MutableConfiguration<>());
      cache.put("k", "v");
      assertEquals("v", cache.get("k"));
    } finally {
      lenient.close();
    }
  }

  @Test
  void aMissingTrustStoreFailsNamingTheSetting() {
    CacheException failure = assertThrows(CacheException.class,
        () -> manager("rediss://localhost:" + port, folder.resolve("nope.p12"), null));
    assertTrue(failure.getMessage().contains(ProviderSettings.TLS_TRUSTSTORE), failure.getMessage());
    assertTrue(List.of(failure.getMessage()).get(0).contains("nope.p12"));
  }
}
