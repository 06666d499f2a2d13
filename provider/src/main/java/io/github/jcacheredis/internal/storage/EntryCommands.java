package io.github.jcacheredis.internal.storage;

import io.github.jcacheredis.internal.expiry.Ttl;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.redisson.api.RFuture;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.Codec;
import org.redisson.client.protocol.RedisCommand;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.command.CommandAsyncExecutor;

/**
 * The Redis commands one entry is read and written with, issued on either the client's executor (one round trip
 * each) or a batch (all of them pipelined in one round trip). Every value is raw bytes: encoding happens above.
 *
 * <p>Single-key operations use native commands wherever one exists (GETEX, GETDEL, SET with PX/KEEPTTL/NX/XX/GET);
 * the Lua scripts cover only what no native command expresses: a TTL that depends on whether the entry
 * exists, compare-and-set, and adding to several counters all or none.
 */
final class EntryCommands {

  private static final Codec BYTES = ByteArrayCodec.INSTANCE;
  private static final RedisCommand<Object> GETDEL = new RedisCommand<>("GETDEL");
  // SET ... GET answers with the previous value (or nil), decoded by the codec like GET.
  private static final RedisCommand<Object> SET_GET = new RedisCommand<>("SET");
  // TYPE answers with a status reply, which Redisson hands over as a String.
  private static final RedisCommand<String> TYPE = new RedisCommand<>("TYPE");
  private static final LuaScript PUT = LuaScript.load("put.lua");
  private static final LuaScript COMPARE_AND_SET = LuaScript.load("compare_and_set.lua");
  private static final LuaScript ADD_TO_COUNTERS = LuaScript.load("add_counters.lua");

  private EntryCommands() {
  }

  static RFuture<byte[]> get(CommandAsyncExecutor ex, byte[] key) {
    return ex.readAsync(key, BYTES, RedisCommands.GET, key);
  }

  /** GET that also sets the entry's TTL (an access under an expiry policy that renews on access). */
  static RFuture<byte[]> getAndExpire(CommandAsyncExecutor ex, byte[] key, long ttl) {
    if (ttl == Ttl.KEEP) {
      return get(ex, key);
    }
    if (ttl == Ttl.EXPIRE_NOW) {
      return getAndDelete(ex, key);
    }
    if (ttl == Ttl.ETERNAL) {
      return ex.writeAsync(key, BYTES, RedisCommands.GETEX, key, "PERSIST");
    }
    return ex.writeAsync(key, BYTES, RedisCommands.GETEX, key, "PX", ttl);
  }

  static RFuture<byte[]> getAndDelete(CommandAsyncExecutor ex, byte[] key) {
    return ex.writeAsync(key, BYTES, GETDEL, key);
  }

  /**
   * Adds to counters in a hash, all or none (see {@code add_counters.lua}).
   *
   * @return how many fields held no integer and restarted from their delta
   */
  static RFuture<Long> addToCounters(CommandAsyncExecutor ex, byte[] key, List<Object> fieldsAndDeltas) {
    return ex.evalWriteAsync(Unpooled.wrappedBuffer(key), BYTES, RedisCommands.EVAL_LONG, ADD_TO_COUNTERS.text(),
        List.of(key), fieldsAndDeltas.toArray());
  }

  static RFuture<java.util.Map<Object, Object>> fields(CommandAsyncExecutor ex, byte[] key) {
    return ex.readAsync(key, BYTES, RedisCommands.HGETALL, key);
  }

  static RFuture<Long> ttl(CommandAsyncExecutor ex, byte[] key) {
    return ex.readAsync(key, BYTES, RedisCommands.PTTL, key);
  }

  /** TYPE: {@code none}, {@code string}, {@code hash}, {@code list}, {@code set}, {@code zset} or {@code stream}. */
  static RFuture<String> type(CommandAsyncExecutor ex, byte[] key) {
    return ex.readAsync(key, BYTES, TYPE, key);
  }

  static RFuture<Boolean> exists(CommandAsyncExecutor ex, byte[] key) {
    return ex.readAsync(key, BYTES, RedisCommands.EXISTS, key);
  }

  static RFuture<Boolean> delete(CommandAsyncExecutor ex, byte[] key) {
    return ex.writeAsync(key, BYTES, RedisCommands.DEL_BOOL, key);
  }

  static RFuture<Long> unlink(CommandAsyncExecutor ex, byte[] key) {
    return ex.writeAsync(key, BYTES, RedisCommands.UNLINK, key);
  }

  /** Unconditional write; {@code ttl} must not be {@link Ttl#EXPIRE_NOW}. */
  static RFuture<Void> set(CommandAsyncExecutor ex, byte[] key, byte[] value, long ttl) {
    return ex.writeAsync(key, BYTES, RedisCommands.SET, setArgs(key, value, ttl));
  }

