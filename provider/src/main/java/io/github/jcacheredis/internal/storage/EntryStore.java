package io.github.jcacheredis.internal.storage;

import io.github.jcacheredis.internal.expiry.Ttl;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.redisson.api.BatchOptions;
import org.redisson.api.RFuture;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.protocol.RedisCommand;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.client.protocol.decoder.ListMultiDecoder2;
import org.redisson.client.protocol.decoder.ListScanResult;
import org.redisson.client.protocol.decoder.ListScanResultReplayDecoder;
import org.redisson.client.protocol.decoder.ObjectListReplayDecoder;
import org.redisson.command.CommandAsyncExecutor;
import org.redisson.command.CommandBatchService;
import org.redisson.connection.MasterSlaveEntry;

/**
 * The Redis side of one cache: blocking calls of {@link EntryCommands} that turn every Redis or connection
 * failure into a {@link RedisUnavailableException} naming the cache and the operation, plus pipelines and key scans.
 *
 * <p>A key holding another Redis type than a string (a hash, list, set, sorted set or stream) is not an outage
 * but a corrupt entry: whatever reads its value gets zero bytes, which no value format accepts, and writes
 * replace or delete it as they do any corrupt value (see {@link WrongType}).
 */
public final class EntryStore {

  // SCAN with keys decoded as raw bytes: keys may hold Kryo-encoded cache keys. (Redisson's decoder is raw-typed.)
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final RedisCommand<ListScanResult<Object>> SCAN = new RedisCommand<>("SCAN",
      new ListMultiDecoder2(new ListScanResultReplayDecoder(), new ObjectListReplayDecoder<>()));


  private final CommandAsyncExecutor executor;
  private final String cacheName;
  private final Consumer<byte[]> writeObserver;
  private final OutagePolicy outagePolicy;
  // What a pipelined read of a key of another type answers (zero bytes, no further command).
  private final Foreign readForeign = new Foreign(null, null, Ttl.KEEP);

  /**
   * @param executor  the Redisson command executor of the CacheManager's connection
   * @param cacheName the cache's name, for error messages
   */
  public EntryStore(CommandAsyncExecutor executor, String cacheName) {
    this(executor, cacheName, EntryStore::noObserver);
  }

  /**
   * @param executor      the Redisson command executor of the CacheManager's connection
   * @param cacheName     the cache's name, for error messages
   * @param writeObserver told the key of every write (or attempted write) once Redis has answered; the near
   *                      cache uses it to drop its copy
   */
  public EntryStore(CommandAsyncExecutor executor, String cacheName, Consumer<byte[]> writeObserver) {
    this(executor, cacheName, writeObserver, OutagePolicy.FAIL);
  }

