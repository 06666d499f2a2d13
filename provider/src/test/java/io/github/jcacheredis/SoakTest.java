package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.ChildJvm;
import io.github.jcacheredis.testing.TestRedis;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

/**
 * A soak: two JVMs of eight threads each mix every cache operation on 10,000 keys of one cache for a minute
 * (longer with {@code -Dsoak.seconds=600}), and nothing may go wrong.
 *
 * <ul>
 *   <li>Each thread owns a range of keys and keeps an exact model of it: every answer must be what the model
 *       says (every acknowledged write readable until overwritten or removed, nothing else), and at the end the
 *       cache holds exactly the union of all models (checked by the parent through iteration).</li>
 *   <li>Reads of other threads' keys must be absent or a value the key's owner could have written.</li>
 *   <li>Four counters shared by all threads of both JVMs are incremented only by invoke: their totals must be
 *       exact, and each thread sees each counter only grow.</li>
 *   <li>A second cache of 100 entries is iterated while half of them come and go: every entry returned is
 *       right, and the 50 that stay are always all returned.</li>
 *   <li>A third cache has a 1 s CreatedExpiryPolicy: a read returns the last value written or nothing, never
 *       another value, and never nothing while the entry is certainly younger than its TTL.</li>
 *   <li>No call ever throws.</li>
 * </ul>
 * The children report counts and violations on stdout and exit non-zero on any violation.
 *
 * <p>The duration switch is not named {@code jcacheredis.soak.seconds}: the provider refuses every unknown
 * system property under {@code jcacheredis.}, so that name would fail every CacheManager in the test JVM.
 */
class SoakTest {

  /** System property: how long the workers run, in seconds. */
  static final String SECONDS_PROPERTY = "soak.seconds";
  static final int DEFAULT_SECONDS = 60;

  static final int JVMS = 2;
  static final int THREADS = 8;
  static final int KEYS = 10_000;
  static final int KEYS_PER_THREAD = KEYS / (JVMS * THREADS);
  static final int COUNTERS = 4;
  static final int SMALL_KEYS = 100;
  static final int STABLE_SMALL_KEYS = 50;
  static final int EXPIRING_KEYS_PER_THREAD = 20;
  static final long TTL_MILLIS = 1_000;
  /**
   * The workers' command timeout, with retries off. The soak checks correctness under load, not the latency
   * bound (that is RedisOutageTest's), and a call failed by a client-side timeout would leave the model unsure
   * whether its write happened. With the defaults, two JVMs of eight busy threads on two cores shared with
   * other builds saw about one call in 100,000 fail within half a second with Redisson's "Command still hasn't
   * been written into connection!": with retries on, Redisson gives a command only its retry delay (100 ms)
   * per attempt to reach the socket, whatever the timeout; with retries off, the timeout applies.
   */
  static final String TIMEOUT_MILLIS = "10000";
  static final String RETRY_ATTEMPTS = "0";
  /** Slack for the "certainly younger than its TTL" check: Redis and the JVM read different clocks. */
  static final long TTL_MARGIN_MILLIS = 150;

  static final String MAIN = "soak";
  static final String SMALL = "soak-small";
  static final String EXPIRING = "soak-expiring";

  static MutableConfiguration<Integer, Long> plain() {
    return new MutableConfiguration<Integer, Long>().setTypes(Integer.class, Long.class);
  }