  /** Unconditional write answering the previous value; {@code ttl} must not be {@link Ttl#EXPIRE_NOW}. */
  static RFuture<byte[]> setAndGet(CommandAsyncExecutor ex, byte[] key, byte[] value, long ttl) {
    return ex.writeAsync(key, BYTES, SET_GET, setArgs(key, value, ttl, "GET"));
  }

  /** SET NX: write only if absent. */
  static RFuture<Boolean> setIfAbsent(CommandAsyncExecutor ex, byte[] key, byte[] value, long ttl) {
    return ex.writeAsync(key, BYTES, RedisCommands.SET_BOOLEAN, setArgs(key, value, ttl, "NX"));
  }

  /** SET XX: write only if present. */
  static RFuture<Boolean> setIfPresent(CommandAsyncExecutor ex, byte[] key, byte[] value, long ttl) {
    return ex.writeAsync(key, BYTES, RedisCommands.SET_BOOLEAN, setArgs(key, value, ttl, "XX"));
  }

  /** SET XX GET: write only if present, answering the previous value (nil: nothing was written). */
  static RFuture<byte[]> setIfPresentAndGet(CommandAsyncExecutor ex, byte[] key, byte[] value, long ttl) {
    return ex.writeAsync(key, BYTES, SET_GET, setArgs(key, value, ttl, "XX", "GET"));
  }

  static RFuture<Boolean> expire(CommandAsyncExecutor ex, byte[] key, long ttl) {
    if (ttl == Ttl.ETERNAL) {
      return ex.writeAsync(key, BYTES, RedisCommands.PERSIST, key);
    }
    if (ttl == Ttl.EXPIRE_NOW) {
      return delete(ex, key);
    }
    return ex.writeAsync(key, BYTES, RedisCommands.PEXPIRE, key, ttl);
  }

  /**
   * The general put (see {@code put.lua}).
   *
   * @param condition when to write
   * @return {written (Long 0/1), previous bytes | Long existed}
   */
  static RFuture<List<Object>> put(CommandAsyncExecutor ex, byte[] key, byte[] value, long createTtl,
      long updateTtl, WriteCondition condition, boolean returnPrevious) {
    return ex.evalWriteAsync(Unpooled.wrappedBuffer(key), BYTES, RedisCommands.EVAL_LIST, PUT.text(),
        List.of(key), value, ttlArg(createTtl), ttlArg(updateTtl), condition.scriptArgument(),
        returnPrevious ? "1" : "0");
  }

  /**
   * Compare-and-set (see {@code compare_and_set.lua}).
   *
   * @param expected the bytes the entry must hold, or {@code null} if it must be absent
   * @param action   what to do on a match
   * @param value    the bytes to set ({@link CasAction#SET}), or {@code null} for the other actions
   * @return {1} on a match, {0, current bytes | 0} otherwise
   */
  static RFuture<List<Object>> compareAndSet(CommandAsyncExecutor ex, byte[] key, byte @Nullable [] expected,
      CasAction action, byte @Nullable [] value, long ttl, long ttlOnMismatch) {
    return ex.evalWriteAsync(Unpooled.wrappedBuffer(key), BYTES, RedisCommands.EVAL_LIST,
        COMPARE_AND_SET.text(), List.of(key), expected == null ? "" : sha1Hex(expected),
        action.scriptArgument(), value == null ? new byte[0] : value, ttlArg(ttl), ttlArg(ttlOnMismatch));
  }

  /** The SHA-1 of a value in lower-case hex, as Lua's {@code redis.sha1hex} writes it. */
  static String sha1Hex(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-1", e);
    }
  }

  static String ttlArg(long ttl) {
    if (ttl == Ttl.KEEP) {
      return "K";
    }
    if (ttl == Ttl.ETERNAL) {
      return "P";
    }
    if (ttl == Ttl.EXPIRE_NOW) {
      return "X";
    }
    return Long.toString(ttl);
  }

  private static Object[] setArgs(byte[] key, byte[] value, long ttl, String... flags) {
    List<Object> args = new ArrayList<>(5 + flags.length);
    args.add(key);
    args.add(value);
    if (ttl > 0) {
      args.add("PX");
      args.add(ttl);
    } else if (ttl == Ttl.KEEP) {
      args.add("KEEPTTL");
    } else if (ttl != Ttl.ETERNAL) {
      throw new IllegalArgumentException("SET cannot express TTL " + ttl);
    }
    args.addAll(Arrays.asList(flags));
    return args.toArray();
  }
}
