package io.github.jcacheredis.internal.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.Test;

/** Turning a JSR-107 {@link Duration} into the TTL given to a Redis key. */
class TtlTest {

  @Test
  void noDurationKeepsTheCurrentTtl() {
    assertEquals(Ttl.KEEP, Ttl.of(null));
  }

  @Test
  void anEternalDurationIsEternal() {
    assertEquals(Ttl.ETERNAL, Ttl.of(Duration.ETERNAL));
    assertEquals(Ttl.ETERNAL, Ttl.of(new Duration()));
  }

  @Test
  void aZeroDurationExpiresNow() {
    assertEquals(Ttl.EXPIRE_NOW, Ttl.of(Duration.ZERO));
    assertEquals(Ttl.EXPIRE_NOW, Ttl.of(new Duration(TimeUnit.MINUTES, 0)));
  }

  @Test
  void aDurationInMillisecondsIsThatManyMilliseconds() {
    assertEquals(1500, Ttl.of(new Duration(TimeUnit.MILLISECONDS, 1500)));
  }

  @Test
  void aDurationInOtherUnitsIsConvertedToMilliseconds() {
    assertEquals(2000, Ttl.of(new Duration(TimeUnit.SECONDS, 2)));
    assertEquals(3_600_000, Ttl.of(Duration.ONE_HOUR));
    assertEquals(120_000, Ttl.of(new Duration(TimeUnit.MINUTES, 2)));
  }

  /**
   * javax.cache's Duration refuses units below milliseconds, so only a subclass can be this short; it must still
   * not read as "expire now" (0) or as one of the negative codes.
   */
  static final class SubMillisecondDuration extends Duration {
    private static final long serialVersionUID = 1L;
    private final TimeUnit unit;
    private final long amount;

    SubMillisecondDuration(TimeUnit unit, long amount) {
      super(TimeUnit.MILLISECONDS, 1);
      this.unit = unit;
      this.amount = amount;
    }

    @Override
    public TimeUnit getTimeUnit() {
      return unit;
    }

    @Override
    public long getDurationAmount() {
      return amount;
    }
  }

  @Test
  void aDurationBelowOneMillisecondRoundsUpToOne() {
    assertEquals(1, Ttl.of(new SubMillisecondDuration(TimeUnit.NANOSECONDS, 1)));
    assertEquals(1, Ttl.of(new SubMillisecondDuration(TimeUnit.MICROSECONDS, 999)));
  }

  @Test
  void aDurationBetweenTwoTimesIsTheirDifference() {
    assertEquals(250, Ttl.of(new Duration(1_000, 1_250)));
  }

  @Test
  void theConstantsAreDistinctAndNoneIsAPositiveTtl() {
    assertEquals(3, Set.of(Ttl.KEEP, Ttl.ETERNAL, Ttl.EXPIRE_NOW).size());
    assertTrue(Ttl.KEEP < 1 && Ttl.ETERNAL < 1 && Ttl.EXPIRE_NOW < 1);
  }
}
