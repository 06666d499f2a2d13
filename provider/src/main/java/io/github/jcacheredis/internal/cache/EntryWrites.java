package io.github.jcacheredis.internal.cache;

import io.github.jcacheredis.internal.expiry.ExpiryCalculator;
import io.github.jcacheredis.internal.expiry.Ttl;
import io.github.jcacheredis.internal.storage.CasAction;
import io.github.jcacheredis.internal.storage.WriteCondition;
import io.github.jcacheredis.internal.storage.EntryStore;
import io.github.jcacheredis.internal.storage.EntryStore.Queued;
import io.github.jcacheredis.internal.storage.EntryStore.CasOutcome;
import io.github.jcacheredis.internal.storage.EntryStore.PutOutcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Writes one entry with the lifetime its expiry policy gives it, choosing the cheapest Redis form: a native
 * SET when the TTL does not depend on whether the entry exists, {@code put.lua} when it does, and a
 * read-then-compare-and-set loop for a dynamic policy, which may only be asked once the cache knows whether it
 * creates or updates.
 */
public final class EntryWrites {

  private final EntryStore store;
  private final ExpiryCalculator expiry;

  public EntryWrites(EntryStore store, ExpiryCalculator expiry) {
    this.store = store;
    this.expiry = expiry;
  }

  /**
   * Writes {@code value} at {@code key} if {@code condition} holds.
   *
   * @param wantPrevious whether the previous bytes are needed (events, getAndPut); when false,
   *                     {@link PutOutcome#existed()} may be unknown (false) for unconditional writes
   */
  public PutOutcome write(byte[] key, byte[] value, WriteCondition condition, boolean wantPrevious) {
    if (!expiry.isFixed()) {
      return writeDynamic(key, value, condition);
    }
    long create = expiry.forCreation();
    long update = effectiveUpdate(create);
    switch (condition) {
      case ALWAYS:
        if (create == update && create != Ttl.EXPIRE_NOW) {
          if (wantPrevious) {
            byte[] previous = store.setAndGet(key, value, create);
            return new PutOutcome(true, previous != null, previous);
          }
          store.set(key, value, create);
          return new PutOutcome(true, false, null);
        }
        break;
      case IF_ABSENT:
        if (create != Ttl.EXPIRE_NOW) {
          boolean written = store.setIfAbsent(key, value, create);
          return new PutOutcome(written, !written, null);
        }
        break;
      case IF_PRESENT:
        if (update != Ttl.EXPIRE_NOW) {
          if (wantPrevious) {
            byte[] previous = store.setIfPresentAndGet(key, value, update);
            return new PutOutcome(previous != null, previous != null, previous);
          }
          boolean written = store.setIfPresent(key, value, update);
          return new PutOutcome(written, written, null);
        }
        break;
      default:
        throw new IllegalArgumentException("condition " + condition);
    }
    return store.put(key, value, create, update, condition, wantPrevious);
  }

  /**
   * {@link #write} without waiting: the same commands, each answer interpreted on {@code completion}, where a
   * dynamic policy is also asked for its TTL (it is the application's code).
   *
   * @param completion where the answer is interpreted and the returned stage completes
   */
  public CompletableFuture<PutOutcome> writeAsync(byte[] key, byte[] value, WriteCondition condition, boolean wantPrevious,
      Executor completion) {
    if (!expiry.isFixed()) {
      return store.getAsync(key, completion).thenCompose(current -> writeDynamicAsync(key, value, condition, current,
          completion));
    }
    long create = expiry.forCreation();
    long update = effectiveUpdate(create);
    switch (condition) {
      case ALWAYS:
        if (create == update && create != Ttl.EXPIRE_NOW) {
          if (wantPrevious) {
            return store.setAndGetAsync(key, value, create, completion)
                .thenApply(previous -> new PutOutcome(true, previous != null, previous));
          }
          return store.setAsync(key, value, create, completion).thenApply(done -> new PutOutcome(true, false, null));
        }
        break;
      case IF_ABSENT:
        if (create != Ttl.EXPIRE_NOW) {
          return store.setIfAbsentAsync(key, value, create, completion)
              .thenApply(written -> new PutOutcome(written, !written, null));
        }
        break;
      case IF_PRESENT:
        if (update != Ttl.EXPIRE_NOW) {
          if (wantPrevious) {
            return store.setIfPresentAndGetAsync(key, value, update, completion)
                .thenApply(previous -> new PutOutcome(previous != null, previous != null, previous));
          }
          return store.setIfPresentAsync(key, value, update, completion)
              .thenApply(written -> new PutOutcome(written, written, null));
        }
        break;
      default:
        throw new IllegalArgumentException("condition " + condition);
    }
    return store.putAsync(key, value, create, update, condition, wantPrevious, completion);
  }

