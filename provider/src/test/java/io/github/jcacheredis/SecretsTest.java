package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.ChildJvm;
import io.github.jcacheredis.launcher.PrivateRedis;
import io.github.jcacheredis.launcher.RedisServerProcess;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Passwords (of the default user and of ACL users) reach Redis and nothing else, and signing keys nothing at all: not a log line at any level,
 * not an exception message or cause, not a {@code toString()}, not a JMX attribute.
 *
 * <p>The scan runs in a child JVM with every logger at TRACE, so that the whole output of a JVM that used the
 * provider in every way that involves a password (right, wrong, unreachable, malformed, refused commands,
 * reconnection) can be searched, and so that JMX holds only what that JVM registered.
 */
class SecretsTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The default user's password ({@code requirepass}). */
  static final String PASSWORD = secret();
  /** The password of ACL user alice, who may do everything. */
  static final String ALICE_PASSWORD = secret();
  /** The password of ACL user bob, who may touch no key of the caches. */
  static final String BOB_PASSWORD = secret();
  /** A password Redis does not know, as a user's typo would be. */
  static final String WRONG_PASSWORD = secret();
  /** A signing key (a secret is 31 bytes: two make a key long enough). */
  static final String SIGNING_KEY = secret() + secret();
  /** A signing key too short to be accepted. */
  static final String SHORT_SIGNING_KEY = secret();

  @RegisterExtension
  static final PrivateRedis<RedisServerProcess> REDIS = PrivateRedis.server();

  /**
   * @return a password whose random core is searched for, with characters that need percent-encoding in a URL
   *     ('+' is literal in a URL's user info, and form decoding would turn it into a space)
   */
  private static String secret() {
    byte[] core = new byte[12];
    RANDOM.nextBytes(core);
    return "S" + HexFormat.of().formatHex(core) + "+/@:%x";
  }

  static String url(String user, String password, int port) {
    return "redis://" + (user == null ? "" : user) + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8)
        + "@127.0.0.1:" + port;
  }

  @BeforeAll
  static void lockRedisWithPasswords(RedisServerProcess server) {
    // The launcher's readiness probe speaks without a password, so passwords are set once the server is up.
    try (RespClient redis = new RespClient("127.0.0.1", server.port())) {
      redis.call("ACL", "SETUSER", "alice", "on", ">" + ALICE_PASSWORD, "~*", "&*", "+@all");
      redis.call("ACL", "SETUSER", "bob", "on", ">" + BOB_PASSWORD, "~elsewhere:*", "+@all");
      redis.call("CONFIG", "SET", "requirepass", PASSWORD);
    }
  }

  private static CacheManager manager(String name, String url) {
    Properties properties = new Properties();
    properties.setProperty(ProviderSettings.URL, url);
    properties.setProperty(ProviderSettings.KEY_PREFIX, "secrets");
    CachingProvider provider = TestRedis.provider();
    return provider.getCacheManager(URI.create("secrets://" + name), provider.getDefaultClassLoader(), properties);
  }

  // ---------------------------------------------------------------------------------- connecting with them

  @Test
  void aPasswordOrAnAclUserInTheUrlConnects(RedisServerProcess server) {
    for (String url : List.of(url(null, PASSWORD, server.port()), url("alice", ALICE_PASSWORD, server.port()))) {
      CacheManager manager = manager("connects-" + url.hashCode(), url);
      try {
        Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<String, String>());
        cache.put("k", "v");
        assertEquals("v", cache.get("k"));
        manager.destroyCache("c");
      } finally {
        manager.close();
      }
    }
  }

  @Test
  void aUrlInASystemPropertyConnects(RedisServerProcess server) {
    System.setProperty(ProviderSettings.URL, url("alice", ALICE_PASSWORD, server.port()));
    try {
      CachingProvider provider = TestRedis.provider();
      CacheManager manager = provider.getCacheManager(URI.create("secrets://system-property"),
          provider.getDefaultClassLoader(), new Properties());
      try {
        assertTrue(manager.toString().contains("redis://alice:***@127.0.0.1:" + server.port()), manager.toString());
        Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<String, String>());
        cache.put("k", "v");
        assertEquals("v", cache.get("k"));
        manager.destroyCache("c");
      } finally {
        manager.close();
      }
    } finally {
      System.clearProperty(ProviderSettings.URL);
    }
  }

  @Test
  void aWrongPasswordFailsCacheManagerCreationNamingOnlyTheMaskedAddress(RedisServerProcess server) {
    int port = server.port();
    for (String user : Arrays.asList(null, "alice")) {
      CacheException failure = assertThrows(CacheException.class,
          () -> manager("wrong-" + user, url(user, WRONG_PASSWORD, port)));
      String message = failure.getMessage();
      assertTrue(message.contains("redis://" + (user == null ? "" : user) + ":***@127.0.0.1:" + port), message);
      assertFalse(message.contains(WRONG_PASSWORD.substring(1, 25)), message);
      assertTrue(causes(failure).contains("WRONGPASS"), "Redis's answer is in the causes: " + causes(failure));
    }
  }

  @Test
  void aWrongPasswordIsReportedAsAnAuthenticationFailure(RedisServerProcess server) {
    for (String user : Arrays.asList(null, "alice")) {
      CacheException failure = assertThrows(CacheException.class,
          () -> manager("wrong-" + user, url(user, WRONG_PASSWORD, server.port())));
      assertTrue(failure.getMessage().toLowerCase(Locale.ROOT).contains("authentication failed"),
          failure.getMessage());
    }
  }

  private static String causes(Throwable failure) {
    StringBuilder chain = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      chain.append(cause).append('\n');
    }
    return chain.toString();
  }

  // ----------------------------------------------------------------------------------- never shown anywhere

  @Test
  void noSecretAppearsInAnyLogLineMessageToStringOrMBeanAttribute(RedisServerProcess server) throws Exception {
    Path output = Files.createTempFile("secrets-child", ".log");
    boolean passed = false;
    try {
      // Through the environment, not arguments: a JVM's command line is visible in its own system properties.
      ChildJvm child = ChildJvm.of(Exposure.class).jvmOptions("-Xmx256m")
          .systemProperty("org.slf4j.simpleLogger.defaultLogLevel", "trace")
          .environment("SECRETS_PORT", Integer.toString(server.port()))
          .environment("SECRETS_PASSWORD", PASSWORD)
          .environment("SECRETS_ALICE", ALICE_PASSWORD)
          .environment("SECRETS_BOB", BOB_PASSWORD)
          .environment("SECRETS_WRONG", WRONG_PASSWORD)
          .environment("SECRETS_SIGNING", SIGNING_KEY)
          .environment("SECRETS_SHORT_SIGNING", SHORT_SIGNING_KEY)
          .outputTo(output).mergeErrors().start();
      try (child) {
        assertTrue(child.waitFor(Duration.ofSeconds(120)), "the child JVM did not finish");
      }
      String everything = Files.readString(output, StandardCharsets.UTF_8);
      assertEquals(0, child.exitValue(), "child exit code; its output ends with:\n" + tail(everything));
      assertTrue(everything.contains(Exposure.DONE), "the child ran to the end");

      for (String secret : List.of(PASSWORD, ALICE_PASSWORD, BOB_PASSWORD, WRONG_PASSWORD, SIGNING_KEY,
          SIGNING_KEY.substring(31), SHORT_SIGNING_KEY)) {
        for (String form : forms(secret)) {
          int at = everything.indexOf(form);
          assertTrue(at < 0, "a secret (as '" + form + "') appears in " + output + ":\n"
              + everything.substring(Math.max(0, at - 400), Math.min(everything.length(), at + 200)));
        }
      }
      // What was scanned: the scenarios ran, and produced what a leak would have been found in.
      long reports = everything.lines().filter(line -> line.startsWith(Exposure.REPORT)).count();
      // Below INFO: which libraries log at TRACE itself depends on the transport (Netty's NIO selector does,
      // its epoll transport does not), so DEBUG lines count too as proof that the fine levels were on.
      long traces = everything.lines().filter(line -> line.contains(" TRACE ") || line.contains(" DEBUG ")).count();
      long mbeanAttributes = everything.lines().filter(line -> line.startsWith(Exposure.REPORT + "jmx ")).count();
      System.out.printf("secrets: scanned %d bytes of child output: %d report lines, %d JMX attributes,"
          + " %d TRACE or DEBUG lines%n", everything.length(), reports, mbeanAttributes, traces);
      assertTrue(traces > 0, "TRACE (and so DEBUG) logging was on");
      assertTrue(everything.contains(Exposure.REPORT + "jmx javax.cache:type=CacheStatistics"), "MBeans read");
      assertTrue(everything.contains(Exposure.REPORT + "jmx javax.cache:type=CacheConfiguration"), "MBeans read");
      for (String scenario : Exposure.FAILING_SCENARIOS) {
        assertTrue(everything.contains(Exposure.REPORT + scenario + " threw a CacheException: "),
            scenario + " failed with a CacheException (the child's output is in " + output + ")");
      }
      passed = true;
    } finally {
      if (passed) {
        Files.deleteIfExists(output); // kept for a look when the test fails
      }
    }
  }

  /** The ways a secret could be printed: as text, URL-encoded, or as the numbers or hex of its bytes. */
  private static List<String> forms(String secret) {
    String core = secret.substring(1, 25);
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    String decimal = Arrays.toString(Arrays.copyOf(bytes, 8));
    String hex = HexFormat.of().formatHex(core.getBytes(StandardCharsets.US_ASCII));
    String spacedHex = HexFormat.ofDelimiter(" ").formatHex(core.getBytes(StandardCharsets.US_ASCII), 0, 8);
    return List.of(core, core.toUpperCase(Locale.ROOT), URLEncoder.encode(secret, StandardCharsets.UTF_8),
        decimal.substring(1, decimal.length() - 1), hex, spacedHex);
  }

  private static String tail(String text) {
    return text.substring(Math.max(0, text.length() - 4000));
  }

  /**
   * The child JVM: uses the provider with every kind of credential and failure, printing each exception with
   * its causes and stack trace, each {@code toString()} and each attribute of each MBean the JVM holds outside
   * the JDK's own domains. Its whole output, logs included, is what the parent searches.
   */
  public static final class Exposure {
    static final String REPORT = "REPORT ";
    static final String DONE = "EXPOSURE DONE";
    static final List<String> FAILING_SCENARIOS = List.of("wrong password", "wrong ACL password",
        "unreachable port", "malformed: not a port", "malformed: port out of range", "malformed: scheme",
        "malformed: not a URI", "malformed: database", "malformed: no host", "refused command",
        "short signing key", "unsigned record");
    private static final Set<String> JDK_DOMAINS = Set.of("JMImplementation", "java.lang", "java.nio",
        "java.util.logging", "jdk.management.jfr", "com.sun.management");

    private static final PrintStream OUT = System.out;
    private static final CachingProvider PROVIDER = TestRedis.provider();

    public static void main(String[] args) throws Exception {
      int port = Integer.parseInt(System.getenv("SECRETS_PORT"));
      String password = System.getenv("SECRETS_PASSWORD");
      String alice = System.getenv("SECRETS_ALICE");
      String bob = System.getenv("SECRETS_BOB");
      String wrong = System.getenv("SECRETS_WRONG");
      String signingKey = System.getenv("SECRETS_SIGNING");
      String shortSigningKey = System.getenv("SECRETS_SHORT_SIGNING");
      List<CacheManager> open = new ArrayList<>();

      // Normal operation: the default user, an ACL user, and a URL from a system property.
      open.add(use("password", manager("password", url(null, password, port))));
      open.add(use("acl", manager("acl", url("alice", alice, port))));
      System.setProperty(ProviderSettings.URL, url("alice", alice, port));
      open.add(use("system property", PROVIDER.getCacheManager(URI.create("exposure://system-property"),
          PROVIDER.getDefaultClassLoader(), new Properties())));
      System.clearProperty(ProviderSettings.URL);

      // Connections dropped under the provider: it reconnects, authenticating again.
      try (RespClient redis = new RespClient("127.0.0.1", port)) {
        redis.call("AUTH", password);
        report("client kill", redis.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"));
      }
      Cache<String, String> afterKill = open.get(0).getCache("c", String.class, String.class);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        try {
          afterKill.put("after-kill", "v");
          report("reconnected", afterKill.get("after-kill"));
          break;
        } catch (CacheException e) {
          report("while reconnecting", e);
          if (System.nanoTime() > deadline) {
            throw e;
          }
        }
      }

      // Failures whose messages and causes could carry the password.
      attempt("wrong password", () -> manager("wrong", url(null, wrong, port)));
      attempt("wrong ACL password", () -> manager("wrong-acl", url("alice", wrong, port)));
      attempt("unreachable port", () -> manager("unreachable", url(null, password, deadPort())));
      String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
      attempt("malformed: not a port", () -> manager("m1", "redis://:" + encoded + "@127.0.0.1:port"));
      attempt("malformed: port out of range", () -> manager("m2", "redis://:" + encoded + "@127.0.0.1:99999"));
      attempt("malformed: scheme", () -> manager("m3", "http://:" + encoded + "@127.0.0.1:" + port));
      attempt("malformed: not a URI", () -> manager("m4", "redis://:" + password + " @127.0.0.1:" + port));
      attempt("malformed: database", () -> manager("m5", "redis://:" + encoded + "@127.0.0.1:" + port + "/db"));
      attempt("malformed: no host", () -> manager("m6", "redis://:" + encoded + "@:" + port));

      // Signing keys: in use, refusing planted bytes (logged), refusing a record, and refused themselves.
      CacheManager signed = manager("signed", url(null, password, port), "signed", signingKey);
      open.add(use("signed", signed));
      try (RespClient redis = new RespClient("127.0.0.1", port)) {
        redis.call("AUTH", password);
        redis.call("SET", "signed:c:planted", "unsigned bytes");
        redis.call("SET", "signed:unsigned", "v1|keyType=java.lang.String|valueType=java.lang.String|expiry=eternal");
      }
      report("signed get of planted bytes", signed.getCache("c", String.class, String.class).get("planted"));
      attempt("unsigned record", () -> signed.getCache("unsigned"));
      attempt("short signing key", () -> manager("short", url(null, password, port), "short",
          signingKey + "," + shortSigningKey));

      CacheManager refused = manager("bob", url("bob", bob, port));
      open.add(refused);
      attempt("refused command", () -> {
        refused.createCache("c", new MutableConfiguration<String, String>()).put("k", "v");
        return null;
      });

      // What the JVM shows about itself while all of that is open.
      for (CacheManager manager : open) {
        report("toString manager", manager);
        RedisCacheManager redis = manager.unwrap(RedisCacheManager.class);
        report("toString settings", redis.settings());
        report("toString address", redis.providerSettings().address());
        report("address source", redis.settings().addressSource());
        report("connection key", redis.providerSettings().connectionKey());
        for (String name : manager.getCacheNames()) {
          report("toString cache", manager.getCache(name));
        }
      }
      dumpMBeans();

      for (CacheManager manager : open) {
        manager.close();
      }
      OUT.println(DONE);
      OUT.flush();
      System.exit(0);
    }

    private static CacheManager manager(String name, String url) {
      return manager(name, url, "exposure", null);
    }

    private static CacheManager manager(String name, String url, String prefix, String signingKeys) {
      Properties properties = new Properties();
      properties.setProperty(ProviderSettings.URL, url);
      properties.setProperty(ProviderSettings.KEY_PREFIX, prefix);
      if (signingKeys != null) {
        properties.setProperty(ProviderSettings.SIGNING_KEYS, signingKeys);
      }
      return PROVIDER.getCacheManager(URI.create("exposure://" + name), PROVIDER.getDefaultClassLoader(),
          properties);
    }

    private static CacheManager use(String label, CacheManager manager) {
      Cache<String, String> cache = manager.createCache("c", new MutableConfiguration<String, String>()
          .setTypes(String.class, String.class).setStatisticsEnabled(true).setManagementEnabled(true));
      cache.put("k", label);
      report(label + " get", cache.get("k"));
      report(label + " invoke", cache.invoke("k", (entry, arguments) -> entry.getValue()));
      cache.forEach(entry -> report(label + " entry", entry.getKey() + "=" + entry.getValue()));
      return manager;
    }

    private static int deadPort() throws Exception {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort(); // free once closed: nothing listens there
      }
    }

    private interface Attempt {
      Object run() throws Exception;
    }

    private static void attempt(String label, Attempt attempt) {
      try {
        report(label + " did not throw", attempt.run());
      } catch (Throwable e) {
        report(label, e);
      }
    }

    private static void report(String label, Object value) {
      if (value instanceof Throwable) {
        Throwable failure = (Throwable) value;
        OUT.println(REPORT + label + " threw " + (failure instanceof CacheException ? "a CacheException: "
            : "something else: ") + failure);
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
          OUT.println(REPORT + label + " caused by " + cause);
        }
        failure.printStackTrace(OUT);
      } else {
        OUT.println(REPORT + label + ": " + value);
      }
    }

    private static void dumpMBeans() throws Exception {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      for (ObjectName name : server.queryNames(null, null)) {
        if (JDK_DOMAINS.contains(name.getDomain())) {
          continue;
        }
        for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
          Object value;
          try {
            value = server.getAttribute(name, attribute.getName());
          } catch (Exception e) {
            value = e;
          }
          String text = value instanceof Object[] ? Arrays.deepToString((Object[]) value) : String.valueOf(value);
          OUT.println(REPORT + "jmx " + name + " " + attribute.getName() + " = " + text);
        }
      }
    }
  }
}
