package io.github.jcacheredis.internal.expiry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.lang.reflect.Modifier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How a cache's {@link ExpiryPolicy} becomes the TTLs of creations, updates and reads. */
class ExpiryCalculatorTest {

  private static final Duration TWO_SECONDS = new Duration(TimeUnit.SECONDS, 2);

  /** A duration that counts how often its length is read, i.e. how often a policy's answer is converted. */
  static final class CountingDuration extends Duration {
    private static final long serialVersionUID = 1L;
    final AtomicInteger reads = new AtomicInteger();

    CountingDuration(long millis) {
      super(TimeUnit.MILLISECONDS, millis);
    }

    @Override
    public long getDurationAmount() {
      reads.incrementAndGet();
      return super.getDurationAmount();
    }
  }

  /** A policy that counts every question and answers with what it is given. */
  static class CountingPolicy implements ExpiryPolicy {
    final AtomicInteger creations = new AtomicInteger();
    final AtomicInteger updates = new AtomicInteger();
    final AtomicInteger accesses = new AtomicInteger();
    private final Supplier<Duration> creation;
    private final Supplier<Duration> update;
    private final Supplier<Duration> access;

    CountingPolicy(Supplier<Duration> creation, Supplier<Duration> update, Supplier<Duration> access) {
      this.creation = creation;
      this.update = update;
      this.access = access;
    }

    @Override
    public Duration getExpiryForCreation() {
      creations.incrementAndGet();
      return creation.get();
    }

    @Override
    public Duration getExpiryForUpdate() {
      updates.incrementAndGet();
      return update.get();
    }

    @Override
    public Duration getExpiryForAccess() {
      accesses.incrementAndGet();
      return access.get();
    }
  }

  static final class ClosablePolicy extends CountingPolicy implements Closeable {
    boolean closed;

