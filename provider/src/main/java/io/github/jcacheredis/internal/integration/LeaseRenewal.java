package io.github.jcacheredis.internal.integration;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The periodic renewal of a load lease, on the CacheManager's scheduler. */
final class LeaseRenewal {

  private LeaseRenewal() {
  }

  /**
   * Renews every {@code millis}; when the manager is closing (its scheduler takes no more work) nothing is renewed:
   * the load finishes, or its lease times out by itself.
   *
   * @return stops the renewals
   */
  static Runnable every(ScheduledExecutorService scheduler, long millis, Runnable renew) {
    ScheduledFuture<?> renewals;
    try {
      renewals = scheduler.scheduleAtFixedRate(renew, millis, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      return () -> { };
    }
    return () -> renewals.cancel(false);
  }
}
