package io.github.jcacheredis.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Issues requests from the calling thread at a fixed rate and records how long each took, in microseconds.
 *
 * <p>Request {@code i} is due at {@code start + i / rate}. Its latency is counted from that intended start, not
 * from when it was actually sent: when one request stalls (a GC pause, a slow reply), the requests that should
 * have gone out meanwhile are sent late, back to back, and each is charged the time it waited. Timing from the
 * actual send instead would record one slow request and hide the queue behind it (coordinated omission), which
 * is what a closed-loop benchmark such as JMH's SampleTime does. The time from the actual send is kept too, as
 * service time, so a gap between the two shows queueing (or a late wake-up of this thread).
 */
final class FixedRateLoop {

  // Parking overshoots by tens of microseconds (the kernel's timer slack), which would count as latency: park
  // until this long before a request is due, then spin. At 1,000 requests/s that spins ~10% of one core.
  private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

  private FixedRateLoop() {
  }

  /**
   * Runs {@code request} at {@code rate} per second for {@code duration}; when requests fall behind (the rate is
   * beyond what the target sustains), stops anyway at twice the duration so that a saturated run still ends.
   *
   * @param request  one request; an exception counts as a failed request, still timed
   * @param rate     requests per second
   * @param duration how long to issue requests
   * @return the latencies
   */
  static Outcome run(Runnable request, int rate, Duration duration) {
    Histogram response = new Histogram(3); // auto-resizing: any latency fits, at three significant digits
    Histogram service = new Histogram(3);
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long giveUp = end + duration.toNanos();
    long intended = start;
    long done = start;
    long errors = 0;
    String firstError = null;
    while (intended < end && done < giveUp) {
      waitUntil(intended);
      long sent = System.nanoTime();
      try {
        request.run();
      } catch (RuntimeException e) {
        errors++;
        if (firstError == null) {
          firstError = e.toString();
        }
      }
      done = System.nanoTime();
      response.recordValue(TimeUnit.NANOSECONDS.toMicros(done - intended));
      service.recordValue(TimeUnit.NANOSECONDS.toMicros(done - sent));
      intended += interval;
    }
    return new Outcome(response, service, errors, firstError, done - start);
  }

  private static void waitUntil(long due) {
    long remaining;
    while ((remaining = due - System.nanoTime()) > SPIN_NANOS) {
      LockSupport.parkNanos(remaining - SPIN_NANOS);
    }
    while (due - System.nanoTime() > 0) {
      Thread.onSpinWait();
    }
  }

  /**
   * What one run recorded.
   *
   * @param response     latency from each request's intended start, microseconds
   * @param service      latency from each request's actual send, microseconds
   * @param errors       requests that threw
   * @param firstError   the first of those exceptions, or {@code null}
   * @param elapsedNanos from the first intended start to the last reply
   */
  record Outcome(Histogram response, Histogram service, long errors, String firstError, long elapsedNanos) {

    /** @return requests per second actually completed */
    double achievedRate() {
      return response.getTotalCount() / (elapsedNanos / 1e9);
    }
  }
}
