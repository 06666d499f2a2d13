package io.github.jcacheredis.examples.spring;

/**
 * A catalogue entry, stored in Redis as Kryo bytes: it needs no {@code Serializable}, but its package must be on
 * the provider's deserialization allow-list, which the starter opens to the application's own packages (those of
 * {@link CatalogueApplication}).
 *
 * @param sku        the stock-keeping unit, the cache key
 * @param name       the product's name
 * @param priceCents the price in cents
 */
public record Product(String sku, String name, long priceCents) {

  /**
   * @param newPriceCents the new price
   * @return this product at another price
   */
  public Product withPrice(long newPriceCents) {
    return new Product(sku, name, newPriceCents);
  }
}