  /**
   * @param executor      the Redisson command executor of the CacheManager's connection
   * @param cacheName     the cache's name, for error messages
   * @param writeObserver told the key of every write (see above)
   * @param outagePolicy  whether failed commands throw or are skipped (degraded mode)
   */
  public EntryStore(CommandAsyncExecutor executor, String cacheName, Consumer<byte[]> writeObserver,
      OutagePolicy outagePolicy) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.cacheName = Objects.requireNonNull(cacheName, "cacheName");
    this.writeObserver = Objects.requireNonNull(writeObserver, "writeObserver");
    this.outagePolicy = Objects.requireNonNull(outagePolicy, "outagePolicy");
  }

  /** @return the value at {@code key}, or {@code null} */
  public byte @Nullable [] get(byte[] key) {
    return await(() -> EntryCommands.get(executor, key), "GET", false, WrongType::value);
  }

  /** @return the value at {@code key} after setting its TTL (GETEX), or {@code null} */
  public byte @Nullable [] getAndExpire(byte[] key, long ttl) {
    return await(() -> EntryCommands.getAndExpire(executor, key, ttl), ttl == Ttl.KEEP ? "GET" : "GETEX", false,
        ttl == Ttl.EXPIRE_NOW ? () -> deleteForeign(key) : WrongType::value);
  }

  /** @return the value removed from {@code key} (GETDEL), or {@code null} */
  public byte @Nullable [] getAndDelete(byte[] key) {
    return write(key, () -> EntryCommands.getAndDelete(executor, key), "GETDEL", () -> deleteForeign(key));
  }

  /** GETDEL refuses a key of another type; it goes as a corrupt value would, and reads as one. */
  private byte[] deleteForeign(byte[] key) {
    await(() -> EntryCommands.delete(executor, key), "DEL", true, null);
    return WrongType.value();
  }

  /** @return whether {@code key} exists (whatever its Redis type) */
  public boolean exists(byte[] key) {
    return Boolean.TRUE.equals(await(() -> EntryCommands.exists(executor, key), "EXISTS"));
  }

  /** @return what {@code key} holds, by its Redis type (TYPE): nothing, an entry's string, or another type */
  public KeyContent content(byte[] key) {
    return content(await(() -> EntryCommands.type(executor, key), "TYPE"));
  }

  /** @return whether {@code key} existed and was deleted */
  public boolean delete(byte[] key) {
    return Boolean.TRUE.equals(write(key, () -> EntryCommands.delete(executor, key), "DEL"));
  }

  /** Writes {@code value} with {@code ttl} (not {@code Ttl.EXPIRE_NOW}). */
  public void set(byte[] key, byte[] value, long ttl) {
    write(key, () -> EntryCommands.set(executor, key, value, ttl), "SET");
  }

  /** @return the previous value, after writing {@code value} */
  public byte @Nullable [] setAndGet(byte[] key, byte[] value, long ttl) {
    return write(key, () -> EntryCommands.setAndGet(executor, key, value, ttl), "SET GET",
        () -> overwriteForeign(key, value, ttl));
  }

  /** SET ... GET refuses a key of another type, but a plain SET replaces it, as it does corrupt bytes. */
  private byte[] overwriteForeign(byte[] key, byte[] value, long ttl) {
    await(() -> EntryCommands.set(executor, key, value, ttl), "SET", true, null);
    return WrongType.value();
  }

  /** @return whether {@code value} was written because {@code key} was absent */
  public boolean setIfAbsent(byte[] key, byte[] value, long ttl) {
    return Boolean.TRUE.equals(write(key, () -> EntryCommands.setIfAbsent(executor, key, value, ttl), "SET NX"));
  }

  /** @return whether {@code value} was written because {@code key} was present */
  public boolean setIfPresent(byte[] key, byte[] value, long ttl) {
    return Boolean.TRUE.equals(write(key, () -> EntryCommands.setIfPresent(executor, key, value, ttl), "SET XX"));
  }

  /** @return the previous value if {@code key} was present and has been overwritten, else {@code null} */
  public byte @Nullable [] setIfPresentAndGet(byte[] key, byte[] value, long ttl) {
    return write(key, () -> EntryCommands.setIfPresentAndGet(executor, key, value, ttl), "SET XX GET",
        () -> overwriteForeignIfPresent(key, value, ttl));
  }

  /** SET XX GET refuses a key of another type; SET XX replaces it (unless it has gone meanwhile). */
  private byte @Nullable [] overwriteForeignIfPresent(byte[] key, byte[] value, long ttl) {
    boolean written = Boolean.TRUE.equals(await(() -> EntryCommands.setIfPresent(executor, key, value, ttl),
        "SET XX", true, null));
    return written ? WrongType.value() : null;
  }

  /** Sets the TTL of {@code key} if it exists. */
  public void expire(byte[] key, long ttl) {
    write(key, () -> EntryCommands.expire(executor, key, ttl), "PEXPIRE");
  }

  /** Runs {@code put.lua}; see {@link EntryCommands#put}. */
  public PutOutcome put(byte[] key, byte[] value, long createTtl, long updateTtl, WriteCondition condition,
      boolean returnPrevious) {
    return PutOutcome.of(write(key, () -> EntryCommands.put(executor, key, value, createTtl, updateTtl,
        condition, returnPrevious), "put script"));
  }

  /** Runs {@code compare_and_set.lua}; see {@link EntryCommands#compareAndSet}. */
  public CasOutcome compareAndSet(byte[] key, byte @Nullable [] expected, CasAction action,
      byte @Nullable [] value, long ttl, long ttlOnMismatch) {
    return CasOutcome.of(write(key, () -> EntryCommands.compareAndSet(executor, key, expected, action, value,
        ttl, ttlOnMismatch), "compare-and-set script"));
  }

  /**
   * GET and PTTL in one round trip.
   *
   * @return the value (or {@code null}) and its remaining TTL in milliseconds ({@code <= 0}: none or absent)
   */
  public ValueWithTtl getWithTtl(byte[] key) {
    CommandBatchService batch = new CommandBatchService(executor, BatchOptions.defaults());
    RFuture<byte[]> value = EntryCommands.get(batch, key);
    RFuture<Long> ttl = EntryCommands.ttl(batch, key);
    // A key of another type fails the GET, and with it the batch; PTTL still answers.
    await(batch::executeAsync, "GET+PTTL", false, () -> null);
    Long millis = await(() -> ttl, "PTTL");
    return new ValueWithTtl(await(() -> value, "GET", false, WrongType::value), RemainingTtl.ofPttl(millis));
  }

  // ------------------------------------------------------------------------------------------ without waiting
  //
  // The same commands as above, sent without parking the calling thread. Each answer is interpreted on
  // {@code completion} (never on Redisson's I/O threads, which must not run the cache's continuations: decoding,
  // listeners, the caller's own stages) exactly as the blocking form interprets it: a key of another type, a
  // failure absorbed in degraded mode, the near-cache observer told of a write.

  /** {@link #get} without waiting; completes on {@code completion}. */
  public CompletableFuture<byte[]> getAsync(byte[] key, Executor completion) {
    return async(null, () -> EntryCommands.get(executor, key), "GET", false, EntryStore::wrongTypeValue,
        completion);
  }

  /** {@link #getAndExpire} without waiting; completes on {@code completion}. */
  public CompletableFuture<byte[]> getAndExpireAsync(byte[] key, long ttl, Executor completion) {
    return async(null, () -> EntryCommands.getAndExpire(executor, key, ttl), ttl == Ttl.KEEP ? "GET" : "GETEX",
        false, ttl == Ttl.EXPIRE_NOW ? () -> deleteForeignAsync(key, completion) : EntryStore::wrongTypeValue,
        completion);
  }

  /** {@link #getAndDelete} without waiting; completes on {@code completion}. */
  public CompletableFuture<byte[]> getAndDeleteAsync(byte[] key, Executor completion) {
    return async(key, () -> EntryCommands.getAndDelete(executor, key), "GETDEL", true,
        () -> deleteForeignAsync(key, completion), completion);
  }

  /** {@link #deleteForeign} without waiting. */
  private CompletableFuture<byte[]> deleteForeignAsync(byte[] key, Executor completion) {
    return async(null, () -> EntryCommands.delete(executor, key), "DEL", true, null, completion)
        .thenApply(deleted -> WrongType.value());
  }

  private static CompletableFuture<byte[]> wrongTypeValue() {
    return CompletableFuture.completedFuture(WrongType.value());
  }

  /** {@link #delete} without waiting; completes on {@code completion}. */
  public CompletableFuture<Boolean> deleteAsync(byte[] key, Executor completion) {
    return async(key, () -> EntryCommands.delete(executor, key), "DEL", true, null, completion)
        .thenApply(Boolean.TRUE::equals);
  }

  /** {@link #exists} without waiting; completes on {@code completion}. */
  public CompletableFuture<Boolean> existsAsync(byte[] key, Executor completion) {
    return async(null, () -> EntryCommands.exists(executor, key), "EXISTS", false, null, completion)
        .thenApply(Boolean.TRUE::equals);
  }

  /** {@link #content} without waiting; completes on {@code completion}. */
  public CompletableFuture<KeyContent> contentAsync(byte[] key, Executor completion) {
    return async(null, () -> EntryCommands.type(executor, key), "TYPE", false, null, completion)
        .thenApply(EntryStore::content);
  }

  private static KeyContent content(@Nullable String type) {
    if (type == null || type.equals("none")) {
      return KeyContent.ABSENT; // (null: skipped in degraded mode)
    }
    return type.equals("string") ? KeyContent.STRING : KeyContent.OTHER_TYPE;
  }

  /** {@link #expire} without waiting; completes on {@code completion}. */
  public CompletableFuture<Void> expireAsync(byte[] key, long ttl, Executor completion) {
    return async(key, () -> EntryCommands.expire(executor, key, ttl), "PEXPIRE", true, null, completion)
        .thenApply(done -> null);
  }

  /** {@link #getWithTtl} without waiting; completes on {@code completion}. */
  public CompletableFuture<ValueWithTtl> getWithTtlAsync(byte[] key, Executor completion) {
    CommandBatchService batch = new CommandBatchService(executor, BatchOptions.defaults());
    RFuture<byte[]> value = EntryCommands.get(batch, key);
    RFuture<Long> ttl = EntryCommands.ttl(batch, key);
    // A key of another type fails the GET, and with it the batch; PTTL still answers (as getWithTtl reads it).
    return async(null, () -> batch.executeAsync(), "GET+PTTL", false, () -> CompletableFuture.completedFuture(null),
        completion).thenCompose(sent -> async(null, () -> ttl, "PTTL", false, null, completion))
        .thenCompose(millis -> async(null, () -> value, "GET", false, EntryStore::wrongTypeValue, completion)
            .thenApply(bytes -> new ValueWithTtl(bytes, RemainingTtl.ofPttl(millis))));
  }

  /** {@link #set} without waiting; completes on {@code completion}. */
  public CompletableFuture<Void> setAsync(byte[] key, byte[] value, long ttl, Executor completion) {
    return async(key, () -> EntryCommands.set(executor, key, value, ttl), "SET", true, null, completion);
  }

  /** {@link #setAndGet} without waiting; completes on {@code completion}. */
  public CompletableFuture<byte[]> setAndGetAsync(byte[] key, byte[] value, long ttl, Executor completion) {
    return async(key, () -> EntryCommands.setAndGet(executor, key, value, ttl), "SET GET", true,
        () -> async(null, () -> EntryCommands.set(executor, key, value, ttl), "SET", true, null, completion)
            .thenApply(done -> WrongType.value()), completion);
  }

  /** {@link #setIfAbsent} without waiting; completes on {@code completion}. */
  public CompletableFuture<Boolean> setIfAbsentAsync(byte[] key, byte[] value, long ttl, Executor completion) {
    return async(key, () -> EntryCommands.setIfAbsent(executor, key, value, ttl), "SET NX", true, null, completion)
        .thenApply(Boolean.TRUE::equals);
  }

  /** {@link #setIfPresent} without waiting; completes on {@code completion}. */
  public CompletableFuture<Boolean> setIfPresentAsync(byte[] key, byte[] value, long ttl, Executor completion) {
    return async(key, () -> EntryCommands.setIfPresent(executor, key, value, ttl), "SET XX", true, null, completion)
        .thenApply(Boolean.TRUE::equals);
  }

  /** {@link #setIfPresentAndGet} without waiting; completes on {@code completion}. */
  public CompletableFuture<byte[]> setIfPresentAndGetAsync(byte[] key, byte[] value, long ttl,
      Executor completion) {
    return async(key, () -> EntryCommands.setIfPresentAndGet(executor, key, value, ttl), "SET XX GET", true,
        () -> async(null, () -> EntryCommands.setIfPresent(executor, key, value, ttl), "SET XX", true, null,
            completion).thenApply(written -> Boolean.TRUE.equals(written) ? WrongType.value() : null), completion);
  }

  /** {@link #put} without waiting; completes on {@code completion}. */
  public CompletableFuture<PutOutcome> putAsync(byte[] key, byte[] value, long createTtl, long updateTtl,
      WriteCondition condition, boolean returnPrevious, Executor completion) {
    return async(key, () -> EntryCommands.put(executor, key, value, createTtl, updateTtl, condition,
        returnPrevious), "put script", true, null, completion).thenApply(PutOutcome::of);
  }

  /** {@link #compareAndSet} without waiting; completes on {@code completion}. */
  public CompletableFuture<CasOutcome> compareAndSetAsync(byte[] key, byte @Nullable [] expected, CasAction action,
      byte @Nullable [] value, long ttl, long ttlOnMismatch, Executor completion) {
    return async(key, () -> EntryCommands.compareAndSet(executor, key, expected, action, value, ttl,
        ttlOnMismatch), "compare-and-set script", true, null, completion).thenApply(CasOutcome::of);
  }

  /**
   * Sends a command and interprets its answer on {@code completion}, as {@link #await} and {@link #write} do.
   *
   * @param written     the key a write changes (the observer hears of it whatever the answer), {@code null} for
   *                    reads
   * @param onWrongType the answer when the key holds another type; a further command it sends goes through this
   *                    method too, so that what it returns also completes on {@code completion}
   */
  @SuppressWarnings("FutureReturnValueIgnored") // the nested stage is composed away at once (thenCompose)
  private <T> CompletableFuture<T> async(byte @Nullable [] written, Supplier<RFuture<T>> command, String operation,
      boolean write, @Nullable Supplier<CompletableFuture<T>> onWrongType, Executor completion) {
    CompletableFuture<T> sent;
    try {
      sent = command.get().toCompletableFuture();
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    return sent.handleAsync((answer, failure) -> {
      try {
        if (failure == null) {
          return CompletableFuture.completedFuture(answer);
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        if (onWrongType != null && WrongType.is(cause)) {
          return onWrongType.get();
        }
        RedisUnavailableException unavailable = unavailable(operation, cause);
        if (outagePolicy.absorb(unavailable, write)) {
          return CompletableFuture.<T>completedFuture(null);
        }
        throw unavailable;
      } finally {
        if (written != null) {
          writeObserver.accept(written);
        }
      }
    }, completion).thenCompose(answer -> answer);
  }

  /** Awaits a write; the observer hears of it even if the answer never came (the write may have happened). */
  private <T> @Nullable T write(byte[] key, Supplier<RFuture<T>> command, String operation) {
    return write(key, command, operation, null);
  }

  private <T> @Nullable T write(byte[] key, Supplier<RFuture<T>> command, String operation,
      @Nullable Supplier<T> onWrongType) {
    try {
      return await(command, operation, true, onWrongType);
    } finally {
      writeObserver.accept(key);
    }
  }

  /**
   * Reads many keys with MGET, one command per hash slot, all pipelined together: one round trip per node.
   * For reads that leave TTLs alone; {@link Pipeline#getAndExpire} covers the others.
   *
   * @param keys the keys (each array instance is the map key of its answer)
   * @return each key's value, or {@code null}; keyed by identity
   */
  public java.util.Map<byte[], byte[]> getAll(List<byte[]> keys) {
    java.util.IdentityHashMap<byte[], byte[]> values = new java.util.IdentityHashMap<>(keys.size() * 2);
    if (keys.isEmpty()) {
      return values;
    }
    java.util.Map<Integer, List<byte[]>> bySlot = bySlot(keys);
    if (bySlot.size() == 1) {
      // One hash slot (always, outside Cluster): one plain MGET, without the batch executor's bookkeeping,
      // as RBuckets.get sends it.
      List<byte[]> group = bySlot.values().iterator().next();
      fill(values, group, await(() -> mget(executor, group), "MGET"));
      return values;
    }
    CommandBatchService batch = new CommandBatchService(executor, BatchOptions.defaults());
    java.util.IdentityHashMap<List<byte[]>, RFuture<List<Object>>> answers = mget(batch, bySlot);
    await(batch::executeAsync, "MGET");
    answers.forEach((group, future) -> fill(values, group, await(() -> future, "MGET")));
    return values;
  }

  /** Files an MGET's answers under the keys it asked for ({@code found} null: absorbed in degraded mode). */
  private static void fill(java.util.Map<byte[], byte[]> values, List<byte[]> group, @Nullable List<Object> found) {
    for (int i = 0; i < group.size(); i++) {
      values.put(group.get(i), found == null ? null : (byte[]) found.get(i));
    }
  }

  /**
   * {@link #getAll} without waiting: the same MGETs, one round trip per node; completes on {@code completion}.
   */
  public CompletableFuture<java.util.Map<byte[], byte[]>> getAllAsync(List<byte[]> keys, Executor completion) {
    java.util.IdentityHashMap<byte[], byte[]> values = new java.util.IdentityHashMap<>(keys.size() * 2);
    if (keys.isEmpty()) {
      return CompletableFuture.completedFuture(values);
    }
    java.util.Map<Integer, List<byte[]>> bySlot = bySlot(keys);
    if (bySlot.size() == 1) {
      List<byte[]> group = bySlot.values().iterator().next();
      return async(null, () -> mget(executor, group), "MGET", false, null, completion).thenApply(found -> {
        fill(values, group, found);
        return values;
      });
    }
    CommandBatchService batch = new CommandBatchService(executor, BatchOptions.defaults());
    java.util.IdentityHashMap<List<byte[]>, RFuture<List<Object>>> answers = mget(batch, bySlot);
    // Every MGET has answered once the batch has: reading each answer below waits for nothing.
    return async(null, batch::executeAsync, "MGET", false, null, completion).thenApply(done -> {
      answers.forEach((group, future) -> fill(values, group, await(() -> future, "MGET")));
      return values;
    });
  }

  /** {@code keys} grouped by hash slot, as MGET needs them on a cluster. */
  private java.util.Map<Integer, List<byte[]>> bySlot(List<byte[]> keys) {
    java.util.Map<Integer, List<byte[]>> bySlot = new java.util.HashMap<>();
    for (byte[] key : keys) {
      bySlot.computeIfAbsent(executor.getConnectionManager().calcSlot(key), slot -> new ArrayList<>()).add(key);
    }
    return bySlot;
  }

  /** Queues one MGET per hash slot; answers by the keys each asks for. */
  private static java.util.IdentityHashMap<List<byte[]>, RFuture<List<Object>>> mget(CommandBatchService batch,
      java.util.Map<Integer, List<byte[]>> bySlot) {
    java.util.IdentityHashMap<List<byte[]>, RFuture<List<Object>>> answers = new java.util.IdentityHashMap<>();
    for (List<byte[]> group : bySlot.values()) {
      answers.put(group, mget(batch, group));
    }
    return answers;
  }

  /** One MGET of keys of one hash slot, sent (or queued, on a batch) by {@code commands}. */
  private static RFuture<List<Object>> mget(CommandAsyncExecutor commands, List<byte[]> group) {
    return commands.readAsync(group.get(0), ByteArrayCodec.INSTANCE, RedisCommands.MGET, group.toArray());
  }

  /**
   * Adds to counters in a hash, all or none, in one script (see {@code add_counters.lua}); does not wait.
   *
   * @param deltas what to add to each counter, by its name (zeros are skipped)
   * @return completes with how many fields held no integer and restarted from their delta, or fails with a
   *     {@link RedisUnavailableException} having added nothing
   */
  public CompletableFuture<Long> addToCounters(byte[] key, java.util.Map<String, Long> deltas) {
    List<Object> arguments = new ArrayList<>();
    deltas.forEach((field, delta) -> {
      if (delta != 0) {
        arguments.add(field);
        arguments.add(Long.toString(delta));
      }
    });
    if (arguments.isEmpty()) {
      return CompletableFuture.completedFuture(0L);
    }
    CompletableFuture<Long> added;
    try {
      added = EntryCommands.addToCounters(executor, key, arguments).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(unavailable("statistics script", e));
    }
    return added.handle((restarted, failure) -> {
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        throw unavailable("statistics script", cause);
      }
      return restarted;
    });
  }

  /**
   * @return a hash's fields and values as text (HGETALL); empty when it does not exist. Nothing is parsed:
   *     the values are whatever Redis holds.
   */
  public java.util.Map<String, String> hash(byte[] key) {
    java.util.Map<Object, Object> raw = await(() -> EntryCommands.fields(executor, key), "HGETALL");
    java.util.Map<String, String> fields = new java.util.HashMap<>();
    if (raw != null) {
      raw.forEach((field, value) -> fields.put(new String((byte[]) field, java.nio.charset.StandardCharsets.UTF_8),
          new String((byte[]) value, java.nio.charset.StandardCharsets.UTF_8)));
    }
    return fields;
  }

  /** @return a new pipeline: commands queued on it go to Redis together in one round trip per node */
  public Pipeline pipeline() {
    return new Pipeline();
  }

  /**
   * Starts a scan over every master node of keys matching {@code pattern}.
   *
   * @param pattern a SCAN MATCH glob
   * @param count   the COUNT hint per SCAN call
   * @return the scan, one page at a time
   */
  public KeyScan scan(byte[] pattern, int count) {
    return new KeyScan(new ArrayList<>(executor.getConnectionManager().getEntrySet()), pattern, count);
  }

  private <T> @Nullable T await(Supplier<RFuture<T>> command, String operation) {
    return await(command, operation, false, null);
  }

  /**
   * Awaits a command; a failure is thrown, or absorbed into an empty answer in degraded mode.
   *
   * @param onWrongType the answer when Redis refuses the command because the key holds another type (see
   *                    {@link WrongType}); {@code null} for commands that work on any type
   * @return the answer, or {@code null} when Redis answered nothing or the failure was absorbed (degraded mode)
   */
  private <T> @Nullable T await(Supplier<RFuture<T>> command, String operation, boolean write,
      @Nullable Supplier<T> onWrongType) {
    RedisUnavailableException failure;
    try {
      return command.get().toCompletableFuture().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedisUnavailableException("Interrupted during Redis " + operation + " for cache '" + cacheName + "'",
          e);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (onWrongType != null && WrongType.is(cause)) {
        return onWrongType.get();
      }
      failure = unavailable(operation, cause);
    } catch (RuntimeException e) {
      // Redisson reports most failures through the future, but some (a client shutting down, a pool that
      // cannot grow) are thrown at once; either way nothing but a CacheException may leave the provider.
      failure = unavailable(operation, e);
    }
    if (outagePolicy.absorb(failure, write)) {
      return null;
    }
    throw failure;
  }

  private RedisUnavailableException unavailable(String operation, Throwable cause) {
    return new RedisUnavailableException("Redis " + operation + " failed for cache '" + cacheName + "': "
        + cause.getMessage(), cause);
  }

  /**
   * Commands queued to be sent together. Each method returns the command's future, completed by
   * {@link #execute()}.
   */
  public final class Pipeline {
    private final CommandBatchService batch = new CommandBatchService(executor, BatchOptions.defaults());
    private final List<byte[]> written = new ArrayList<>();
    // What a command answers when its key holds another type (see WrongType), by the command's future.
    private final java.util.IdentityHashMap<RFuture<byte[]>, Foreign> onWrongType = new java.util.IdentityHashMap<>();
    // The wrong-type answers executeAsync settled without waiting, by the command's future (null until then).
    private java.util.@Nullable IdentityHashMap<RFuture<?>, byte[]> settled;
    private int size;

    private Pipeline() {
    }

    /** Queues GET. */
    public Queued<byte[]> get(byte[] key) {
      size++;
      return new Queued<>(onWrongType(EntryCommands.get(batch, key), readForeign));
    }

    /** Queues GET or GETEX (see {@link EntryStore#getAndExpire}). */
    public Queued<byte[]> getAndExpire(byte[] key, long ttl) {
      size++;
      return new Queued<>(onWrongType(EntryCommands.getAndExpire(batch, key, ttl),
          ttl == Ttl.EXPIRE_NOW ? new Foreign(key, null, Ttl.KEEP) : readForeign));
    }

    /** Queues GETDEL. */
    public Queued<byte[]> getAndDelete(byte[] key) {
      size++;
      written.add(key);
      return new Queued<>(onWrongType(EntryCommands.getAndDelete(batch, key), new Foreign(key, null, Ttl.KEEP)));
    }

    /** Queues DEL. */
    public Queued<Boolean> delete(byte[] key) {
      size++;
      written.add(key);
      return new Queued<>(EntryCommands.delete(batch, key));
    }

    /** Queues UNLINK. */
    public Queued<Long> unlink(byte[] key) {
      size++;
      written.add(key);
      return new Queued<>(EntryCommands.unlink(batch, key));
    }

    /** Queues SET. */
    public Queued<Void> set(byte[] key, byte[] value, long ttl) {
      size++;
      written.add(key);
      return new Queued<>(EntryCommands.set(batch, key, value, ttl));
    }

    /** Queues SET ... GET. */
    public Queued<byte[]> setAndGet(byte[] key, byte[] value, long ttl) {
      size++;
      written.add(key);
      return new Queued<>(onWrongType(EntryCommands.setAndGet(batch, key, value, ttl),
          new Foreign(key, value, ttl)));
    }

    private RFuture<byte[]> onWrongType(RFuture<byte[]> future, Foreign answer) {
      onWrongType.put(future, answer);
      return future;
    }

    /** Queues PEXPIRE / PERSIST. */
    public Queued<Boolean> expire(byte[] key, long ttl) {
      size++;
      written.add(key);
      return new Queued<>(EntryCommands.expire(batch, key, ttl));
    }

    /** Queues {@code compare_and_set.lua}; see {@link EntryCommands#compareAndSet}. */
    public Queued<List<Object>> compareAndSet(byte[] key, byte @Nullable [] expected, CasAction action,
        byte @Nullable [] value, long ttl, long ttlOnMismatch) {
      size++;
      written.add(key);
      return new Queued<>(EntryCommands.compareAndSet(batch, key, expected, action, value, ttl, ttlOnMismatch));
    }

    /** Queues {@code put.lua}. */
    public Queued<List<Object>> put(byte[] key, byte[] value, long createTtl, long updateTtl, WriteCondition condition,
        boolean returnPrevious) {
      size++;
      written.add(key);
      return new Queued<>(EntryCommands.put(batch, key, value, createTtl, updateTtl, condition, returnPrevious));
    }

    /** Sends every queued command and waits for all answers. */
    public void execute() {
      if (size == 0) {
        return;
      }
      try {
        // A command refused for a key of another type fails the whole batch, yet every other command ran and
        // answered: each answer is looked at by result(), which handles the refused one.
        await(batch::executeAsync, "pipeline of " + size + " commands", false, () -> null);
      } finally {
        written.forEach(writeObserver);
      }
    }

    /**
     * {@link #execute()} without waiting: the commands are sent and the returned stage completes on
     * {@code completion} once every answer is in, failing as {@code execute()} throws. A command refused for a key
     * of another type is settled on the way as {@link #result} settles it after {@code execute()} (deleting or
     * overwriting the key), its further command also sent without waiting; {@link #result} then answers at once.
     *
     * @param completion where the answers are looked at and the returned stage completes
     */
    public CompletableFuture<Void> executeAsync(Executor completion) {
      if (size == 0) {
        return CompletableFuture.completedFuture(null);
      }
      return async(null, batch::executeAsync, "pipeline of " + size + " commands", false,
          () -> CompletableFuture.completedFuture(null), completion)
          .whenComplete((done, failure) -> written.forEach(writeObserver))
          .thenCompose(done -> settleForeign(completion));
    }

    /** Sends, without waiting, the further command of each answer refused for a key of another type. */
    private CompletableFuture<Void> settleForeign(Executor completion) {
      java.util.IdentityHashMap<RFuture<?>, CompletableFuture<byte[]>> pending = new java.util.IdentityHashMap<>();
      onWrongType.forEach((future, foreign) -> {
        CompletableFuture<byte[]> answer = future.toCompletableFuture();
        if (answer.isCompletedExceptionally() && WrongType.is(answer.handle((value, failure) -> failure).join())) {
          pending.put(future, foreign.getAsync(completion));
        }
      });
      if (pending.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      // Each answer is kept once all are in, on one thread: the map is not shared while they arrive.
      return CompletableFuture.allOf(pending.values().toArray(new CompletableFuture<?>[0])).thenRun(() -> {
        settled = new java.util.IdentityHashMap<>();
        pending.forEach((future, answer) -> settled.put(future, answer.join()));
      });
    }

    /**
     * Waits for one queued command's answer after {@link #execute()} (or, without waiting, after
     * {@link #executeAsync}).
     *
     * @param queued what this pipeline returned for the command
     * @param <T>    the answer's type
     * @return the answer ({@code null} when Redis answered nothing, or skipped in degraded mode)
     */
    @SuppressWarnings("unchecked")
    public <T> @Nullable T result(Queued<T> queued) {
      RFuture<T> future = queued.future;
      if (settled != null && settled.containsKey(future)) {
        return (T) settled.get(future);
      }
      return await(() -> future, "pipelined command", false, (Supplier<T>) (Supplier<?>) onWrongType.get(future));
    }
  }

  /**
   * What a pipelined command answers when its key holds another type (see {@link WrongType}): the zero bytes of
   * a corrupt value, after deleting the key ({@code value == null}) or overwriting it, unless {@code key} is
   * {@code null} (a plain read). A description rather than a callback, so the blocking and the asynchronous
   * pipeline settle it each their own way.
   */
  private final class Foreign implements Supplier<byte[]> {
    private final byte @Nullable [] key;
    private final byte @Nullable [] value;
    private final long ttl;

    Foreign(byte @Nullable [] key, byte @Nullable [] value, long ttl) {
      this.key = key;
      this.value = value;
      this.ttl = ttl;
    }

    /** The answer, waiting for the further command (the blocking pipeline's {@code result}). */
    @Override
    public byte[] get() {
      if (key == null) {
        return WrongType.value();
      }
      return value == null ? deleteForeign(key) : overwriteForeign(key, value, ttl);
    }

    /** The answer without waiting; completes on {@code completion}. */
    CompletableFuture<byte[]> getAsync(Executor completion) {
      if (key == null) {
        return wrongTypeValue();
      }
      if (value == null) {
        return deleteForeignAsync(key, completion);
      }
      return async(null, () -> EntryCommands.set(executor, key, value, ttl), "SET", true, null, completion)
          .thenApply(done -> WrongType.value());
    }
  }

  /**
   * A command queued in a {@link Pipeline}, whose answer {@link Pipeline#result} gives once the pipeline has run:
   * Redisson's future stays inside the storage layer.
   *
   * @param <T> the answer's type
   */
  public static final class Queued<T> {
    private final RFuture<T> future;

    Queued(RFuture<T> future) {
      this.future = future;
    }
  }

  /** A SCAN over every master in turn; pages may repeat keys, as SCAN promises nothing more. */
  public final class KeyScan {
    private final List<MasterSlaveEntry> nodes;
    private final byte[] pattern;
    private final int count;
    private int node;
    private String cursor = "0";

    private KeyScan(List<MasterSlaveEntry> nodes, byte[] pattern, int count) {
      this.nodes = nodes;
      this.pattern = pattern;
      this.count = count;
    }

    /** @return the next page of keys (possibly empty), or {@code null} once every node has been scanned */
    public @Nullable List<byte[]> nextPage() {
      if (node >= nodes.size()) {
        return null;
      }
      ListScanResult<Object> result = await(() -> executor.readAsync(nodes.get(node), ByteArrayCodec.INSTANCE,
          SCAN, cursor, "MATCH", pattern, "COUNT", count), "SCAN");
      if (result == null) {
        node = nodes.size(); // degraded mode: Redis is away, so the walk ends here
        return null;
      }
      cursor = result.getPos();
      if ("0".equals(cursor)) {
        node++;
      }
      Collection<Object> values = result.getValues();
      List<byte[]> keys = new ArrayList<>(values.size());
      for (Object value : values) {
        keys.add((byte[]) value);
      }
      return keys;
    }
  }

  /** What a key holds, by its Redis type. */
  public enum KeyContent {
    /** Nothing: no such key. */
    ABSENT,
    /** A string: an entry's value (which may still fail to decode). */
    STRING,
    /** A hash, list, set, sorted set or stream: not an entry of any cache, a corrupt one. */
    OTHER_TYPE
  }

  /**
   * A value with its remaining lifetime.
   *
   * @param value the stored bytes, or {@code null}
   * @param ttl   what is left of its lifetime
   */
  public record ValueWithTtl(byte @Nullable [] value, RemainingTtl ttl) {
  }

  /**
   * What {@code put.lua} did.
   *
   * @param written  whether the value was written
   * @param existed  whether an entry existed before
   * @param previous the previous bytes, when asked for and present
   */
  public record PutOutcome(boolean written, boolean existed, byte @Nullable [] previous) {
    /** Reads the script's answer ({@code null}: skipped in degraded mode). */
    public static PutOutcome of(@Nullable List<Object> reply) {
      if (reply == null) {
        return new PutOutcome(false, false, null);
      }
      boolean written = ((Long) reply.get(0)) == 1L;
      Object second = reply.get(1);
      if (second instanceof byte[]) {
        return new PutOutcome(written, true, (byte[]) second);
      }
      return new PutOutcome(written, ((Long) second) == 1L, null);
    }
  }

  /**
   * What {@code compare_and_set.lua} did.
   *
   * @param matched whether the entry held the expected bytes and the action was applied
   * @param current on a mismatch, the bytes the entry holds ({@code null} if absent)
   */
  public record CasOutcome(boolean matched, byte @Nullable [] current) {
    /** Reads the script's answer ({@code null}: skipped in degraded mode, reported as a mismatch). */
    public static CasOutcome of(@Nullable List<Object> reply) {
      if (reply == null) {
        return new CasOutcome(false, null);
      }
      if (((Long) reply.get(0)) == 1L) {
        return new CasOutcome(true, null);
      }
      Object current = reply.size() > 1 ? reply.get(1) : null;
      return new CasOutcome(false, current instanceof byte[] ? (byte[]) current : null);
    }
  }

  private static void noObserver(byte[] key) {
    // writes of a cache without a near cache concern no one
  }
}
