package io.github.jcacheredis.benchmarks;

/** The values the benchmarks write, by the name used in the {@code value} parameter. */
final class SampleValues {

  /** A {@link Product}, about 1 KB once serialized. */
  static final String POJO_1K = "pojo1k";
  /** A 100-character ASCII string. */
  static final String STRING_100 = "string100";

  private SampleValues() {
  }

  /** @return the value named {@code name} */
  static Object of(String name) {
    switch (name) {
      case POJO_1K:
        return Product.sample();
      case STRING_100:
        return string100();
      default:
        throw new IllegalArgumentException("Unknown value '" + name + "'");
    }
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
