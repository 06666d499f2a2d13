package io.github.jcacheredis.internal.integration;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/**
 * The cache's {@link CacheLoader}, with every failure reaching the caller as a {@link CacheLoaderException}
 * (JSR-107 §9.1).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ReadThrough<K, V> implements Closeable {

  private final CacheLoader<K, V> loader;
  private final boolean readThrough;

  /**
   * @param loader      the configured loader, or {@code null}
   * @param readThrough whether misses are loaded through it (loadAll uses it either way)
   */
  public ReadThrough(CacheLoader<K, V> loader, boolean readThrough) {
    this.loader = loader;
    this.readThrough = readThrough && loader != null;
  }

  /** @return whether misses are loaded */
  public boolean isReadThrough() {
    return readThrough;
  }

  /** @return whether a loader is configured at all */
  public boolean hasLoader() {
    return loader != null;
  }

  /** @return the loaded value, or {@code null} */
  public V load(K key) {
    try {
      return loader.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException("CacheLoader.load failed for key " + key, e);
    }
  }

  /** @return the loaded values (some may be null) */
  public Map<K, V> loadAll(Iterable<? extends K> keys) {
    try {
      Map<K, V> loaded = loader.loadAll(keys);
      return loaded == null ? Map.of() : loaded;
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException("CacheLoader.loadAll failed", e);
    }
  }

  @Override
  public void close() throws IOException {
    if (loader instanceof Closeable) {
      ((Closeable) loader).close();
    }
  }
}
