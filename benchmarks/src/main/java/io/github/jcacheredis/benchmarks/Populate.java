package io.github.jcacheredis.benchmarks;

import java.util.Arrays;

/**
 * Writes the key space before measuring, in batches of {@value KeySpace#BATCH_SIZE}, and checks that it reads
 * back: a provider that silently read its own entries as misses would otherwise post a fast "get, hit".
 */
final class Populate {

  private Populate() {
  }

  /** Writes {@code value} at every key of {@code keys}, then reads some back. */
  static <V> void all(Target<V> target, KeySpace<V> keys, V value) {
    String[] all = keys.all();
    for (int from = 0; from < all.length; from += KeySpace.BATCH_SIZE) {
      String[] slice = Arrays.copyOfRange(all, from, Math.min(all.length, from + KeySpace.BATCH_SIZE));
      target.putAll(new KeyBatch<>(slice, value));
    }
    V first = target.get(all[0]);
    if (first == null || first.getClass() != value.getClass()) {
      throw new IllegalStateException("Populated key " + all[0] + " reads back as " + first);
    }
    int found = target.getAll(keys.anyBatch()).size();
    if (found != KeySpace.BATCH_SIZE) {
      throw new IllegalStateException("getAll of " + KeySpace.BATCH_SIZE + " populated keys found " + found);
    }
    if (target.get(keys.anyAbsent()) != null) {
      throw new IllegalStateException("A key never written reads as present");
    }
  }
}
