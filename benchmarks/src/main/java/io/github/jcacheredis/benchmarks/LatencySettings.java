package io.github.jcacheredis.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@link Latency} runs, from system properties (defaults in brackets):
 * <ul>
 *   <li>{@code latency.rate}: requests per second of the single-key operations [1000];</li>
 *   <li>{@code latency.getAllRate}: getAll calls per second [100];</li>
 *   <li>{@code latency.warmup}: paced requests before each measurement, thrown away [2s];</li>
 *   <li>{@code latency.duration}: the measurement of one operation on one provider in one round [10s];</li>
 *   <li>{@code latency.rounds}: how often every provider measures every operation [2];</li>
 *   <li>{@code latency.operations}: a comma-separated subset of get, put, getAll, invoke [all four];</li>
 *   <li>{@code latency.providers}: a comma-separated subset of {@link Providers#ALL} [all three].</li>
 * </ul>
 * Durations are written {@code 10s} or {@code 500ms}.
 *
 * @param rate        single-key requests per second
 * @param getAllRate  getAll calls per second
 * @param warmup      warm-up before each measurement
 * @param duration    length of each measurement
 * @param rounds      rounds
 * @param operations  operations, in the order run
 * @param providers   providers, in the order of the first round
 */
record LatencySettings(int rate, int getAllRate, Duration warmup, Duration duration, int rounds,
    List<LatencyOperation> operations, List<String> providers) {

  /** @return the settings of this JVM's system properties */
  static LatencySettings fromSystemProperties() {
    return new LatencySettings(
        positive("latency.rate", Integer.getInteger("latency.rate", 1_000)),
        positive("latency.getAllRate", Integer.getInteger("latency.getAllRate", 100)),
        duration("latency.warmup", "2s"),
        duration("latency.duration", "10s"),
        positive("latency.rounds", Integer.getInteger("latency.rounds", 2)),
        list("latency.operations", "get,put,getAll,invoke").stream().map(LatencyOperation::named)
            .collect(Collectors.toList()),
        checkedProviders());
  }

  /** @return requests per second for {@code operation} */
  int rateOf(LatencyOperation operation) {
    return operation == LatencyOperation.GET_ALL ? getAllRate : rate;
  }

  private static List<String> checkedProviders() {
    List<String> providers = list("latency.providers", String.join(",", Providers.ALL));
    for (String provider : providers) {
      if (!Providers.ALL.contains(provider)) {
        throw new IllegalArgumentException("latency.providers: unknown provider '" + provider + "', expected "
            + "some of " + Providers.ALL);
      }
    }
    return providers;
  }

  private static List<String> list(String property, String fallback) {
    return Arrays.stream(System.getProperty(property, fallback).split(",")).map(String::trim)
        .filter(name -> !name.isEmpty()).collect(Collectors.toList());
  }

  private static int positive(String property, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(property + " must be positive, was " + value);
    }
    return value;
  }

  private static Duration duration(String property, String fallback) {
    String text = System.getProperty(property, fallback).trim().toLowerCase(Locale.ROOT);
    try {
      Duration duration = text.endsWith("ms")
          ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
          : Duration.ofMillis(Math.round(Double.parseDouble(text.replaceFirst("s$", "")) * 1000));
      if (duration.isNegative()) {
        throw new IllegalArgumentException(property + " must not be negative, was '" + text + "'");
      }
      return duration;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(property + ": expected a duration such as 10s or 500ms, was '" + text
          + "'", e);
    }
  }
}
