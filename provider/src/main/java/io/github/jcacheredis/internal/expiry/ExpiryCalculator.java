package io.github.jcacheredis.internal.expiry;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * Turns a cache's {@link ExpiryPolicy} into Redis TTLs.
 *
 * <p>The five policies of {@code javax.cache.expiry} always answer the same durations, so they are asked once
 * and their answers reused: then every operation knows all its TTLs before its single round trip. Any other
 * policy is <em>dynamic</em>: it is asked at the moment the operation knows whether it creates, updates or
 * accesses the entry, exactly once per such event, as JSR-107 §6 and the TCK's counting policies require.
 */
public final class ExpiryCalculator implements Closeable {

  private final ExpiryPolicy policy;
  private final boolean fixed;
  private final long creation;
  private final long update;
  private final long access;

  private ExpiryCalculator(ExpiryPolicy policy, boolean fixed) {
    this.policy = policy;
    this.fixed = fixed;
    this.creation = fixed ? askCreation() : Ttl.ETERNAL;
    this.update = fixed ? askUpdate() : Ttl.KEEP;
    this.access = fixed ? askAccess() : Ttl.KEEP;
  }

  /**
   * @param policy the policy a cache's factory created
   * @return its calculator
   */
  public static ExpiryCalculator of(ExpiryPolicy policy) {
    Objects.requireNonNull(policy, "expiry policy");
    Class<?> type = policy.getClass();
    boolean standard = type == CreatedExpiryPolicy.class || type == AccessedExpiryPolicy.class
        || type == ModifiedExpiryPolicy.class || type == TouchedExpiryPolicy.class
        || type == EternalExpiryPolicy.class;
    return new ExpiryCalculator(policy, standard);
  }

  /** @return whether the TTLs are known up front (a standard policy) */
  public boolean isFixed() {
    return fixed;
  }

  /** @return whether reads never change an entry's lifetime */
  public boolean accessKeepsTtl() {
    return fixed && access == Ttl.KEEP;
  }

  /** @return the TTL for a new entry; a policy that fails counts as eternal (RI behaviour) */
  public long forCreation() {
    return fixed ? creation : askCreation();
  }

  /** @return the TTL for an updated entry; a policy that fails leaves the TTL unchanged */
  public long forUpdate() {
    return fixed ? update : askUpdate();
  }

  /** @return the TTL for a read entry; a policy that fails leaves the TTL unchanged */
  public long forAccess() {
    return fixed ? access : askAccess();
  }

  private long askCreation() {
    try {
      long ttl = Ttl.of(policy.getExpiryForCreation());
      // JSR-107: null from getExpiryForCreation is not allowed; treat it as the default, eternal.
      return ttl == Ttl.KEEP ? Ttl.ETERNAL : ttl;
    } catch (RuntimeException e) {
      return Ttl.ETERNAL;
    }
  }

  private long askUpdate() {
    try {
      return Ttl.of(policy.getExpiryForUpdate());
    } catch (RuntimeException e) {
      return Ttl.KEEP;
    }
  }

  private long askAccess() {
    try {
      return Ttl.of(policy.getExpiryForAccess());
    } catch (RuntimeException e) {
      return Ttl.KEEP;
    }
  }

  /** Closes the policy if it is {@link Closeable}: JSR-107 §10.1 asks the cache to close what it created. */
  @Override
  public void close() throws IOException {
    if (policy instanceof Closeable) {
      ((Closeable) policy).close();
    }
  }
}
