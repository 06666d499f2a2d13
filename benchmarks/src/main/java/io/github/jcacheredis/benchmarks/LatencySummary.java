package io.github.jcacheredis.benchmarks;

import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The percentiles of one or more {@link FixedRateLoop} runs of one operation on one provider, as JSON. All times
 * are microseconds, as recorded; the percentiles are HdrHistogram's (within 0.1% of the recorded value).
 */
final class LatencySummary {

  private LatencySummary() {
  }

  /**
   * @param outcomes the runs to combine: one for a round, every round's for the merged figure
   * @return a JSON object: count, errors, achievedRate, p50, p90, p99, p999, max, mean, and serviceTime (the same
   *     percentiles of the time from the actual send)
   */
  static String json(List<FixedRateLoop.Outcome> outcomes) {
    Histogram response = new Histogram(3);
    Histogram service = new Histogram(3);
    long errors = 0;
    long elapsed = 0;
    for (FixedRateLoop.Outcome outcome : outcomes) {
      response.add(outcome.response());
      service.add(outcome.service());
      errors += outcome.errors();
      elapsed += outcome.elapsedNanos();
    }
    return String.format(Locale.ROOT, "{\"count\": %d, \"errors\": %d, \"achievedRate\": %.1f, %s, "
            + "\"serviceTime\": {%s}}",
        response.getTotalCount(), errors, response.getTotalCount() / (elapsed / 1e9), percentiles(response),
        percentiles(service));
  }

  private static String percentiles(Histogram histogram) {
    return String.format(Locale.ROOT, "\"p50\": %d, \"p90\": %d, \"p99\": %d, \"p999\": %d, \"max\": %d, "
            + "\"mean\": %.1f",
        histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
        histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue(),
        histogram.getMean());
  }
}
