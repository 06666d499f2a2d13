package io.github.jcacheredis.demo;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/**
 * The read-through loader of the {@code products} cache, standing in for a slow catalogue service: every load
 * takes a fixed latency and is counted, so the demo can show how many lookups the cache absorbed.
 *
 * <p>{@code Serializable} only because {@link javax.cache.configuration.FactoryBuilder#factoryOf(Serializable)}
 * requires it; the provider creates the loader from that factory, so the count seen here is the real one.
 */
public final class ProductLoader implements CacheLoader<Long, Product>, Serializable {

  private static final long serialVersionUID = 1L;
  private static final String[] NOUNS = {"Kettle", "Lamp", "Backpack", "Notebook", "Mug", "Headphones", "Chair"};

  private final long latencyMillis;
  private final AtomicInteger loads = new AtomicInteger();

  /**
   * Creates a loader.
   *
   * @param latencyMillis how long each simulated service call takes, in milliseconds
   */
  public ProductLoader(long latencyMillis) {
    this.latencyMillis = latencyMillis;
  }

  /**
   * Fetches one product from the simulated service.
   *
   * @param id the product id
   * @return the product, never {@code null}
   * @throws CacheLoaderException if interrupted while waiting for the service
   */
  @Override
  public Product load(Long id) {
    loads.incrementAndGet();
    try {
      Thread.sleep(latencyMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheLoaderException("interrupted while loading product " + id, e);
    }
    String name = NOUNS[(int) (id % NOUNS.length)] + " #" + id;
    return new Product(id, name, 499 + (id * 731) % 9_500);
  }

  /**
   * Fetches several products, one service call each.
   *
   * @param ids the product ids
   * @return the products by id
   */
  @Override
  public Map<Long, Product> loadAll(Iterable<? extends Long> ids) {
    Map<Long, Product> products = new LinkedHashMap<>();
    for (Long id : ids) {
      products.put(id, load(id));
    }
    return products;
  }

  /** @return how many products this loader has fetched from the simulated service */
  public int loadCount() {
    return loads.get();
  }

  /** @return the simulated latency of one service call, in milliseconds */
  public long latencyMillis() {
    return latencyMillis;
  }
}
