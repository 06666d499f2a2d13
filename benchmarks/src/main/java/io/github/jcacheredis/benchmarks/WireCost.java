package io.github.jcacheredis.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * What one operation costs on the wire, per provider: the Redis commands it sends and the bytes it sends and
 * receives, counted by Redis itself ({@code INFO commandstats}, {@code total_net_input_bytes},
 * {@code total_net_output_bytes}) over many calls from one thread, the cost of reading the counters subtracted
 * (the counters' own replies grow a little meanwhile, which leaves a few bytes per call of noise).
 * Nothing else may use the Redis meanwhile. Prints JSON.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.github.jcacheredis.benchmarks.WireCost [calls]</pre>
 */
public final class WireCost {

  private WireCost() {
  }

  /** @param args the number of calls per operation [2000] */
  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    StringBuilder json = new StringBuilder("[\n");
    try {
      for (String value : new String[] {SampleValues.POJO_1K, SampleValues.STRING_100}) {
        for (String provider : Providers.ALL) {
          measure(provider, value, calls, json);
        }
      }
    } finally {
      Providers.close();
    }
    json.setLength(json.length() - 2);
    System.out.println(json.append("\n]"));
  }

  private static void measure(String provider, String valueName, int calls, StringBuilder json) {
    Object value = SampleValues.of(valueName);
    @SuppressWarnings("unchecked")
    Class<Object> type = (Class<Object>) value.getClass();
    try (Target<Object> target = Providers.open(provider, "wire-" + provider + "-" + valueName, type)) {
      KeySpace<Object> keys = new KeySpace<>(target.keyPrefix(), value, 1000);
      Map<String, Consumer<Integer>> operations = new LinkedHashMap<>();
      operations.put("get, hit", i -> target.get(keys.anyPresent()));
      operations.put("get, miss", i -> target.get(keys.anyAbsent()));
      operations.put("put", i -> target.put(keys.anyPresent(), value));
      operations.put("putIfAbsent, new key", i -> target.putIfAbsent("new-" + valueName + "-" + i, value));
      operations.put("remove", i -> target.remove(keys.anyPresent()));
      operations.put("getAll, 100 keys", i -> target.getAll(keys.anyBatch()));
      operations.put("putAll, 100 entries", i -> target.putAll(keys.anyBatch()));
      for (Map.Entry<String, Consumer<Integer>> operation : operations.entrySet()) {
        for (String key : keys.all()) {
          target.put(key, value); // every key present again (remove took some away), before counting starts
        }
        for (int i = 0; i < 200; i++) {
          operation.getValue().accept(-i - 1); // warm up (and let first-write checks happen)
        }
        Counters idle = Counters.read().minus(Counters.read()); // what reading the counters costs
        Counters before = Counters.read();
        for (int i = 0; i < calls; i++) {
          operation.getValue().accept(i);
        }
        Counters used = Counters.read().minus(before).minusOverhead(idle);
        json.append(String.format("  {\"provider\": \"%s\", \"value\": \"%s\", \"operation\": \"%s\", "
            + "\"commandsPerCall\": %s, \"bytesSentPerCall\": %.1f, \"bytesReceivedPerCall\": %.1f},%n",
            provider, valueName, operation.getKey(), used.commandsJson(calls), used.input / (double) calls,
            used.output / (double) calls));
      }
      if (valueName.equals(SampleValues.STRING_100)) {
        return;
      }
      // invoke: on a Long counter, as the Invoke benchmark does
      try (Target<Long> counters = Providers.open(provider, "wire-counter-" + provider, Long.class)) {
        KeySpace<Long> counterKeys = new KeySpace<>(counters.keyPrefix(), 0L, 1000);
        for (String key : counterKeys.all()) {
          counters.put(key, 0L);
        }
        for (int i = 0; i < 200; i++) {
          counters.increment(counterKeys.anyPresent());
        }
        Counters idle = Counters.read().minus(Counters.read());
        Counters before = Counters.read();
        for (int i = 0; i < calls; i++) {
          counters.increment(counterKeys.anyPresent());
        }
        Counters used = Counters.read().minus(before).minusOverhead(idle);
        json.append(String.format("  {\"provider\": \"%s\", \"value\": \"Long\", \"operation\": \"invoke, "
            + "increment\", \"commandsPerCall\": %s, \"bytesSentPerCall\": %.1f, \"bytesReceivedPerCall\": %.1f},%n",
            provider, used.commandsJson(calls), used.input / (double) calls, used.output / (double) calls));
      }
    }
  }

  /** Redis's own counters at one moment. */
  private static final class Counters {
    private final Map<String, Long> calls;
    private final long input;
    private final long output;

    private Counters(Map<String, Long> calls, long input, long output) {
      this.calls = calls;
      this.input = input;
      this.output = output;
    }

    static Counters read() {
      RedisNode node = Providers.raw().getRedisNodes(RedisNodes.SINGLE).getInstance();
      Map<String, String> stats = node.info(RedisNode.InfoSection.STATS);
      Map<String, Long> calls = new TreeMap<>();
      node.info(RedisNode.InfoSection.COMMANDSTATS).forEach((name, text) -> {
        // cmdstat_get -> calls=123,usec=...
        String count = text.substring(text.indexOf("calls=") + 6, text.indexOf(','));
        calls.put(name.substring("cmdstat_".length()), Long.parseLong(count));
      });
      return new Counters(calls, Long.parseLong(stats.get("total_net_input_bytes")),
          Long.parseLong(stats.get("total_net_output_bytes")));
    }

    Counters minus(Counters earlier) {
      Map<String, Long> delta = new TreeMap<>();
      calls.forEach((name, count) -> {
        long d = count - earlier.calls.getOrDefault(name, 0L);
        if (d != 0) {
          delta.put(name, d);
        }
      });
      return new Counters(delta, input - earlier.input, output - earlier.output);
    }

    Counters minusOverhead(Counters idle) {
      Map<String, Long> delta = new TreeMap<>(calls);
      idle.calls.forEach((name, count) -> delta.computeIfPresent(name, (n, c) -> c - count == 0 ? null : c - count));
      return new Counters(delta, input - idle.input, output - idle.output);
    }

    String commandsJson(int per) {
      StringBuilder text = new StringBuilder("{");
      calls.forEach((name, count) -> {
        if (count / (double) per >= 0.005 && !name.equals("info")) { // info: reading the counters themselves
          text.append(text.length() > 1 ? ", " : "").append(String.format("\"%s\": %.2f", name, count / (double) per));
        }
      });
      return text.append('}').toString();
    }
  }
}
