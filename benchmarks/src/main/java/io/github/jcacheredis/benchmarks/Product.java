package io.github.jcacheredis.benchmarks;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The ~1 KB value of the benchmarks: strings, numbers and a list of small objects, as a product catalogue entry
 * might be. Kryo (ours and Redisson's {@code Kryo5Codec}) needs neither {@code Serializable} nor the no-argument
 * constructor; both are here only so that a Java-serialization copier (Caffeine's store-by-value JCache) can
 * copy the same object.
 */
public class Product implements Serializable {

  private static final long serialVersionUID = 1L;

  private String sku;
  private String name;
  private String description;
  private String category;
  private String brand;
  private String material;
  private long priceCents;
  private int stock;
  private double rating;
  private boolean active;
  private long updatedAtMillis;
  private List<Variant> variants;

  /** For serialization frameworks. */
  public Product() {
  }

  /**
   * The sample product every benchmark writes: deterministic, so every run stores the same bytes.
   *
   * @return a product Kryo encodes in roughly 1 KB
   */
  public static Product sample() {
    Product product = new Product();
    product.sku = "SKU-0000042-LAMP-DESK-BRASS";
    product.name = "Adjustable brass desk lamp with linen shade";
    product.description = "A desk lamp with a weighted brass base, a two-joint arm that holds any angle and a "
        + "hand-stitched linen shade. Takes one E27 bulb up to 60 W (LED recommended), has an inline dimmer on "
        + "its 2 m braided cable and ships with a warm-white 806 lm bulb. Designed in Lyon, assembled in Porto. "
        + "The brass develops a natural patina over the years; wipe it with a dry cloth, never with a polish. "
        + "Replacement shades are sold separately in four colours.";
    product.category = "home/lighting/desk-lamps";
    product.brand = "Atelier Lumiere";
    product.material = "brass, linen, braided cotton";
    product.priceCents = 12_990;
    product.stock = 318;
    product.rating = 4.6;
    product.active = true;
    product.updatedAtMillis = 1_735_689_600_000L;
    product.variants = new ArrayList<>();
    String[] colors = {"brass", "black", "white", "sage", "terracotta", "navy", "sand", "graphite", "ochre",
        "plum"};
    for (int i = 0; i < colors.length; i++) {
      product.variants.add(new Variant("V-" + (1000 + i), colors[i], "warehouse-" + (char) ('A' + i),
          20 + i * 5, i * 250L));
    }
    return product;
  }

  /** @return the stock-keeping unit */
  public String getSku() {
    return sku;
  }

  /** @return the variants */
  public List<Variant> getVariants() {
    return variants;
  }

  /** One variant of a product: a small object in a list. */
  public static class Variant implements Serializable {

    private static final long serialVersionUID = 1L;

    private String code;
    private String color;
    private String warehouse;
    private int stock;
    private long priceDeltaCents;

    /** For serialization frameworks. */
    public Variant() {
    }

    Variant(String code, String color, String warehouse, int stock, long priceDeltaCents) {
      this.code = code;
      this.color = color;
      this.warehouse = warehouse;
      this.stock = stock;
      this.priceDeltaCents = priceDeltaCents;
    }

    /** @return the variant's code */
    public String getCode() {
      return code;
    }
  }
}
