package io.github.jcacheredis.internal.integration;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import org.jspecify.annotations.Nullable;

/**
 * The cache's {@link CacheWriter} when write-through is on, or nothing. Every failure reaches the caller as a
 * {@link CacheWriterException} (JSR-107 §9.2), and the cache calls it before it changes Redis, so a failed
 * write leaves the cache as it was.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class WriteThrough<K, V> implements Closeable {

  private final @Nullable CacheWriter<? super K, ? super V> writer;

  /**
   * @param writer the writer, or {@code null} when write-through is off
   */
  public WriteThrough(@Nullable CacheWriter<? super K, ? super V> writer) {
    this.writer = writer;
  }

  /** @return whether a writer is called */
  public boolean isEnabled() {
    return writer != null;
  }

  /** Writes one entry to the system of record. */
  public void write(Cache.Entry<? extends K, ? extends V> entry) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(entry);
    } catch (CacheWriterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheWriterException("CacheWriter.write failed for key " + entry.getKey(), e);
    }
  }

  /**
   * Writes entries; on return (or failure) {@code entries} holds those not written.
   *
   * @return the failure to rethrow once the written entries are in the cache, or {@code null}
   */
  public @Nullable CacheWriterException writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
    if (writer == null || entries.isEmpty()) {
      return null;
    }
    try {
      @SuppressWarnings({"unchecked", "rawtypes"})
      CacheWriter<K, V> typed = (CacheWriter) writer;
      typed.writeAll(entries);
      return null;
    } catch (CacheWriterException e) {
      return e;
    } catch (RuntimeException e) {
      return new CacheWriterException("CacheWriter.writeAll failed", e);
    }
  }

  /** Deletes one key from the system of record. */
  public void delete(Object key) {
    if (writer == null) {
      return;
    }
    try {
      writer.delete(key);
    } catch (CacheWriterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheWriterException("CacheWriter.delete failed for key " + key, e);
    }
  }

  /**
   * Deletes keys; on return (or failure) {@code keys} holds those not deleted.
   *
   * @return the failure to rethrow once the deleted keys are out of the cache, or {@code null}
   */
  public @Nullable CacheWriterException deleteAll(Collection<?> keys) {
    if (writer == null || keys.isEmpty()) {
      return null;
    }
    try {
      writer.deleteAll(keys);
      return null;
    } catch (CacheWriterException e) {
      return e;
    } catch (RuntimeException e) {
      return new CacheWriterException("CacheWriter.deleteAll failed", e);
    }
  }

  @Override
  public void close() throws IOException {
    if (writer instanceof Closeable) {
      ((Closeable) writer).close();
    }
  }
}
