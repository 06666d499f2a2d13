package io.github.jcacheredis.internal.integration;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import org.jspecify.annotations.Nullable;

/**
 * The cache's {@link CacheLoader}, with every failure reaching the caller as a {@link CacheLoaderException}
 * (JSR-107 §9.1).
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ReadThrough<K, V> implements Closeable {

  private final @Nullable CacheLoader<K, V> loader;
  private final boolean readThrough;

  /**
   * @param loader      the configured loader, or {@code null}
   * @param readThrough whether misses are loaded through it (loadAll uses it either way)
   */
  public ReadThrough(@Nullable CacheLoader<K, V> loader, boolean readThrough) {
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

  /** @return the loaded value, or {@code null} when the loader has none for {@code key} */
  public @Nullable V load(K key) {
    CacheLoader<K, V> configured = configured();
    try {
      return configured.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException("CacheLoader.load failed for key " + key, e);
    }
  }

  /** @return the loaded values (some may be null) */
  public Map<K, V> loadAll(Iterable<? extends K> keys) {
    CacheLoader<K, V> configured = configured();
    try {
      Map<K, V> loaded = configured.loadAll(keys);
      return loaded == null ? Map.of() : loaded;
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException("CacheLoader.loadAll failed", e);
    }
  }

  /** The loader, which callers check for ({@link #isReadThrough}, {@link #hasLoader}) before loading. */
  private CacheLoader<K, V> configured() {
    if (loader == null) {
      throw new IllegalStateException("no CacheLoader is configured");
    }
    return loader;
  }

  @Override
  public void close() throws IOException {
    if (loader instanceof Closeable) {
      ((Closeable) loader).close();
    }
  }
}
