package io.github.jcacheredis.examples.spring;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /products/{sku}}: the cached lookup over HTTP. */
@RestController
public class ProductController {

  private final ProductCatalogue catalogue;

  /**
   * @param catalogue the cached catalogue
   */
  public ProductController(ProductCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  /**
   * @param sku the product's SKU
   * @return the product, or 404
   */
  @GetMapping("/products/{sku}")
  public ResponseEntity<Product> product(@PathVariable String sku) {
    Product product = catalogue.find(sku);
    return product == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(product);
  }
}
