package io.github.jcacheredis.demo;

import io.github.jcacheredis.launcher.RedisLauncher;
import io.github.jcacheredis.launcher.RedisSource;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;
import javax.cache.spi.CachingProvider;

/**
 * The jcache-redis demo: a read-through product catalogue, idle-expiring sessions, prices written at most once and
 * a counter incremented from several threads, all through the plain JSR-107 API; then each cache's statistics,
 * read from JMX.
 *
 * <p>Redis comes from {@link RedisLauncher}: the server named by {@code REDIS_URL}, else a {@code redis-server}
 * started for this run. The demo destroys its caches before exiting, so Redis keeps none of its entries.
 */
public final class Main {

  /** The CacheManager property naming the Redis to use (jcache-redis also reads it as a system property). */
  private static final String URL_PROPERTY = "jcacheredis.url";

  private static final String PRODUCTS = "products";
  private static final String SESSIONS = "sessions";
  private static final String PRICES = "prices";
  private static final String COUNTERS = "counters";
  private static final List<String> CACHE_NAMES = List.of(PRODUCTS, SESSIONS, PRICES, COUNTERS);

  private static final int CATALOGUE_SIZE = 100;
  private static final int LOOKUPS = 400;
  private static final long SERVICE_LATENCY_MILLIS = 30;
  private static final long SESSION_IDLE_SECONDS = 2;
  private static final int COUNTING_THREADS = 4;
  private static final int INCREMENTS_PER_THREAD = 50;

  /** Adds one to a counter, creating it at 1; runs atomically against concurrent invocations on the same key. */
  private static final EntryProcessor<String, Long, Long> INCREMENT = (entry, arguments) -> {
    long next = entry.exists() ? entry.getValue() + 1 : 1;
    entry.setValue(next);
    return next;
  };

  /** The YAML file declaring the caches (and the defaults for the one created in code). */
  private static final URI CONFIGURATION = URI.create("classpath:demo-caches.yaml");

  private Main() {
  }

  /**
   * Runs the demo.
   *
   * @param args ignored
   * @throws Exception if Redis cannot be reached or started, or a cache operation fails
   */
  public static void main(String[] args) throws Exception {
    try (RedisLauncher redis = RedisLauncher.start()) {
      describe(redis);
      CachingProvider provider = Caching.getCachingProvider();
      Properties properties = new Properties();
      properties.setProperty(URL_PROPERTY, redis.url());
      try (CacheManager manager =
          provider.getCacheManager(CONFIGURATION, provider.getDefaultClassLoader(), properties)) {
        System.out.printf("CachingProvider %s, CacheManager %s%n%n", provider.getClass().getName(), manager.getURI());
        try {
          run(manager);
        } finally {
          CACHE_NAMES.forEach(manager::destroyCache);
          System.out.printf("%nDestroyed the caches %s: Redis keeps none of their entries.%n", CACHE_NAMES);
        }
      }
    }
  }

  private static void describe(RedisLauncher redis) {
    if (redis.source() == RedisSource.ENVIRONMENT) {
      URI uri = URI.create(redis.url());
      // Host and port only: a REDIS_URL may carry a password.
      System.out.printf("Using the Redis named by REDIS_URL at %s:%d; starting none.%n", uri.getHost(), redis.port());
    } else {
      System.out.printf("REDIS_URL is not set, so the demo started its own Redis: %s, on port %d.%n",
          redis.source().description(), redis.port());
    }
  }

