package io.github.jcacheredis;

import io.github.jcacheredis.internal.cache.CacheIterator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jcacheredis.internal.config.ProviderSettings;
import io.github.jcacheredis.launcher.PrivateRedis;
import io.github.jcacheredis.launcher.RedisServerProcess;
import io.github.jcacheredis.internal.storage.KryoSerializer;
import io.github.jcacheredis.internal.storage.ValueCodec;
import io.github.jcacheredis.launcher.RespClient;
import io.github.jcacheredis.testing.TestRedis;
import java.net.URI;
import java.util.Iterator;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cache of 1,000,000 entries is walked and cleared a SCAN page at a time, never all keys at once. */
class MillionEntriesTest {

  private static final int ENTRIES = 1_000_000;

  /** A server of its own: the test counts every key in it. */
  @RegisterExtension
  static final PrivateRedis<RedisServerProcess> REDIS = PrivateRedis.server();

  @Test
  void iterationAndClearRunInBoundedMemory(RedisServerProcess server) throws Exception {
    try (RespClient redis = new RespClient("127.0.0.1", server.port())) {
      // A million entries in one server-side loop: the value bytes are a real encoded value of this cache.
      byte[] value = new ValueCodec(new KryoSerializer(getClass().getClassLoader()), Integer.MAX_VALUE)
          .encode(null, "v");
      redis.call("EVAL", "for i = 0, tonumber(ARGV[1]) - 1 do redis.call('SET', KEYS[1] .. i, ARGV[2]) end",
          "1", "big:c:", Integer.toString(ENTRIES), value);
      assertEquals(ENTRIES, redis.number("DBSIZE"));

      Properties properties = new Properties();
      properties.setProperty(ProviderSettings.URL, server.url());
      properties.setProperty(ProviderSettings.KEY_PREFIX, "big");
      CacheManager manager = TestRedis.provider().getCacheManager(URI.create("million://" + server.port()),
          TestRedis.provider().getDefaultClassLoader(), properties);
      try {
        Cache<String, String> cache = manager.createCache("c",
            new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        Iterator<Cache.Entry<String, String>> entries = cache.iterator();
        int seen = 0;
        while (entries.hasNext()) {
          entries.next();
          seen++;
        }
        // SCAN may return an entry twice while the table rehashes; none was written during this walk.
        assertEquals(ENTRIES, seen);
        int mostHeld = ((CacheIterator<?, ?>) entries).mostBuffered();
        assertTrue(mostHeld <= 5_000, "the iterator held " + mostHeld + " entries at once");

        long unlinks = redis.commandCount("unlink");
        cache.clear();
        assertEquals(1, redis.number("DBSIZE"), "only the cache's configuration record is left");
        assertEquals(ENTRIES, redis.commandCount("unlink") - unlinks, "one UNLINK per entry, sent a page at a time");
      } finally {
        manager.close();
      }
    }
  }
}