    ClosablePolicy() {
      super(() -> TWO_SECONDS, () -> null, () -> null);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static Supplier<Duration> failing() {
    return () -> {
      throw new IllegalStateException("policy failure");
    };
  }

  // --- the five standard policies ---

  @Test
  void createdExpiryPolicySetsATtlOnCreationOnly() {
    ExpiryCalculator calculator = ExpiryCalculator.of(new CreatedExpiryPolicy(TWO_SECONDS));
    assertEquals(2000, calculator.forCreation());
    assertEquals(Ttl.KEEP, calculator.forUpdate());
    assertEquals(Ttl.KEEP, calculator.forAccess());
    assertTrue(calculator.accessKeepsTtl());
  }

  @Test
  void accessedExpiryPolicySetsATtlOnCreationAndAccess() {
    ExpiryCalculator calculator = ExpiryCalculator.of(new AccessedExpiryPolicy(TWO_SECONDS));
    assertEquals(2000, calculator.forCreation());
    assertEquals(Ttl.KEEP, calculator.forUpdate());
    assertEquals(2000, calculator.forAccess());
    assertFalse(calculator.accessKeepsTtl());
  }

  @Test
  void modifiedExpiryPolicySetsATtlOnCreationAndUpdate() {
    ExpiryCalculator calculator = ExpiryCalculator.of(new ModifiedExpiryPolicy(TWO_SECONDS));
    assertEquals(2000, calculator.forCreation());
    assertEquals(2000, calculator.forUpdate());
    assertEquals(Ttl.KEEP, calculator.forAccess());
    assertTrue(calculator.accessKeepsTtl());
  }

  @Test
  void touchedExpiryPolicySetsATtlOnEveryEvent() {
    ExpiryCalculator calculator = ExpiryCalculator.of(new TouchedExpiryPolicy(TWO_SECONDS));
    assertEquals(2000, calculator.forCreation());
    assertEquals(2000, calculator.forUpdate());
    assertEquals(2000, calculator.forAccess());
    assertFalse(calculator.accessKeepsTtl());
  }

  @Test
  void eternalExpiryPolicyMakesEntriesEternalAndLeavesThemSo() {
    ExpiryCalculator calculator = ExpiryCalculator.of(new EternalExpiryPolicy());
    assertTrue(calculator.isFixed());
    assertEquals(Ttl.ETERNAL, calculator.forCreation());
    assertEquals(Ttl.KEEP, calculator.forUpdate());
    assertEquals(Ttl.KEEP, calculator.forAccess());
    assertTrue(calculator.accessKeepsTtl());
  }

  static Stream<Function<Duration, ExpiryPolicy>> standardPolicies() {
    return Stream.of(CreatedExpiryPolicy::new, AccessedExpiryPolicy::new, ModifiedExpiryPolicy::new,
        TouchedExpiryPolicy::new);
  }

  @ParameterizedTest
  @MethodSource("standardPolicies")
  void aStandardPolicyIsFixed(Function<Duration, ExpiryPolicy> policy) {
    assertTrue(ExpiryCalculator.of(policy.apply(TWO_SECONDS)).isFixed());
  }

  @ParameterizedTest
  @MethodSource("standardPolicies")
  void aStandardPolicysDurationsAreReadOnceWhenTheCalculatorIsMade(Function<Duration, ExpiryPolicy> policy) {
    CountingDuration duration = new CountingDuration(1500);
    ExpiryCalculator calculator = ExpiryCalculator.of(policy.apply(duration));
    int readsWhenMade = duration.reads.get();
    assertTrue(readsWhenMade >= 1);
    for (int i = 0; i < 5; i++) {
      assertEquals(1500, calculator.forCreation());
      calculator.forUpdate();
      calculator.forAccess();
    }
    assertEquals(readsWhenMade, duration.reads.get());
  }

  /*
   * The brief asked for "a subclass of a standard policy is dynamic"; the five javax.cache.expiry policies are
   * final in cache-api 1.1.1, so no subclass can exist. The nearest case: a custom policy that delegates to one.
   */
  @Test
  void theStandardPolicyClassesAreFinalSoOnlyTheirExactClassIsSeen() {
    for (Class<?> type : new Class<?>[] {CreatedExpiryPolicy.class, AccessedExpiryPolicy.class,
        ModifiedExpiryPolicy.class, TouchedExpiryPolicy.class, EternalExpiryPolicy.class}) {
      assertTrue(Modifier.isFinal(type.getModifiers()), type::getName);
    }
  }

  @Test
  void aCustomPolicyDelegatingToAStandardOneIsDynamic() {
    ExpiryPolicy standard = new CreatedExpiryPolicy(TWO_SECONDS);
    CountingPolicy delegating = new CountingPolicy(standard::getExpiryForCreation, standard::getExpiryForUpdate,
        standard::getExpiryForAccess);
    ExpiryCalculator calculator = ExpiryCalculator.of(delegating);
    assertFalse(calculator.isFixed());
    assertEquals(2000, calculator.forCreation());
    assertEquals(2000, calculator.forCreation());
    assertEquals(2, delegating.creations.get());
  }

  // --- dynamic policies ---

  @Test
  void aCustomPolicyIsNotAskedWhenTheCalculatorIsMade() {
    CountingPolicy policy = new CountingPolicy(() -> TWO_SECONDS, () -> TWO_SECONDS, () -> TWO_SECONDS);
    ExpiryCalculator.of(policy);
    assertEquals(0, policy.creations.get() + policy.updates.get() + policy.accesses.get());
  }

  @Test
  void aCustomPolicyIsAskedOnEveryCall() {
    CountingPolicy policy = new CountingPolicy(() -> TWO_SECONDS, () -> TWO_SECONDS, () -> TWO_SECONDS);
    ExpiryCalculator calculator = ExpiryCalculator.of(policy);
    calculator.forCreation();
    calculator.forCreation();
    calculator.forCreation();
    calculator.forUpdate();
    calculator.forUpdate();
    calculator.forAccess();
    assertEquals(3, policy.creations.get());
    assertEquals(2, policy.updates.get());
    assertEquals(1, policy.accesses.get());
  }

  @Test
  void aCustomPolicysAnswersCanChangeFromCallToCall() {
    AtomicInteger seconds = new AtomicInteger(1);
    ExpiryCalculator calculator = ExpiryCalculator.of(new CountingPolicy(
        () -> new Duration(TimeUnit.SECONDS, seconds.getAndIncrement()), () -> null, () -> null));
    assertEquals(1000, calculator.forCreation());
    assertEquals(2000, calculator.forCreation());
  }

  @Test
  void aCustomPolicyIsDynamicAndReadsMayChangeTtl() {
    ExpiryCalculator calculator = ExpiryCalculator.of(new CountingPolicy(() -> null, () -> null, () -> null));
    assertFalse(calculator.isFixed());
    assertFalse(calculator.accessKeepsTtl());
  }

  @Test
  void aCreationPolicyThatThrowsMakesTheEntryEternal() {
    ExpiryCalculator calculator = ExpiryCalculator.of(new CountingPolicy(failing(), () -> null, () -> null));
    assertEquals(Ttl.ETERNAL, calculator.forCreation());
  }

  @Test
  void anUpdatePolicyThatThrowsKeepsTheTtl() {
    ExpiryCalculator calculator = ExpiryCalculator.of(new CountingPolicy(() -> TWO_SECONDS, failing(), () -> null));
    assertEquals(Ttl.KEEP, calculator.forUpdate());
  }

  @Test
  void anAccessPolicyThatThrowsKeepsTheTtl() {
    ExpiryCalculator calculator = ExpiryCalculator.of(new CountingPolicy(() -> TWO_SECONDS, () -> null, failing()));
    assertEquals(Ttl.KEEP, calculator.forAccess());
  }

  @Test
  void noDurationForCreationMakesTheEntryEternal() {
    ExpiryCalculator calculator = ExpiryCalculator.of(new CountingPolicy(() -> null, () -> null, () -> null));
    assertEquals(Ttl.ETERNAL, calculator.forCreation());
  }

  @Test
  void noDurationForUpdateOrAccessKeepsTheTtl() {
    ExpiryCalculator calculator = ExpiryCalculator.of(new CountingPolicy(() -> TWO_SECONDS, () -> null, () -> null));
    assertEquals(Ttl.KEEP, calculator.forUpdate());
    assertEquals(Ttl.KEEP, calculator.forAccess());
  }

  @Test
  void aZeroDurationForCreationExpiresTheEntryAtOnce() {
    ExpiryCalculator calculator = ExpiryCalculator.of(
        new CountingPolicy(() -> Duration.ZERO, () -> null, () -> null));
    assertEquals(Ttl.EXPIRE_NOW, calculator.forCreation());
  }

  // --- closing ---

  @Test
  void closingTheCalculatorClosesACloseablePolicy() throws Exception {
    ClosablePolicy policy = new ClosablePolicy();
    ExpiryCalculator.of(policy).close();
    assertTrue(policy.closed);
  }

  @Test
  void closingTheCalculatorOfAPolicyThatIsNotCloseableDoesNothing() {
    ExpiryCalculator calculator = ExpiryCalculator.of(new CreatedExpiryPolicy(TWO_SECONDS));
    assertDoesNotThrow(calculator::close);
  }
}
