package io.github.jcacheredis.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.codec.Kryo5Codec;
import org.redisson.command.CommandAsyncExecutor;

/**
 * How many bytes of Redis memory one entry costs: writes entries into an empty cache and prints, as JSON, per
 * provider:
 * <ul>
 *   <li>{@code memoryUsagePerEntry}: the sum of {@code MEMORY USAGE key SAMPLES 0} over every Redis key the cache
 *       consists of (ours: one string per entry; Redisson's JCache: one hash named after the cache, plus any
 *       side structure it created), divided by the entry count;</li>
 *   <li>{@code usedMemoryPerEntry}: the growth of INFO's {@code used_memory} while writing, divided by the entry
 *       count (also counts Redis' own key table, so it is the fuller figure; needs a Redis nobody else writes
 *       to, as run.sh's private one);</li>
 *   <li>{@code valueBytes}: the stored value's length for one entry ({@code STRLEN}/{@code HSTRLEN}).</li>
 * </ul>
 * Two sets: {@code pojo}, {@value KeySpace#SIZE} {@link Product}s in ours, Redisson's JCache and raw Redisson
 * (with {@code kryo5CodecBytes}, what Redisson's Kryo5Codec makes of the object); {@code large},
 * {@value LargeValueState#KEYS} 64 KB JSON strings in ours with compression and without.
 * Run: {@code java -cp benchmarks.jar io.github.jcacheredis.benchmarks.Footprint} (Redis from REDIS_URL).
 */
public final class Footprint {

  private Footprint() {
  }

  /**
   * Measures every provider in turn and prints a JSON object.
   *
   * @param args ignored
   * @throws IOException never, in practice
   */
  public static void main(String[] args) throws IOException {
    try {
      RedissonClient raw = Providers.raw();
      Product product = Product.sample();
      List<String> pojo = new ArrayList<>();
      for (String provider : Providers.ALL) {
        pojo.add(measure(raw, provider, product, KeySpace.SIZE)
            + String.format(Locale.ROOT, ", \"kryo5CodecBytes\": %d}", kryo5Bytes(product)));
      }
      String json = (String) SampleValues.of(SampleValues.JSON_64K);
      List<String> large = new ArrayList<>();
      for (String provider : List.of(Providers.OURS, Providers.OURS_UNCOMPRESSED)) {
        large.add(measure(raw, provider, json, LargeValueState.KEYS)
            + String.format(Locale.ROOT, ", \"rawBytes\": %d}", json.getBytes(StandardCharsets.UTF_8).length));
      }
      System.out.print("{\n\"pojo\": [\n  " + String.join(",\n  ", pojo) + "\n],\n\"large\": [\n  "
          + String.join(",\n  ", large) + "\n]\n}\n");
    } finally {
      Providers.close();
    }
  }

  /** @return a JSON object without its closing brace */
  @SuppressWarnings("unchecked")
  private static <V> String measure(RedissonClient raw, String provider, V value, int entries) throws IOException {
    String name = "footprint-" + provider;
    Target<V> target = Providers.open(provider, name, (Class<V>) value.getClass());
    try {
      KeySpace<V> keys = new KeySpace<>(target.keyPrefix(), value, entries);
      long before = usedMemory(raw);
      Populate.all(target, keys, value);
      long after = usedMemory(raw);
      List<String> redisKeys = raw.getKeys().getKeysStreamByPattern(pattern(provider, name))
          .collect(Collectors.toList());
      long memoryUsage = 0;
      for (String redisKey : redisKeys) {
        memoryUsage += memoryUsage(raw, redisKey);
      }
      return String.format(Locale.ROOT, "{\"provider\": \"%s\", \"entries\": %d, \"redisKeys\": %d, "
              + "\"keySample\": \"%s\", \"memoryUsagePerEntry\": %.1f, \"usedMemoryPerEntry\": %.1f, "
              + "\"valueBytes\": %d",
          provider, entries, redisKeys.size(), shortest(redisKeys), (double) memoryUsage / entries,
          (double) (after - before) / entries, valueBytes(raw, provider, name, keys.all()[0]));
    } finally {
      target.close();
    }
  }

  private static boolean isOurs(String provider) {
    return provider.startsWith(Providers.OURS);
  }

  // The Redis keys each provider keeps the cache in.
  private static String pattern(String provider, String name) {
    if (isOurs(provider)) {
      return "jcache:" + name + ":*"; // {prefix}:{cache}:{key}
    }
    if (Providers.REDISSON_JCACHE.equals(provider)) {
      return "*" + name + "*"; // a hash named after the cache, and any side structure named after it
    }
    return name + ":*";
  }

  private static long valueBytes(RedissonClient raw, String provider, String name, String key)
      throws IOException {
    CommandAsyncExecutor executor = ((Redisson) raw).getCommandExecutor();
    if (Providers.REDISSON_JCACHE.equals(provider)) {
      // Redisson's JCache keeps entries as fields of the hash, each field the key encoded by the codec.
      ByteBuf field = new Kryo5Codec().getMapKeyEncoder().encode(key);
      try {
        Number length = executor.get(executor.<Integer, Integer>readAsync(name, ByteArrayCodec.INSTANCE,
            RedisCommands.HSTRLEN, name, ByteBufUtil.getBytes(field)));
        return length.longValue();
      } finally {
        field.release();
      }
    }
    String redisKey = isOurs(provider) ? "jcache:" + name + ":" + key : key;
    Number length = executor.get(executor.<Long, Long>readAsync(redisKey, StringCodec.INSTANCE,
        RedisCommands.STRLEN, redisKey));
    return length.longValue();
  }

  private static long memoryUsage(RedissonClient raw, String redisKey) {
    CommandAsyncExecutor executor = ((Redisson) raw).getCommandExecutor();
    Number bytes = executor.get(executor.<Long, Long>readAsync(redisKey, StringCodec.INSTANCE,
        RedisCommands.MEMORY_USAGE, redisKey, "SAMPLES", 0));
    return bytes == null ? 0 : bytes.longValue();
  }

  private static long usedMemory(RedissonClient raw) {
    Map<String, String> memory = raw.getRedisNodes(RedisNodes.SINGLE).getInstance()
        .info(RedisNode.InfoSection.MEMORY);
    return Long.parseLong(memory.get("used_memory"));
  }

  private static int kryo5Bytes(Object value) throws IOException {
    ByteBuf encoded = new Kryo5Codec().getValueEncoder().encode(value);
    try {
      return encoded.readableBytes();
    } finally {
      encoded.release();
    }
  }

  private static String shortest(List<String> keys) {
    return keys.stream().min((a, b) -> Integer.compare(a.length(), b.length())).orElse("").replace("\"", "'");
  }
}
