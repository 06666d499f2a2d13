package io.github.jcacheredis.internal.processor;

import java.util.Objects;
import java.util.function.Function;
import javax.cache.processor.MutableEntry;
import org.jspecify.annotations.Nullable;

/**
 * The entry an {@link javax.cache.processor.EntryProcessor} works on: a private copy of the value read from
 * Redis, recording what the processor did so that the cache can apply it in one compare-and-set afterwards.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ProcessorEntry<K, V> implements MutableEntry<K, V> {

  private final K key;
  private final @Nullable V original;
  private final @Nullable Function<K, @Nullable V> loader;
  private @Nullable V value;
  private EntryOperation operation = EntryOperation.NONE;

  /**
   * @param key      the key
   * @param original the value read from Redis, or {@code null}
   * @param loader   read-through loader for a missing value, or {@code null} when read-through is off
   */
  public ProcessorEntry(K key, @Nullable V original, @Nullable Function<K, @Nullable V> loader) {
    this.key = Objects.requireNonNull(key);
    this.original = original;
    this.value = original;
    this.loader = loader;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public boolean exists() {
    return value != null;
  }

  @Override
  public @Nullable V getValue() {
    if (operation == EntryOperation.NONE) {
      if (value != null) {
        operation = EntryOperation.ACCESS;
      } else if (loader != null) {
        value = loader.apply(key);
        if (value != null) {
          operation = EntryOperation.LOAD;
        }
      }
    }
    return value;
  }

  @Override
  public void remove() {
    // Removing a value this processor created (or loaded) leaves nothing to do; any other remove reaches the
    // writer even when there was no entry, as the reference implementation does.
    operation = operation == EntryOperation.CREATE || operation == EntryOperation.LOAD ? EntryOperation.NONE
        : EntryOperation.REMOVE;
    value = null;
  }

  @Override
  public void setValue(V newValue) {
    Objects.requireNonNull(newValue, "an entry processor cannot set a null value");
    operation = original == null ? EntryOperation.CREATE : EntryOperation.UPDATE;
    value = newValue;
  }

  /** @return what the processor did */
  public EntryOperation operation() {
    return operation;
  }

  /** @return the value the processor left (null after a remove) */
  public @Nullable V value() {
    return value;
  }

  /** @return the value read from Redis, or {@code null} when there was none */
  public @Nullable V original() {
    return original;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("Cannot unwrap a MutableEntry to " + clazz.getName());
  }
}
