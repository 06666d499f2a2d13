package io.github.jcacheredis.launcher;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension giving a test class its own Redis: a {@link RedisServerProcess}, a {@link RedisCluster} or a
 * {@link RedisSentinels} group, started before the class's {@code @BeforeAll} methods and stopped after its
 * {@code @AfterAll} methods, even when a test or a lifecycle method fails.
 *
 * <p>Registered on a static field, the Redis lives as long as the test class (and its {@code @Nested} classes);
 * registered on an instance field, each test method gets a fresh one. Either way it is held in JUnit's
 * {@link ExtensionContext.Store}, which closes it when its context ends, and it is resolved as a parameter of the
 * type it has, in constructors, test methods and lifecycle methods:
 *
 * <pre>{@code
 * class MaxMemoryTest {
 *   @RegisterExtension
 *   static final PrivateRedis<RedisServerProcess> REDIS = PrivateRedis.server("--maxmemory", "32mb");
 *
 *   @Test
 *   void evicts(RedisServerProcess server) {
 *     ... server.url() ... // or REDIS.get().url()
 *   }
 * }
 * }</pre>
 *
 * <p>{@code @ExtendWith(PrivateRedis.class)} gives a class a server with the default arguments. A class with two
 * extensions of the same kind reads them through {@link #get()}: a parameter of that type would be ambiguous.
 *
 * @param <T> what is started: {@link RedisServerProcess}, {@link RedisCluster} or {@link RedisSentinels}
 */
public final class PrivateRedis<T extends AutoCloseable>
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(PrivateRedis.class);

  private final Class<T> type;
  private final String description;
  private final Starter<T> starter;
  private volatile Started<T> started;

  /**
   * A server with the default arguments, for {@code @ExtendWith(PrivateRedis.class)}; prefer {@link #server}
   * elsewhere.
   */
  @SuppressWarnings("unchecked")
  public PrivateRedis() {
    this((Class<T>) RedisServerProcess.class, "redis-server", () -> (T) RedisServerProcess.start());
  }

  private PrivateRedis(Class<T> type, String description, Starter<T> starter) {
    this.type = requireNonNull(type, "type");
    this.description = requireNonNull(description, "description");
    this.starter = requireNonNull(starter, "starter");
  }

  /**
   * A {@code redis-server} on a free loopback port, as {@link RedisServerProcess#start(String...)} starts it.
   *
   * @param extraArgs further {@code redis-server} arguments, e.g. {@code "--maxmemory", "10mb"}
   * @return the extension, to register with {@code @RegisterExtension}
   */
  public static PrivateRedis<RedisServerProcess> server(String... extraArgs) {
    List<String> args = List.of(extraArgs);
    return new PrivateRedis<>(RedisServerProcess.class, "redis-server " + String.join(" ", args),
        () -> RedisServerProcess.start(args.toArray(String[]::new)));
  }

  /**
   * A Redis Cluster, as {@link RedisCluster#start(int, int)} forms it.
   *
   * @param masters the number of masters sharing the slots
   * @param replicasPerMaster the number of replicas of each master
   * @return the extension, to register with {@code @RegisterExtension}
   */
  public static PrivateRedis<RedisCluster> cluster(int masters, int replicasPerMaster) {
    return new PrivateRedis<>(RedisCluster.class,
        "Redis Cluster of " + masters + " masters with " + replicasPerMaster + " replicas each",
        () -> RedisCluster.start(masters, replicasPerMaster));
  }

  /**
   * A master, its replica and three sentinels watching it, as {@link RedisSentinels#start()} starts them.
   *
   * @return the extension, to register with {@code @RegisterExtension}
   */
  public static PrivateRedis<RedisSentinels> sentinels() {
    return new PrivateRedis<>(RedisSentinels.class, "Redis Sentinel group", RedisSentinels::start);
  }

  /**
   * Returns the running Redis.
   *
   * @return the server, cluster or sentinel group
   * @throws IllegalStateException if it has not been started yet (a static field's Redis starts before the
   *     {@code @BeforeAll} methods, an instance field's before the {@code @BeforeEach} methods) or was stopped
   */
  public T get() {
    Started<T> current = started;
    if (current == null || current.closed) {
      throw new IllegalStateException("the private " + description + " is not running: it starts before @BeforeAll"
          + " when registered on a static field, before @BeforeEach on an instance field, and stops after them");
    }
    return current.resource;
  }

  /** Starts the Redis of a static field (or of {@code @ExtendWith} on the class) for the whole class. */
  @Override
  public void beforeAll(ExtensionContext context) {
    startIn(context);
  }

  /**
   * Starts the Redis of an instance field for one test; a class-wide one is found in the parent context's store and
   * kept.
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    startIn(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == type;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    // A constructor parameter is resolved before beforeEach runs, so the Redis may have to start here.
    return startIn(extensionContext).resource;
  }

  @Override
  public String toString() {
    return "PrivateRedis[" + description + "]";
  }

  /**
   * Returns the Redis stored in this context or an enclosing one, starting it in this context if there is none. The
   * key is this extension, so that two extensions in one class hold two servers.
   */
  private Started<T> startIn(ExtensionContext context) {
    Started<?> stored = context.getStore(NAMESPACE).getOrComputeIfAbsent(this, key -> start(), Started.class);
    @SuppressWarnings("unchecked")
    Started<T> typed = (Started<T>) stored;
    started = typed;
    return typed;
  }

  private Started<T> start() {
    try {
      return new Started<>(starter.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the private " + description + " of the test", e);
    }
  }

  /** Starts a server, cluster or sentinel group. */
  @FunctionalInterface
  private interface Starter<T> {
    T start() throws IOException;
  }

  /**
   * What the store holds: JUnit closes it when the context that stored it ends. It is both JUnit's
   * {@link ExtensionContext.Store.CloseableResource} (what JUnit 5 closes) and an {@link AutoCloseable} (what JUnit 6
   * prefers), so {@link #close()} is idempotent.
   */
  private static final class Started<T extends AutoCloseable>
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    final T resource;
    volatile boolean closed;

    Started(T resource) {
      this.resource = resource;
    }

    @Override
    public synchronized void close() throws Exception {
      if (!closed) {
        closed = true;
        resource.close();
      }
    }
  }
}
