package io.github.jcacheredis.benchmarks;

import java.util.SplittableRandom;

/** The values the benchmarks write, by the name used in the {@code value} parameter. */
final class SampleValues {

  /** A {@link Product}, about 1 KB once serialized. */
  static final String POJO_1K = "pojo1k";
  /** A 100-character ASCII string. */
  static final String STRING_100 = "string100";
  /** A 64 KB JSON document as a String: compressible, as API responses and rendered pages are. */
  static final String JSON_64K = "json64k";

  private SampleValues() {
  }

  /** @return the value named {@code name} */
  static Object of(String name) {
    switch (name) {
      case POJO_1K:
        return Product.sample();
      case STRING_100:
        return string100();
      case JSON_64K:
        return json64k();
      default:
        throw new IllegalArgumentException("Unknown value '" + name + "'");
    }
  }

  // Orders with varying numbers and a small vocabulary: LZ4 shrinks it several times, as it does real JSON.
  private static String json64k() {
    String[] items = {"desk lamp", "linen shade", "E27 bulb", "braided cable", "dimmer", "wall bracket",
        "floor stand", "spare screws"};
    String[] statuses = {"placed", "paid", "packed", "shipped", "delivered"};
    SplittableRandom random = new SplittableRandom(7);
    StringBuilder json = new StringBuilder(66_000).append("{\"orders\":[");
    for (int order = 0; json.length() < 65_400; order++) {
      json.append(order == 0 ? "" : ",").append("{\"id\":").append(100_000 + order)
          .append(",\"customer\":\"c-").append(random.nextInt(5_000))
          .append("\",\"status\":\"").append(statuses[random.nextInt(statuses.length)])
          .append("\",\"lines\":[");
      int lines = 1 + random.nextInt(3);
      for (int line = 0; line < lines; line++) {
        json.append(line == 0 ? "" : ",").append("{\"item\":\"").append(items[random.nextInt(items.length)])
            .append("\",\"quantity\":").append(1 + random.nextInt(4))
            .append(",\"priceCents\":").append(500 + random.nextInt(20_000)).append('}');
      }
      json.append("]}");
    }
    return json.append("]}").toString();
  }

  private static String string100() {
    StringBuilder text = new StringBuilder(100);
    String words = "the quick brown fox jumps over the lazy dog while seven wizards quietly hex bold jackdaws ";
    while (text.length() < 100) {
      text.append(words, 0, Math.min(words.length(), 100 - text.length()));
    }
    return text.toString();
  }
}
