package io.github.jcacheredis.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
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
 * How many bytes of Redis memory one {@link Product} entry costs with each provider: writes
 * {@value KeySpace#SIZE} entries into an empty cache and prints, as JSON, per provider:
 * <ul>
 *   <li>{@code memoryUsagePerEntry}: the sum of {@code MEMORY USAGE key SAMPLES 0} over every Redis key the cache
 *       consists of (ours: one string per entry; Redisson's JCache: one hash named after the cache, plus any
 *       side structure it created), divided by the entry count;</li>
 *   <li>{@code usedMemoryPerEntry}: the growth of INFO's {@code used_memory} while writing, divided by the entry
 *       count (also counts Redis' own key table, so it is the fuller figure; needs a Redis nobody else writes
 *       to, as run.sh's private one);</li>
 *   <li>{@code valueBytes}: the stored value's length for one entry ({@code STRLEN}/{@code HSTRLEN}), and
 *       {@code kryo5CodecBytes}: what Redisson's Kryo5Codec makes of the same object.</li>
 * </ul>
 * Run: {@code java -cp benchmarks.jar io.github.jcacheredis.benchmarks.Footprint} (Redis from REDIS_URL).
 */
public final class Footprint {

  private Footprint() {
  }

  /**
   * Measures every provider in turn and prints a JSON array.
   *
   * @param args ignored
   * @throws IOException never, in practice
   */
  public static void main(String[] args) throws IOException {
    Product value = Product.sample();
    StringBuilder json = new StringBuilder("[\n");
    try {
      RedissonClient raw = Providers.raw();
      for (String provider : Providers.ALL) {
        String name = "footprint-" + provider;
        Target<Product> target = Providers.open(provider, name, Product.class);
        KeySpace<Product> keys = new KeySpace<>(target.keyPrefix(), value);
        long before = usedMemory(raw);
        Populate.all(target, keys, value);
        long after = usedMemory(raw);
        List<String> redisKeys = raw.getKeys().getKeysStreamByPattern(pattern(provider, name))
            .collect(Collectors.toList());
        long memoryUsage = 0;
        for (String redisKey : redisKeys) {
          memoryUsage += memoryUsage(raw, redisKey);
        }
        long valueBytes = valueBytes(raw, provider, name, keys.all()[0]);
        int entries = keys.all().length;
        json.append(String.format(Locale.ROOT, "  {\"provider\": \"%s\", \"entries\": %d, \"redisKeys\": %d, "
                + "\"keySample\": \"%s\", \"memoryUsagePerEntry\": %.1f, \"usedMemoryPerEntry\": %.1f, "
                + "\"valueBytes\": %d, \"kryo5CodecBytes\": %d},%n",
            provider, entries, redisKeys.size(), redisKeys.isEmpty() ? "" : shortest(redisKeys),
            (double) memoryUsage / entries, (double) (after - before) / entries, valueBytes, kryo5Bytes(value)));
        target.close();
      }
    } finally {
      Providers.close();
    }
    json.setLength(json.length() - 2);
    json.append("\n]\n");
    System.out.print(json);
  }

  // The Redis keys each provider keeps the cache in.
  private static String pattern(String provider, String name) {
    switch (provider) {
      case Providers.OURS:
        return "jcache:" + name + ":*"; // {prefix}:{cache}:{key}
      case Providers.REDISSON_JCACHE:
        return "*" + name + "*"; // a hash named after the cache, and any side structure named after it
      default:
        return name + ":*";
    }
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
    String redisKey = Providers.OURS.equals(provider) ? "jcache:" + name + ":" + key : key;
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