  /**
   * Queues an unconditional or if-absent write of a fixed-policy cache on a pipeline.
   *
   * @return the future of the command: {@code byte[]} previous value, {@code Boolean} written, or the script's list
   */
  public Queued<?> queue(EntryStore.Pipeline pipeline, byte[] key, byte[] value, WriteCondition condition, boolean wantPrevious) {
    long create = expiry.forCreation();
    long update = effectiveUpdate(create);
    if (condition == WriteCondition.ALWAYS && create == update && create != Ttl.EXPIRE_NOW) {
      return wantPrevious ? pipeline.setAndGet(key, value, create) : pipeline.set(key, value, create);
    }
    return pipeline.put(key, value, create, update, condition, wantPrevious);
  }

  /**
   * Interprets the answer of a command {@link #queue} returned.
   */
  public static PutOutcome outcome(@Nullable Object answer, boolean wantPrevious) {
    if (answer instanceof List) {
      @SuppressWarnings("unchecked")
      List<Object> reply = (List<Object>) answer;
      return PutOutcome.of(reply);
    }
    if (answer instanceof byte[]) {
      return new PutOutcome(true, true, (byte[]) answer);
    }
    // SET answered without GET (or SET GET found nothing).
    return new PutOutcome(true, false, null);
  }

  /** Applies the access TTL a dynamic policy gives (after a read that found the entry). */
  public void touch(byte[] key) {
    long ttl = expiry.forAccess();
    if (ttl != Ttl.KEEP) {
      store.expire(key, ttl);
    }
  }

  /** {@link #touch} without waiting; completes on {@code completion}. */
  public CompletableFuture<Void> touchAsync(byte[] key, Executor completion) {
    long ttl = expiry.forAccess();
    return ttl == Ttl.KEEP ? CompletableFuture.completedFuture(null) : store.expireAsync(key, ttl, completion);
  }

  // Under the eternal policy every entry is eternal, so "keep the TTL" on update and "no TTL" are the same
  // thing and the plain SET suffices.
  private long effectiveUpdate(long create) {
    long update = expiry.forUpdate();
    return update == Ttl.KEEP && create == Ttl.ETERNAL ? Ttl.ETERNAL : update;
  }

  private PutOutcome writeDynamic(byte[] key, byte[] value, WriteCondition condition) {
    byte[] current = store.get(key);
    while (true) {
      DynamicStep step = DynamicStep.before(expiry, current, condition);
      if (step.outcome() != null) {
        return step.outcome();
      }
      CasOutcome cas = store.compareAndSet(key, current, step.action(), value, step.ttl(), Ttl.KEEP);
      PutOutcome done = step.after(cas);
      if (done != null) {
        return done;
      }
      current = cas.current();
    }
  }

  /** {@link #writeDynamic}'s loop, each turn sent without waiting. */
  private CompletableFuture<PutOutcome> writeDynamicAsync(byte[] key, byte[] value, WriteCondition condition,
      byte @Nullable [] current, Executor completion) {
    DynamicStep step = DynamicStep.before(expiry, current, condition);
    if (step.outcome() != null) {
      return CompletableFuture.completedFuture(step.outcome());
    }
    return store.compareAndSetAsync(key, current, step.action(), value, step.ttl(), Ttl.KEEP, completion)
        .thenCompose(cas -> {
          PutOutcome done = step.after(cas);
          return done != null ? CompletableFuture.completedFuture(done)
              : writeDynamicAsync(key, value, condition, cas.current(), completion);
        });
  }

  /**
   * One turn of a dynamic policy's write, given the bytes last seen: whether the condition already decides it,
   * else the compare-and-set to send and how to read its answer. Shared by the blocking and asynchronous loops.
   *
   * @param outcome the outcome when no command is needed, else {@code null}
   */
  private record DynamicStep(byte @Nullable [] current, @Nullable PutOutcome outcome, CasAction action, long ttl) {

    static DynamicStep before(ExpiryCalculator expiry, byte @Nullable [] current, WriteCondition condition) {
      boolean exists = current != null;
      if ((condition == WriteCondition.IF_ABSENT && exists) || (condition == WriteCondition.IF_PRESENT && !exists)) {
        return new DynamicStep(current, new PutOutcome(false, exists, current), CasAction.SET, Ttl.KEEP);
      }
      long ttl = exists ? expiry.forUpdate() : expiry.forCreation();
      return new DynamicStep(current, null, ttl == Ttl.EXPIRE_NOW ? CasAction.DELETE : CasAction.SET, ttl);
    }

    /** @return the outcome, or {@code null} to go round again with the bytes the script found */
    @Nullable PutOutcome after(CasOutcome cas) {
      boolean exists = current != null;
      if (cas.matched()) {
        // An entry expired on arrival was removed, not written (JSR-107 §6: no put, no created event).
        return new PutOutcome(action == CasAction.SET, exists, current);
      }
      if (current == null && cas.current() == null) {
        return new PutOutcome(false, false, null); // skipped in degraded mode: "absent" never mismatches "absent"
      }
      return null;
    }
  }
}
