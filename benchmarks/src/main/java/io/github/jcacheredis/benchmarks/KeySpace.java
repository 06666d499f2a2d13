package io.github.jcacheredis.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The keys of one target: {@value #SIZE} present keys (fewer for large values), as many keys that are never
 * written (for misses), and {@value #BATCHES} batches of {@value #BATCH_SIZE} distinct present keys, all built
 * before measuring. Every operation picks its key uniformly at random.
 *
 * @param <V> value type
 */
final class KeySpace<V> {

  static final int SIZE = 10_000;
  static final int BATCH_SIZE = 100;
  static final int BATCHES = 1024;

  private final int size;
  private final String[] present;
  private final String[] absent;
  @SuppressWarnings("unchecked")
  private final KeyBatch<V>[] batches = new KeyBatch[BATCHES];

  /** {@value #SIZE} keys starting with {@code prefix}, batches carrying {@code value}. */
  KeySpace(String prefix, V value) {
    this(prefix, value, SIZE);
  }

  /** {@code size} (at least {@value #BATCH_SIZE}) keys starting with {@code prefix}. */
  KeySpace(String prefix, V value, int size) {
    if (size < BATCH_SIZE) {
      throw new IllegalArgumentException("key space " + size + " is smaller than a batch");
    }
    this.size = size;
    this.present = new String[size];
    this.absent = new String[size];
    for (int i = 0; i < size; i++) {
      present[i] = prefix + String.format("k%05d", i);
      absent[i] = prefix + String.format("m%05d", i);
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int b = 0; b < BATCHES; b++) {
      String[] keys = new String[BATCH_SIZE];
      // 100 distinct indexes, drawn uniformly.
      int[] indexes = random.ints(0, size).distinct().limit(BATCH_SIZE).toArray();
      for (int i = 0; i < BATCH_SIZE; i++) {
        keys[i] = present[indexes[i]];
      }
      batches[b] = new KeyBatch<>(keys, value);
    }
  }

  /** @return every present key, for populating */
  String[] all() {
    return present;
  }

  /** @return a present key, uniformly at random */
  String anyPresent() {
    return present[ThreadLocalRandom.current().nextInt(size)];
  }

  /** @return a key that is never written, uniformly at random */
  String anyAbsent() {
    return absent[ThreadLocalRandom.current().nextInt(size)];
  }

  /** @return one of the prepared batches, uniformly at random */
  KeyBatch<V> anyBatch() {
    return batches[ThreadLocalRandom.current().nextInt(BATCHES)];
  }
}
