package io.github.jcacheredis.internal.near;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.NearCacheConfiguration;
import io.github.jcacheredis.RedisCacheConfiguration;
import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.ChildJvm;
import io.github.jcacheredis.testing.TestRedis;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

/**
 * JVM A updates a key 1,000 times; this JVM (B) reads it through a near cache the whole time. After each
 * acknowledged write A publishes its sequence number on a second, uncached key. B must never read a value
 * older than one it already knew A had acknowledged for longer than the documented bound.
 */
class NearCacheAcrossJvmsTest {

  /** The README's staleness bound for a connected near cache. */
  static final long BOUND_MILLIS = 1000;
  private static final int UPDATES = 1000;

  @Test
  void aReaderInAnotherJvmIsNeverStaleBeyondTheBound() throws Exception {
    String prefix = TestRedis.uniquePrefix("near2");
    CacheManager manager = TestRedis.newManager(prefix);
    Cache<String, Integer> value = manager.createCache("value", new RedisCacheConfiguration<String, Integer>()
        .setTypes(String.class, Integer.class).setNearCache(NearCacheConfiguration.ofMaximumSize(100)));
    Cache<String, Integer> acknowledged = manager.createCache("ack",
        new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
    value.put("k", 0);
    acknowledged.put("k", 0);

    ChildJvm writer = ChildJvm.of(Writer.class).arguments(TestRedis.url(), prefix).start();
    long[] firstKnown = new long[UPDATES + 1];
    long worstStaleness = 0;
    long reads = 0;
    try {
      int known = 0;
      while (writer.isAlive() || known < UPDATES) {
        int ack = acknowledged.get("k");
        long now = System.nanoTime();
        for (int i = known + 1; i <= ack; i++) {
          firstKnown[i] = now;
        }
        known = Math.max(known, ack);
        int seen = value.get("k");
        reads++;
        if (seen < known) {
          worstStaleness = Math.max(worstStaleness, System.nanoTime() - firstKnown[seen + 1]);
        }
        if (!writer.isAlive() && known >= UPDATES && seen == UPDATES) {
          break;
        }
        if (!writer.isAlive() && System.nanoTime() - firstKnown[Math.max(1, known)]
            > TimeUnit.SECONDS.toNanos(5)) {
          break;
        }
      }
      assertTrue(writer.waitFor(Duration.ofSeconds(60)));
      assertEquals(0, writer.exitValue());
      assertEquals(UPDATES, value.get("k"));
      long worstMillis = TimeUnit.NANOSECONDS.toMillis(worstStaleness);
      System.out.println("near cache across JVMs: " + reads + " reads, worst staleness " + worstMillis + " ms");
      assertTrue(worstMillis <= BOUND_MILLIS, "worst staleness " + worstMillis + " ms");
    } finally {
      writer.close();
      manager.destroyCache("value");
      manager.destroyCache("ack");
      manager.close();
    }
  }

  /** JVM A: 1,000 acknowledged updates, each announced on the uncached key once acknowledged. */
  public static final class Writer {
    public static void main(String[] args) {
      Properties properties = new Properties();
      properties.setProperty(ProviderSettings.URL, args[0]);
      properties.setProperty(ProviderSettings.KEY_PREFIX, args[1]);
      CachingProvider provider = TestRedis.provider();
      CacheManager manager = provider.getCacheManager(URI.create("writer://" + args[1]),
          provider.getDefaultClassLoader(), properties);
      Cache<String, Integer> value = manager.createCache("value", new RedisCacheConfiguration<String, Integer>()
          .setTypes(String.class, Integer.class).setNearCache(NearCacheConfiguration.ofMaximumSize(100)));
      Cache<String, Integer> acknowledged = manager.createCache("ack",
          new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
      for (int i = 1; i <= UPDATES; i++) {
        value.put("k", i);
        acknowledged.put("k", i);
      }
      manager.close();
      System.exit(0);
    }
  }
}
