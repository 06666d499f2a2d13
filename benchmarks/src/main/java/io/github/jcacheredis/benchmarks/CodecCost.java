package io.github.jcacheredis.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CPU a value costs on its way to Redis and back, without Redis: encode and decode of the 1 KB
 * {@link Product} by our value codec (with the allow-list a cache of {@code Product} gets, and allowing
 * everything), by Redisson's {@code Kryo5Codec}, and by plain Kryo 5. Ours against plain Kryo is what the bounded
 * decoding, the field fingerprints and the format header cost per value; ours against ours allowing everything is
 * the allow-list's share. All run on the one Kryo 5 of the class path (our jar relocates Redisson, not Kryo).
 * Average time per call, so {@code -prof gc} reads as bytes per value.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecCost {

  /** Which codec: see {@link CodecUnderTest}. */
  @Param({CodecUnderTest.OURS, CodecUnderTest.OURS_ALLOW_ALL, CodecUnderTest.REDISSON_KRYO5,
      CodecUnderTest.PLAIN_KRYO})
  public String codec;

  private CodecUnderTest underTest;
  private Product value;

  /** Builds the codec and the bytes it decodes. */
  @Setup
  public void open() {
    value = Product.sample();
    underTest = CodecUnderTest.of(codec, value);
    Product back = (Product) underTest.decode();
    if (!value.getSku().equals(back.getSku()) || back.getVariants().size() != value.getVariants().size()) {
      throw new IllegalStateException(codec + " does not read back what it wrote");
    }
  }

  /** Releases the codec's buffers. */
  @TearDown
  public void close() {
    underTest.close();
  }

  /** What a put does before its round trip. */
  @Benchmark
  public Object encode() {
    return underTest.encode(value);
  }

  /** What a get does after its round trip. */
  @Benchmark
  public Object decode() {
    return underTest.decode();
  }
}