  private static void run(CacheManager manager) throws Exception {
    ProductLoader loader = new ProductLoader(SERVICE_LATENCY_MILLIS);
    // The loader is code, so "products" is created here; demo-caches.yaml's defaults give it its expiry
    // (30 s after creation) and turn statistics and management on. The other caches the file declares.
    Cache<Long, Product> products = manager.createCache(PRODUCTS, new MutableConfiguration<Long, Product>()
        .setTypes(Long.class, Product.class)
        .setReadThrough(true)
        .setCacheLoaderFactory(FactoryBuilder.factoryOf(loader)));
    Cache<String, String> sessions = manager.getCache(SESSIONS, String.class, String.class);
    Cache<Long, Long> prices = manager.getCache(PRICES, Long.class, Long.class);
    Cache<String, Long> counters = manager.getCache(COUNTERS, String.class, Long.class);
    // A run killed half way leaves its entries in Redis; start from empty caches so the numbers below hold.
    // clear() is neither counted in the statistics nor seen by listeners (JSR-107 §4.3).
    List.of(products, sessions, prices, counters).forEach(Cache::clear);

    serveLookups(products, loader);
    expireSessions(sessions);
    writePricesOnce(prices);
    countConcurrently(counters);

    System.out.printf("%nStatistics, from the javax.cache:type=CacheStatistics MXBeans:%n");
    new StatisticsTable(ManagementFactory.getPlatformMBeanServer(), manager.getURI()).print(CACHE_NAMES, System.out);
    System.out.printf("ProductLoader calls to the slow catalogue service: %d%n", loader.loadCount());
  }

  /** Read-through: a skewed stream of lookups, where only the first lookup of each product reaches the service. */
  private static void serveLookups(Cache<Long, Product> products, ProductLoader loader) {
    System.out.printf("products (read-through, expires 30 s after creation):%n");
    Random random = new Random(42);
    long start = System.nanoTime();
    for (int i = 0; i < LOOKUPS; i++) {
      // Cubing a uniform number favours low ids, as real traffic favours a few popular products.
      long id = 1 + (long) (CATALOGUE_SIZE * Math.pow(random.nextDouble(), 3));
      products.get(id);
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    int loads = loader.loadCount();
    System.out.printf("  %d lookups over %d products took %d ms; %d reached the service (%d ms each), "
        + "so without the cache they would have taken %d ms.%n",
        LOOKUPS, CATALOGUE_SIZE, elapsedMillis, loads, loader.latencyMillis(), LOOKUPS * loader.latencyMillis());
    System.out.printf("  get(1) -> %s%n", products.get(1L));
  }

  /** Accessed expiry: every read restarts an entry's idle timeout, so only the entry left alone expires. */
  private static void expireSessions(Cache<String, String> sessions) throws InterruptedException {
    System.out.printf("%nsessions (expire %d s after the last access):%n", SESSION_IDLE_SECONDS);
    long start = System.nanoTime();
    sessions.put("s-alice", "alice");
    sessions.put("s-bob", "bob");
    System.out.printf("  t=%.1f s  put s-alice, s-bob%n", secondsSince(start));
    Thread.sleep(1_000);
    System.out.printf("  t=%.1f s  get s-alice -> %s (restarts its %d s)%n",
        secondsSince(start), sessions.get("s-alice"), SESSION_IDLE_SECONDS);
    Thread.sleep(1_500);
    System.out.printf("  t=%.1f s  get s-bob   -> %s (idle too long: expired)%n",
        secondsSince(start), sessions.get("s-bob"));
    System.out.printf("  t=%.1f s  get s-alice -> %s (still alive)%n", secondsSince(start), sessions.get("s-alice"));
  }

  /** putIfAbsent: the first writer wins, later ones leave the value alone. */
  private static void writePricesOnce(Cache<Long, Long> prices) {
    System.out.printf("%nprices (expire 10 min after the last read or write):%n");
    boolean first = prices.putIfAbsent(1L, 1_999L);
    boolean second = prices.putIfAbsent(1L, 2_499L);
    System.out.printf("  putIfAbsent(1, 1999) -> %b, putIfAbsent(1, 2499) -> %b, get(1) -> %d%n",
        first, second, prices.get(1L));
  }

  /** invoke: an EntryProcessor increments a counter atomically, so concurrent increments are never lost. */
  private static void countConcurrently(Cache<String, Long> counters) throws Exception {
    System.out.printf("%ncounters (never expire):%n");
    ExecutorService threads = Executors.newFixedThreadPool(COUNTING_THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < COUNTING_THREADS; t++) {
        done.add(threads.submit(() -> {
          for (int i = 0; i < INCREMENTS_PER_THREAD; i++) {
            counters.invoke("page-views", INCREMENT);
          }
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      threads.shutdown();
    }
    System.out.printf("  %d threads x %d invoke(increment) -> page-views = %d%n",
        COUNTING_THREADS, INCREMENTS_PER_THREAD, counters.get("page-views"));
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
