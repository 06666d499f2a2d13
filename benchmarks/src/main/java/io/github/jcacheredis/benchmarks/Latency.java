package io.github.jcacheredis.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Latency at a fixed request rate below saturation, where throughput benchmarks say nothing about the tail: for
 * each operation of {@link LatencyOperation} and each provider of {@link Providers#ALL}, one thread issues
 * requests at a fixed rate ({@link FixedRateLoop}, latency counted from each request's intended start) on the
 * 1 KB {@link Product}, through the same {@link Target}s as the JMH benchmarks.
 *
 * <p>Providers are interleaved: every round runs each operation on every provider in turn (a warm-up, then the
 * measurement), the providers' order rotating from round to round, so a disturbance of the machine lasting a few
 * seconds lands on one provider's run of one round, not on all of one provider's runs. All providers' caches stay
 * open in this one JVM throughout; the idle ones cost nothing measurable beside a round trip.
 *
 * <p>Prints JSON: the settings, then per operation and provider the summary of each round and of all rounds'
 * histograms merged ({@link LatencySummary}). Progress goes to standard error. Settings: {@link LatencySettings}.
 * Run: {@code java -Dlatency.duration=10s -cp benchmarks.jar io.github.jcacheredis.benchmarks.Latency}
 * (Redis from REDIS_URL).
 */
public final class Latency {

  private Latency() {
  }

  /**
   * Measures and prints the JSON.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    LatencySettings settings = LatencySettings.fromSystemProperties();
    Map<String, LatencyFixture> fixtures = new LinkedHashMap<>();
    try {
      for (String provider : settings.providers()) {
        fixtures.put(provider, LatencyFixture.open(provider));
      }
      // (operation, provider) -> one outcome per round
      Map<String, List<FixedRateLoop.Outcome>> outcomes = new LinkedHashMap<>();
      for (int round = 0; round < settings.rounds(); round++) {
        for (LatencyOperation operation : settings.operations()) {
          for (String provider : rotated(settings.providers(), round)) {
            LatencyFixture fixture = fixtures.get(provider);
            int rate = settings.rateOf(operation);
            Runnable request = () -> operation.runOn(fixture);
            FixedRateLoop.run(request, rate, settings.warmup());
            FixedRateLoop.Outcome outcome = FixedRateLoop.run(request, rate, settings.duration());
            outcomes.computeIfAbsent(key(operation, provider), k -> new ArrayList<>()).add(outcome);
            report(round, operation, provider, outcome);
          }
        }
      }
      System.out.print(json(settings, outcomes));
    } finally {
      fixtures.values().forEach(LatencyFixture::close);
      Providers.close();
    }
  }

  /** The providers starting at {@code round}'s position, so each goes first in turn. */
  private static List<String> rotated(List<String> providers, int round) {
    List<String> order = new ArrayList<>(providers);
    Collections.rotate(order, -(round % order.size()));
    return order;
  }

  private static String key(LatencyOperation operation, String provider) {
    return operation.label() + "/" + provider;
  }

  private static void report(int round, LatencyOperation operation, String provider,
      FixedRateLoop.Outcome outcome) {
    System.err.printf(Locale.ROOT, "latency: round %d, %-6s %-15s p50 %,7d us  p99 %,7d us  p99.9 %,7d us  "
            + "max %,7d us  %,.0f/s%s%n", round + 1, operation.label(), provider,
        outcome.response().getValueAtPercentile(50), outcome.response().getValueAtPercentile(99),
        outcome.response().getValueAtPercentile(99.9), outcome.response().getMaxValue(), outcome.achievedRate(),
        outcome.errors() == 0 ? "" : ", " + outcome.errors() + " failed, first: " + outcome.firstError());
  }

  private static String json(LatencySettings settings, Map<String, List<FixedRateLoop.Outcome>> outcomes) {
    List<String> results = new ArrayList<>();
    for (LatencyOperation operation : settings.operations()) {
      for (String provider : settings.providers()) {
        List<FixedRateLoop.Outcome> runs = outcomes.get(key(operation, provider));
        String rounds = runs.stream().map(run -> LatencySummary.json(List.of(run)))
            .collect(Collectors.joining(",\n      "));
        results.add(String.format(Locale.ROOT, "{\"operation\": \"%s\", \"provider\": \"%s\", \"rate\": %d,%n"
                + "    \"rounds\": [%n      %s%n    ],%n    \"merged\": %s}",
            operation.label(), provider, settings.rateOf(operation), rounds, LatencySummary.json(runs)));
      }
    }
    return String.format(Locale.ROOT, "{\"settings\": {\"rate\": %d, \"getAllRate\": %d, \"warmupMillis\": %d, "
            + "\"durationMillis\": %d, \"rounds\": %d, \"value\": \"%s\", \"unit\": \"us\"},%n"
            + "\"results\": [%n  %s%n]%n}%n",
        settings.rate(), settings.getAllRate(), settings.warmup().toMillis(), settings.duration().toMillis(),
        settings.rounds(), SampleValues.POJO_1K, String.join(",\n  ", results));
  }
}
