package io.github.jcacheredis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.ChildJvm;
import io.github.jcacheredis.testing.TestRedis;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

/**
 * Two JVMs, four threads each, incrementing one key 250 times per thread: no update may be lost, whether the
 * increments go through invoke or through a replace(k, old, new) loop.
 */
class CrossProcessAtomicityTest {

  private static final int PROCESSES = 2;
  private static final int THREADS = 4;
  private static final int INCREMENTS = 250;

  @Test
  void invokeLosesNoIncrementAcrossJvms() throws Exception {
    assertEquals(PROCESSES * THREADS * INCREMENTS, race("invoke"));
  }

  @Test
  void replaceLosesNoIncrementAcrossJvms() throws Exception {
    assertEquals(PROCESSES * THREADS * INCREMENTS, race("replace"));
  }

  private long race(String mode) throws Exception {
    String prefix = TestRedis.uniquePrefix("race-" + mode);
    CacheManager manager = TestRedis.newManager(prefix);
    Cache<String, Long> cache = manager.createCache("counters", Worker.configuration());
    cache.put("counter", 0L);
    List<ChildJvm> processes = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      processes.add(ChildJvm.of(Worker.class).arguments(TestRedis.url(), prefix, mode).start());
    }
    try {
      for (ChildJvm process : processes) {
        if (!process.waitFor(Duration.ofSeconds(120))) {
          throw new AssertionError("worker did not finish");
        }
        assertEquals(0, process.exitValue(), "worker exit code");
      }
      return cache.get("counter");
    } finally {
      processes.forEach(ChildJvm::close);
      manager.destroyCache("counters");
      manager.close();
    }
  }

  /** The child JVM: increments the shared counter from several threads, then exits. */
  public static final class Worker {
    static MutableConfiguration<String, Long> configuration() {
      return new MutableConfiguration<String, Long>().setTypes(String.class, Long.class);
    }

    public static void main(String[] args) throws Exception {
      Properties properties = new Properties();
      properties.setProperty(ProviderSettings.URL, args[0]);
      properties.setProperty(ProviderSettings.KEY_PREFIX, args[1]);
      String mode = args[2];
      CachingProvider provider = TestRedis.provider();
      CacheManager manager = provider.getCacheManager(URI.create("worker://" + args[1]),
          provider.getDefaultClassLoader(), properties);
      Cache<String, Long> cache = manager.createCache("counters", configuration());
      ExecutorService threads = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        done.add(threads.submit(() -> {
          for (int i = 0; i < INCREMENTS; i++) {
            if ("invoke".equals(mode)) {
              cache.invoke("counter", (entry, ignored) -> {
                entry.setValue(entry.getValue() + 1);
                return null;
              });
            } else {
              while (true) {
                Long current = cache.get("counter");
                if (cache.replace("counter", current, current + 1)) {
                  break;
                }
              }
            }
          }
          return null;
        }));
      }
      int exitCode = 0;
      for (Future<?> future : done) {
        try {
          future.get();
        } catch (java.util.concurrent.ExecutionException e) {
          e.getCause().printStackTrace();
          exitCode = 1;
        }
      }
      threads.shutdownNow();
      manager.close();
      // exit explicitly: a failed worker must not leave the parent waiting on live pool threads
      System.exit(exitCode);
    }
  }
}
