package io.github.jcacheredis.benchmarks;

import io.github.jcacheredis.internal.storage.CorruptValueException;
import io.github.jcacheredis.internal.storage.KryoSerializer;
import io.github.jcacheredis.internal.storage.Signatures;
import io.github.jcacheredis.internal.storage.Signatures.Purpose;
import io.github.jcacheredis.internal.storage.ValueCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU side of signing alone, without Redis: encoding and decoding a 1 KB POJO with the provider's value codec,
 * unsigned and signed. Where {@link Signing}'s round trips drown the HMAC in network noise, this shows its size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SigningCodec {

  /** Whether the codec has a signing key. */
  @Param({"false", "true"})
  public boolean signed;

  private final byte[] name = "jcache:bench:k00042".getBytes(StandardCharsets.UTF_8);
  private ValueCodec codec;
  private Product value;
  private byte[] bytes;

  /** Builds the codec and one encoded value to decode. */
  @Setup
  public void open() {
    Signatures signatures = signed
        ? Signatures.of(List.of("benchmark-signing-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8)))
        : Signatures.none();
    codec = new ValueCodec(new KryoSerializer(getClass().getClassLoader()), Integer.MAX_VALUE, signatures);
    value = Product.sample();
    bytes = codec.encode(null, value, Purpose.VALUE, name);
  }

  /** What a put does before its round trip. */
  @Benchmark
  public byte[] encode() {
    return codec.encode(null, value, Purpose.VALUE, name);
  }

  /** What a get does after its round trip. */
  @Benchmark
  public Object decode() throws CorruptValueException {
    return codec.decode(bytes, Purpose.VALUE, name).value();
  }
}
