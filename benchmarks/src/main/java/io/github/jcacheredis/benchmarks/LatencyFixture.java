package io.github.jcacheredis.benchmarks;

import java.util.Objects;

/**
 * One provider's caches for {@link Latency}: {@value KeySpace#SIZE} present {@link Product}s and as many
 * {@code Long} counters, written and read back before anything is timed, as the JMH states do.
 */
final class LatencyFixture implements AutoCloseable {

  private final Target<Product> products;
  private final KeySpace<Product> productKeys;
  private final Product product;
  private final Target<Long> counters;
  private final KeySpace<Long> counterKeys;

  private LatencyFixture(Target<Product> products, KeySpace<Product> productKeys, Product product,
      Target<Long> counters, KeySpace<Long> counterKeys) {
    this.products = Objects.requireNonNull(products, "products");
    this.productKeys = Objects.requireNonNull(productKeys, "productKeys");
    this.product = Objects.requireNonNull(product, "product");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.counterKeys = Objects.requireNonNull(counterKeys, "counterKeys");
  }

  /**
   * Opens and fills both caches of {@code provider}.
   *
   * @param provider one of {@link Providers#ALL}
   * @return the filled caches
   */
  static LatencyFixture open(String provider) {
    Product product = Product.sample();
    Target<Product> products = Providers.open(provider, "latency-" + provider + "-products", Product.class);
    KeySpace<Product> productKeys = new KeySpace<>(products.keyPrefix(), product);
    Populate.all(products, productKeys, product);
    Target<Long> counters = Providers.open(provider, "latency-" + provider + "-counters", Long.class);
    KeySpace<Long> counterKeys = new KeySpace<>(counters.keyPrefix(), 0L);
    Populate.all(counters, counterKeys, 0L);
    return new LatencyFixture(products, productKeys, product, counters, counterKeys);
  }

  Target<Product> products() {
    return products;
  }

  KeySpace<Product> productKeys() {
    return productKeys;
  }

  Product product() {
    return product;
  }

  Target<Long> counters() {
    return counters;
  }

  KeySpace<Long> counterKeys() {
    return counterKeys;
  }

  /** Deletes both caches' entries; the clients are closed by {@link Providers#close()}. */
  @Override
  public void close() {
    products.close();
    counters.close();
  }
}
