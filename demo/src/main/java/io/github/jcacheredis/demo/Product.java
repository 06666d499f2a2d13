package io.github.jcacheredis.demo;

import static java.util.Objects.requireNonNull;

/**
 * A catalogue entry, the value type of the {@code products} cache.
 *
 * <p>Deliberately neither {@code Serializable} nor equipped with a no-argument constructor: jcache-redis stores
 * values with Kryo, which needs neither.
 */
public final class Product {

  private final long id;
  private final String name;
  private final long priceCents;

  /**
   * Creates a product.
   *
   * @param id         the catalogue id
   * @param name       the display name
   * @param priceCents the price in cents
   */
  public Product(long id, String name, long priceCents) {
    this.id = id;
    this.name = requireNonNull(name, "name");
    this.priceCents = priceCents;
  }

  /** @return the catalogue id */
  public long id() {
    return id;
  }

  /** @return the display name */
  public String name() {
    return name;
  }

  /** @return the price in cents */
  public long priceCents() {
    return priceCents;
  }

  @Override
  public String toString() {
    return String.format("Product[%d, %s, %d.%02d EUR]", id, name, priceCents / 100, priceCents % 100);
  }
}
