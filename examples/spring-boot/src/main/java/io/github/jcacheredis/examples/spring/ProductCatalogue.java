package io.github.jcacheredis.examples.spring;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * The catalogue as the application sees it, cached in the {@value #CACHE} cache, which nothing declares: the starter
 * creates it on first use with {@code jcache-redis.defaults} (here a 10 minute expiry from creation; statistics are
 * on by default).
 *
 * <p>Every method keys the cache by the SKU, a {@code String}, which the provider stores as plain UTF-8: the entry
 * for {@code p-1} is the Redis key {@code catalogue:products:p-1}. Spring's default key for a method of two or more
 * parameters is a {@code SimpleKey}, which works too but is stored as Kryo bytes that {@code redis-cli} cannot show
 * as text; the explicit {@code key} attributes below keep every key readable.
 */
@Service
public class ProductCatalogue {

  /** The cache's name. */
  public static final String CACHE = "products";

  private final ProductRepository repository;

  /**
   * @param repository the system of record
   */
  public ProductCatalogue(ProductRepository repository) {
    this.repository = repository;
  }

  /**
   * Looks a product up: from Redis when any instance of the application has cached it within the last 10 minutes,
   * otherwise from the repository.
   *
   * <p>An unknown SKU is not cached ({@code unless}), so a product added later is found at once. Without it, Spring
   * would cache the {@code null} as its {@code NullValue} marker, which reads back as {@code null}.
   *
   * @param sku the product's SKU
   * @return the product, or {@code null} if the catalogue does not have it
   */
  @Cacheable(cacheNames = CACHE, unless = "#result == null")
  public Product find(String sku) {
    return repository.load(sku).orElse(null);
  }

  /**
   * Changes a price and caches the changed product, so the next {@link #find} anywhere sees it without a lookup.
   *
   * @param sku        the product's SKU
   * @param priceCents the new price
   * @return the repriced product
   * @throws IllegalArgumentException if the catalogue does not have the product
   */
  @CachePut(cacheNames = CACHE, key = "#sku")
  public Product reprice(String sku, long priceCents) {
    Product repriced = repository.load(sku)
        .orElseThrow(() -> new IllegalArgumentException("No product " + sku))
        .withPrice(priceCents);
    repository.save(repriced);
    return repriced;
  }

  /**
   * Removes a product from the catalogue and from the cache.
   *
   * @param sku the product's SKU
   */
  @CacheEvict(cacheNames = CACHE)
  public void discontinue(String sku) {
    repository.delete(sku);
  }

  /** Empties the cache, e.g. after a bulk import: Spring calls JCache's {@code removeAll()}. */
  @CacheEvict(cacheNames = CACHE, allEntries = true)
  public void forgetAll() {
    // nothing to do but evict
  }
}
