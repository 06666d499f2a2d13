package io.github.jcacheredis.internal.cache;

import io.github.jcacheredis.internal.expiry.ExpiryCalculator;
import io.github.jcacheredis.internal.expiry.Ttl;
import io.github.jcacheredis.internal.management.CacheStatistics;
import io.github.jcacheredis.internal.storage.EntryStore;
import io.github.jcacheredis.internal.storage.EntryStore.Queued;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import javax.cache.Cache;
import org.jspecify.annotations.Nullable;

/**
 * Walks a cache with SCAN, one page at a time, reading each page's values in one pipelined round trip: memory
 * stays bounded by the page size however large the cache. Entries expired or removed between the SCAN and the
 * read are skipped. As SCAN promises, an entry present for the whole walk is returned at least once.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class CacheIterator<K, V> implements Iterator<Cache.Entry<K, V>> {

  private static final int PAGE_SIZE = 500;

  private final EntryStore store;
  private final EntryCodec<K, V> codec;
  private final EntryWrites writes;
  private final ExpiryCalculator expiry;
  private final CacheStatistics statistics;
  private final Runnable checkOpen;
  private final Consumer<K> remover;
  private final EntryStore.KeyScan scan;
  private final List<Cache.Entry<K, V>> buffer = new ArrayList<>();
  private final List<byte[]> bufferKeys = new ArrayList<>();
  private int position;
  private boolean exhausted;
  private Cache.@Nullable Entry<K, V> last;
  private int mostBuffered;

  public CacheIterator(EntryStore store, EntryCodec<K, V> codec, EntryWrites writes, ExpiryCalculator expiry,
      CacheStatistics statistics, Runnable checkOpen, Consumer<K> remover) {
    this.store = store;
    this.codec = codec;
    this.writes = writes;
    this.expiry = expiry;
    this.statistics = statistics;
    this.checkOpen = checkOpen;
    this.remover = remover;
    this.scan = store.scan(codec.scanPattern(), PAGE_SIZE);
  }

  @Override
  public boolean hasNext() {
    checkOpen.run();
    while (position >= buffer.size() && !exhausted) {
      fill();
    }
    return position < buffer.size();
  }

  @Override
  public Cache.Entry<K, V> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    if (!expiry.isFixed()) {
      // A dynamic policy is asked once per entry, when the entry is handed out (JSR-107 §6: an access).
      writes.touch(bufferKeys.get(position));
    }
    last = buffer.get(position++);
    return last;
  }

  /**
   * Removes the last entry returned, as {@link Cache#remove(Object)} would (writer, event, statistics). That
   * deletes the Redis name the entry was found under: only names that are their key's own encoding are returned
   * (see {@link EntryCodec#decodeEntry}), so the key encodes back to exactly that name.
   */
  @Override
  public void remove() {
    if (last == null) {
      throw new IllegalStateException("next() has not been called, or remove() was already called");
    }
    remover.accept(last.getKey());
    last = null;
  }

  private void fill() {
    buffer.clear();
    bufferKeys.clear();
    position = 0;
    List<byte[]> page = scan.nextPage();
    if (page == null) {
      exhausted = true;
      return;
    }
    long start = statistics.start();
    long accessTtl = expiry.isFixed() ? expiry.forAccess() : Ttl.KEEP;
    EntryStore.Pipeline pipeline = store.pipeline();
    List<Queued<byte[]>> futures = new ArrayList<>(page.size());
    for (byte[] redisKey : page) {
      futures.add(pipeline.getAndExpire(redisKey, accessTtl));
    }
    pipeline.execute();
    for (int i = 0; i < page.size(); i++) {
      Cache.Entry<K, V> entry = codec.decodeEntry(page.get(i), pipeline.result(futures.get(i)));
      if (entry != null) {
        buffer.add(entry);
        bufferKeys.add(page.get(i));
      }
    }
    mostBuffered = Math.max(mostBuffered, buffer.size());
    statistics.recordHits(buffer.size());
    statistics.recordGetTime(start);
  }

  /** @return the most entries this iterator has held at once (a SCAN page): what bounds its memory */
  public int mostBuffered() {
    return mostBuffered;
  }
}