  static MutableConfiguration<Integer, Long> expiring() {
    return plain().setExpiryPolicyFactory(
        CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, TTL_MILLIS)));
  }

  /** The only value key {@code k} of the small cache ever holds. */
  static long smallValue(int key) {
    return key * 1_000_003L + 7;
  }

  /** An order-independent fingerprint of one entry, summed over a whole cache. */
  static long digest(int key, long value) {
    long h = (key * 0x9E3779B97F4A7C15L) ^ value;
    h ^= h >>> 31;
    return h * 0xBF58476D1CE4E5B9L;
  }

  @Test
  void twoJvmsMixingEveryOperationSeeNoExceptionAndNoWrongValue() throws Exception {
    int seconds = Integer.getInteger(SECONDS_PROPERTY, DEFAULT_SECONDS);
    String prefix = TestRedis.uniquePrefix("soak");
    CacheManager manager = TestRedis.newManager(prefix);
    Cache<Integer, Long> main = manager.createCache(MAIN, plain());
    Cache<Integer, Long> small = manager.createCache(SMALL, plain());
    manager.createCache(EXPIRING, expiring());
    for (int key = 0; key < STABLE_SMALL_KEYS; key++) {
      small.put(key, smallValue(key));
    }
    List<ChildJvm> children = new ArrayList<>();
    List<Path> outputs = new ArrayList<>();
    try {
      for (int jvm = 0; jvm < JVMS; jvm++) {
        Path output = Files.createTempFile("soak-" + jvm + "-", ".out");
        outputs.add(output);
        children.add(ChildJvm.of(Worker.class).jvmOptions("-Xmx256m")
            .arguments(TestRedis.url(), prefix, jvm, seconds).outputTo(output).start());
      }
      long[] counted = new long[COUNTERS];
      long digest = 0;
      long entries = 0;
      long operations = 0;
      long longestMillis = 0;
      for (int jvm = 0; jvm < JVMS; jvm++) {
        ChildJvm child = children.get(jvm);
        assertTrue(child.waitFor(seconds + 120L, TimeUnit.SECONDS), "worker " + jvm + " did not finish");
        String report = Files.readString(outputs.get(jvm), StandardCharsets.UTF_8);
        System.out.print(report);
        assertEquals(0, child.exitValue(), "worker " + jvm + " exit code; its report:\n" + report);
        Map<String, String> result = Worker.parseResult(report);
        assertEquals("0", result.get("violations"), report);
        String[] counters = result.get("counters").split(",");
        for (int c = 0; c < COUNTERS; c++) {
          counted[c] += Long.parseLong(counters[c]);
        }
        digest += Long.parseLong(result.get("digest"));
        entries += Long.parseLong(result.get("entries"));
        operations += Long.parseLong(result.get("operations"));
        longestMillis = Math.max(longestMillis, Long.parseLong(result.get("longestMillis")));
      }

      for (int c = 0; c < COUNTERS; c++) {
        assertEquals(counted[c], main.get(KEYS + c), "counter " + c + ": increments acknowledged by invoke");
      }
      Map<Integer, Long> stored = new HashMap<>();
      for (Cache.Entry<Integer, Long> entry : main) {
        if (entry.getKey() < KEYS) {
          stored.put(entry.getKey(), entry.getValue());
        }
      }
      long storedDigest = 0;
      for (Map.Entry<Integer, Long> entry : stored.entrySet()) {
        storedDigest += digest(entry.getKey(), entry.getValue());
      }
      System.out.printf("soak: %d s, %d operations by %d JVMs x %d threads (longest %d ms), %d entries at the"
          + " end, counters %s%n", seconds, operations, JVMS, THREADS, longestMillis, entries,
          Arrays.toString(counted));
      assertEquals(entries, stored.size(), "the cache holds exactly the entries of the threads' models");
      assertEquals(digest, storedDigest, "the cache holds exactly the values of the threads' models");
      for (int key = 0; key < STABLE_SMALL_KEYS; key++) {
        assertEquals(smallValue(key), small.get(key));
      }
    } finally {
      children.forEach(ChildJvm::close);
      for (Path output : outputs) {
        Files.deleteIfExists(output);
      }
      manager.destroyCache(MAIN);
      manager.destroyCache(SMALL);
      manager.destroyCache(EXPIRING);
      manager.close();
    }
  }

  /** Sets the entry to the argument, or removes it when the argument is null; returns the previous value. */
  static final class SetOrRemove implements EntryProcessor<Integer, Long, Long> {
    @Override
    public Long process(MutableEntry<Integer, Long> entry, Object... arguments) {
      Long previous = entry.exists() ? entry.getValue() : null;
      if (arguments[0] == null) {
        entry.remove();
      } else {
        entry.setValue((Long) arguments[0]);
      }
      return previous;
    }
  }

  /** Adds one; returns the new count. */
  static final class Increment implements EntryProcessor<Integer, Long, Long> {
    @Override
    public Long process(MutableEntry<Integer, Long> entry, Object... arguments) {
      long next = entry.exists() ? entry.getValue() + 1 : 1;
      entry.setValue(next);
      return next;
    }
  }

  /** The child JVM: eight threads mixing operations until the time is up, then a report on stdout. */
  public static final class Worker {
    private static final String RESULT = "RESULT";
    private static final int MAX_REPORTED_VIOLATIONS = 30;

    private final Cache<Integer, Long> main;
    private final Cache<Integer, Long> small;
    private final Cache<Integer, Long> expiring;
    private final long deadline;
    private final AtomicLong violations = new AtomicLong();
    private final ConcurrentLinkedQueue<String> reported = new ConcurrentLinkedQueue<>();

    Worker(CacheManager manager, long deadline) {
      this.main = manager.createCache(MAIN, plain());
      this.small = manager.createCache(SMALL, plain());
      this.expiring = manager.createCache(EXPIRING, expiring());
      this.deadline = deadline;
    }

    public static void main(String[] args) throws Exception {
      Properties properties = new Properties();
      properties.setProperty(ProviderSettings.URL, args[0]);
      properties.setProperty(ProviderSettings.KEY_PREFIX, args[1]);
      properties.setProperty(ProviderSettings.TIMEOUT_MILLIS, TIMEOUT_MILLIS);
      properties.setProperty(ProviderSettings.RETRY_ATTEMPTS, RETRY_ATTEMPTS);
      // Two JVMs starting at once on a loaded 2-core machine: the 1 s default connect timeout has been seen to
      // expire before Redisson's first connection was up.
      properties.setProperty(ProviderSettings.CONNECT_TIMEOUT_MILLIS, "10000");
      int jvm = Integer.parseInt(args[2]);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Integer.parseInt(args[3]));
      CachingProvider provider = TestRedis.provider();
      CacheManager manager = provider.getCacheManager(URI.create("soak://" + args[1] + "/" + jvm),
          provider.getDefaultClassLoader(), properties);
      Worker worker = new Worker(manager, deadline);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<Runner>> runners = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int owner = jvm * THREADS + t;
        runners.add(pool.submit(() -> worker.new Runner(owner).run()));
      }
      long[] counters = new long[COUNTERS];
      long digest = 0;
      long entries = 0;
      long operations = 0;
      long longestNanos = 0;
      long slowerThanASecond = 0;
      Map<String, Long> byOperation = new TreeMap<>();
      for (Future<Runner> future : runners) {
        Runner thread = future.get();
        for (int c = 0; c < COUNTERS; c++) {
          counters[c] += thread.increments[c];
        }
        digest += thread.digest;
        entries += thread.model.size();
        operations += thread.operations;
        longestNanos = Math.max(longestNanos, thread.longestNanos);
        slowerThanASecond += thread.slowerThanASecond;
        thread.byOperation.forEach((name, count) -> byOperation.merge(name, count, Long::sum));
      }
      pool.shutdown();
      manager.close();
      for (String violation : worker.reported) {
        System.out.println("VIOLATION " + violation);
      }
      System.out.println("OPERATIONS jvm " + jvm + " " + byOperation);
      System.out.println(RESULT + " violations=" + worker.violations.get() + " operations=" + operations
          + " longestMillis=" + TimeUnit.NANOSECONDS.toMillis(longestNanos) + " slowerThan1s=" + slowerThanASecond
          + " entries=" + entries + " digest=" + digest + " counters=" + counters[0] + "," + counters[1] + ","
          + counters[2] + "," + counters[3]);
      System.out.flush();
      System.exit(worker.violations.get() == 0 ? 0 : 1);
    }

    static Map<String, String> parseResult(String report) {
      for (String line : report.split("\n")) {
        if (line.startsWith(RESULT + " ")) {
          Map<String, String> fields = new HashMap<>();
          for (String field : line.substring(RESULT.length() + 1).trim().split(" ")) {
            fields.put(field.substring(0, field.indexOf('=')), field.substring(field.indexOf('=') + 1));
          }
          return fields;
        }
      }
      throw new AssertionError("no " + RESULT + " line in:\n" + report);
    }

    void violation(String what) {
      if (violations.incrementAndGet() <= MAX_REPORTED_VIOLATIONS) {
        reported.add(what);
      }
    }

    /** What one worker thread does, with the model of the keys it owns. */
    final class Runner {
      final int owner;
      final int firstKey;
      final int firstExpiringKey;
      final Random random;
      final Map<Integer, Long> model = new HashMap<>();
      final Map<Integer, Long> expiringModel = new HashMap<>();
      /** Per expiring key, a time (nanoTime) no later than the creation of the entry now in Redis. */
      final Map<Integer, Long> createdNoLaterThan = new HashMap<>();
      final long[] increments = new long[COUNTERS];
      final long[] lastCount = new long[COUNTERS];
      final Map<String, Long> byOperation = new HashMap<>();
      long sequence;
      long operations;
      long longestNanos;
      long slowerThanASecond;
      long digest;

      Runner(int owner) {
        this.owner = owner;
        this.firstKey = owner * KEYS_PER_THREAD;
        this.firstExpiringKey = owner * EXPIRING_KEYS_PER_THREAD;
        this.random = new Random(owner * 7919L + System.nanoTime());
      }

      Runner run() {
        while (System.nanoTime() - deadline < 0) {
          int operation = random.nextInt(22);
          long start = System.nanoTime();
          try {
            step(operation);
          } catch (Throwable e) {
            violation("thread " + owner + " operation " + operation + " threw " + e);
          }
          long took = System.nanoTime() - start;
          longestNanos = Math.max(longestNanos, took);
          slowerThanASecond += took > TimeUnit.SECONDS.toNanos(1) ? 1 : 0;
          operations++;
        }
        verifyAll("at the end");
        for (Map.Entry<Integer, Long> entry : model.entrySet()) {
          digest += digest(entry.getKey(), entry.getValue());
        }
        return this;
      }

      private int ownKey() {
        return firstKey + random.nextInt(KEYS_PER_THREAD);
      }

      private Set<Integer> ownKeys(int most) {
        Set<Integer> keys = new LinkedHashSet<>();
        int count = 1 + random.nextInt(most);
        while (keys.size() < count) {
          keys.add(ownKey());
        }
        return keys;
      }

      private long freshValue() {
        return ((long) owner << 40) | ++sequence;
      }

      /** The current value, or (half the time, or when absent) a value never written, for compare-and-set. */
      private Long guess(int key) {
        Long current = model.get(key);
        return current != null && random.nextBoolean() ? current : -freshValue();
      }

      private void expect(String operation, int key, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
          violation("thread " + owner + " " + operation + "(" + key + "): expected " + expected + ", got " + actual);
        }
      }

      private void count(String operation) {
        byOperation.merge(operation, 1L, Long::sum);
      }

      private void step(int operation) {
        int key = ownKey();
        Long current = model.get(key);
        switch (operation) {
          case 0 -> {
            count("get");
            expect("get", key, current, main.get(key));
          }
          case 1 -> {
            count("getAll");
            Set<Integer> keys = ownKeys(20);
            Map<Integer, Long> expected = new HashMap<>();
            keys.forEach(k -> {
              if (model.containsKey(k)) {
                expected.put(k, model.get(k));
              }
            });
            expect("getAll", key, expected, main.getAll(keys));
          }
          case 2 -> {
            count("containsKey");
            expect("containsKey", key, current != null, main.containsKey(key));
          }
          case 3 -> {
            count("put");
            long value = freshValue();
            main.put(key, value);
            model.put(key, value);
          }
          case 4 -> {
            count("putAll");
            Map<Integer, Long> values = new HashMap<>();
            ownKeys(20).forEach(k -> values.put(k, freshValue()));
            main.putAll(values);
            model.putAll(values);
          }
          case 5 -> {
            count("putIfAbsent");
            long value = freshValue();
            expect("putIfAbsent", key, current == null, main.putIfAbsent(key, value));
            model.putIfAbsent(key, value);
          }
          case 6 -> {
            count("replace");
            long value = freshValue();
            expect("replace", key, current != null, main.replace(key, value));
            model.computeIfPresent(key, (k, old) -> value);
          }
          case 7 -> {
            count("replaceIfEquals");
            Long expected = guess(key);
            long value = freshValue();
            boolean matches = expected.equals(current);
            expect("replace(k, old, new)", key, matches, main.replace(key, expected, value));
            if (matches) {
              model.put(key, value);
            }
          }
          case 8 -> {
            count("getAndPut");
            long value = freshValue();
            expect("getAndPut", key, current, main.getAndPut(key, value));
            model.put(key, value);
          }
          case 9 -> {
            count("getAndReplace");
            long value = freshValue();
            expect("getAndReplace", key, current, main.getAndReplace(key, value));
            model.computeIfPresent(key, (k, old) -> value);
          }
          case 10 -> {
            count("getAndRemove");
            expect("getAndRemove", key, current, main.getAndRemove(key));
            model.remove(key);
          }
          case 11 -> {
            count("remove");
            expect("remove", key, current != null, main.remove(key));
            model.remove(key);
          }
          case 12 -> {
            count("removeIfEquals");
            Long expected = guess(key);
            boolean matches = expected.equals(current);
            expect("remove(k, v)", key, matches, main.remove(key, expected));
            if (matches) {
              model.remove(key);
            }
          }
          case 13 -> {
            count("removeAll");
            Set<Integer> keys = ownKeys(10);
            main.removeAll(keys);
            keys.forEach(model::remove);
          }
          case 14 -> {
            count("invoke");
            Long value = random.nextInt(4) == 0 ? null : freshValue();
            expect("invoke", key, current, main.invoke(key, new SetOrRemove(), value));
            if (value == null) {
              model.remove(key);
            } else {
              model.put(key, value);
            }
          }
          case 15, 16 -> {
            count("invokeCounter");
            int counter = random.nextInt(COUNTERS);
            Long count = main.invoke(KEYS + counter, new Increment());
            increments[counter]++;
            if (count == null || count <= lastCount[counter]) {
              violation("thread " + owner + " counter " + counter + " went from " + lastCount[counter] + " to "
                  + count);
            } else {
              lastCount[counter] = count;
            }
          }
          case 17 -> {
            count("getOthers");
            int other = random.nextInt(KEYS);
            Long value = main.get(other);
            if (value != null && value >> 40 != other / KEYS_PER_THREAD) {
              violation("key " + other + " holds " + value + ", which its owner never wrote");
            }
          }
          case 18 -> iterateSmall();
          case 19 -> {
            count("smallChurn");
            int churning = STABLE_SMALL_KEYS + random.nextInt(SMALL_KEYS - STABLE_SMALL_KEYS);
            if (random.nextBoolean()) {
              small.put(churning, smallValue(churning));
            } else {
              small.remove(churning);
            }
          }
          case 20 -> writeExpiring();
          case 21 -> readExpiring();
          default -> throw new IllegalStateException("operation " + operation);
        }
      }

      private void iterateSmall() {
        count("iterateSmall");
        Set<Integer> seen = new HashSet<>();
        for (Cache.Entry<Integer, Long> entry : small) {
          int key = entry.getKey();
          if (key < 0 || key >= SMALL_KEYS || entry.getValue() != smallValue(key)) {
            violation("small cache iteration returned " + key + "=" + entry.getValue());
          }
          seen.add(key);
        }
        for (int key = 0; key < STABLE_SMALL_KEYS; key++) {
          if (!seen.contains(key)) {
            violation("small cache iteration missed key " + key + ", present throughout");
          }
        }
      }

      private void writeExpiring() {
        int key = firstExpiringKey + random.nextInt(EXPIRING_KEYS_PER_THREAD);
        long value = freshValue();
        long before = System.nanoTime();
        Long last = expiringModel.get(key);
        if (random.nextBoolean()) {
          count("expiringGetAndPut");
          Long previous = expiring.getAndPut(key, value);
          if (previous != null && !previous.equals(last)) {
            violation("expiring key " + key + " held " + previous + ", last written " + last);
          }
          if (previous == null) {
            createdNoLaterThan.put(key, before); // this write created the entry
          }
        } else {
          count("expiringPut");
          expiring.put(key, value);
          // A put keeps the creation time of a live entry (Created expiry) or creates one now; either way the
          // entry is no older than the earlier of the two. No bound known means no entry exists.
          createdNoLaterThan.putIfAbsent(key, before);
        }
        expiringModel.put(key, value);
      }

      private void readExpiring() {
        int key = firstExpiringKey + random.nextInt(EXPIRING_KEYS_PER_THREAD);
        Long value = expiring.get(key);
        long after = System.nanoTime();
        Long last = expiringModel.get(key);
        if (value != null) {
          count("expiringHit");
          if (!value.equals(last)) {
            violation("expiring key " + key + " read " + value + ", last written " + last);
          }
          return;
        }
        count("expiringMiss");
        Long created = createdNoLaterThan.get(key);
        if (last != null && created != null
            && TimeUnit.NANOSECONDS.toMillis(after - created) < TTL_MILLIS - TTL_MARGIN_MILLIS) {
          violation("expiring key " + key + " vanished " + TimeUnit.NANOSECONDS.toMillis(after - created)
              + " ms after it was written, before its " + TTL_MILLIS + " ms TTL");
        }
        if (last != null) {
          createdNoLaterThan.remove(key); // expired: the next write creates a new entry
          expiringModel.remove(key);
        }
      }

      private void verifyAll(String when) {
        Set<Integer> keys = new LinkedHashSet<>();
        for (int key = firstKey; key < firstKey + KEYS_PER_THREAD; key++) {
          keys.add(key);
          try {
            expect("get " + when, key, model.get(key), main.get(key));
          } catch (Throwable e) {
            violation("thread " + owner + " get " + when + " threw " + e);
          }
        }
        try {
          expect("getAll " + when, firstKey, model, main.getAll(keys));
        } catch (Throwable e) {
          violation("thread " + owner + " getAll " + when + " threw " + e);
        }
      }
    }
  }
}
