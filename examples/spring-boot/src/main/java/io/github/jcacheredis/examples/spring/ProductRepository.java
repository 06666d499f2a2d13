package io.github.jcacheredis.examples.spring;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Repository;

/**
 * The slow system of record the cache spares: an in-memory table behind a simulated 200 ms round trip, counting the
 * lookups that actually reach it.
 */
@Repository
public class ProductRepository {

  private static final Duration LATENCY = Duration.ofMillis(200);

  private final Map<String, Product> rows = new ConcurrentHashMap<>(Map.of(
      "p-1", new Product("p-1", "Desk lamp", 12_30),
      "p-2", new Product("p-2", "Office chair", 149_00),
      "p-3", new Product("p-3", "Monitor arm", 89_90)));
  private final AtomicInteger lookups = new AtomicInteger();

  /**
   * Reads one product, slowly.
   *
   * @param sku the product's SKU
   * @return the product, if the catalogue has it
   */
  public Optional<Product> load(String sku) {
    lookups.incrementAndGet();
    try {
      Thread.sleep(LATENCY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.ofNullable(rows.get(sku));
  }

  /**
   * Writes one product.
   *
   * @param product the new row
   */
  public void save(Product product) {
    rows.put(product.sku(), product);
  }

  /**
   * Deletes one product.
   *
   * @param sku the product's SKU
   */
  public void delete(String sku) {
    rows.remove(sku);
  }

  /** @return how many {@link #load} calls reached this repository */
  public int lookups() {
    return lookups.get();
  }
}
