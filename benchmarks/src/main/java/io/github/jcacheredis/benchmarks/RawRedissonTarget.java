package io.github.jcacheredis.benchmarks;

import java.util.Map;
import java.util.Objects;
import org.redisson.api.RBatch;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;

/**
 * The floor: what Redisson itself does for each operation with its default codec (Kryo5Codec in 4.7.0), one
 * Redis string per entry under {@code name:}. get/put/putIfAbsent/remove are one RBucket command each
 * (GET, SET, SET NX, DEL); getAll is RBuckets' MGET; putAll is one RBatch of 100 SETs, which is what a
 * JSR-107 putAll must send when entries may carry their own TTLs; increment is RBucket's optimistic
 * get-then-compareAndSet, the lock-free equivalent of an atomic entry processor.
 *
 * @param <V> value type
 */
final class RawRedissonTarget<V> implements Target<V> {

  private final RedissonClient client;
  private final String prefix;

  RawRedissonTarget(RedissonClient client, String name) {
    this.client = Objects.requireNonNull(client, "client");
    this.prefix = name + ":";
  }

  @Override
  public String keyPrefix() {
    return prefix;
  }

  @Override
  public V get(String key) {
    return client.<V>getBucket(key).get();
  }

  @Override
  public void put(String key, V value) {
    client.<V>getBucket(key).set(value);
  }

  @Override
  public boolean putIfAbsent(String key, V value) {
    return client.<V>getBucket(key).setIfAbsent(value);
  }

  @Override
  public boolean remove(String key) {
    return client.getBucket(key).delete();
  }

  @Override
  public Map<String, V> getAll(KeyBatch<V> batch) {
    return client.getBuckets().get(batch.keys());
  }

  @Override
  public void putAll(KeyBatch<V> batch) {
    RBatch redisBatch = client.createBatch();
    for (Map.Entry<String, V> entry : batch.entries().entrySet()) {
      redisBatch.<V>getBucket(entry.getKey()).setAsync(entry.getValue());
    }
    redisBatch.execute();
  }

  @Override
  public long increment(String key) {
    RBucket<Long> bucket = client.getBucket(key);
    while (true) {
      Long current = bucket.get();
      long next = (current == null ? 0L : current) + 1;
      if (bucket.compareAndSet(current, next)) {
        return next;
      }
    }
  }

  @Override
  public void clear() {
    client.getKeys().unlinkByPattern(prefix + "*");
  }

  @Override
  public void close() {
    clear();
  }
}
