package io.github.jcacheredis.benchmarks;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.github.jcacheredis.RedisCacheConfiguration;
import io.github.jcacheredis.internal.storage.ClassAllowList;
import io.github.jcacheredis.internal.storage.CorruptValueException;
import io.github.jcacheredis.internal.storage.KryoSerializer;
import io.github.jcacheredis.internal.storage.Signatures;
import io.github.jcacheredis.internal.storage.Signatures.Purpose;
import io.github.jcacheredis.internal.storage.ValueCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.objenesis.strategy.StdInstantiatorStrategy;
import org.redisson.codec.Kryo5Codec;

/**
 * One way of turning a value into the bytes Redis stores and back, as {@link CodecCost} compares them: each
 * encodes the given value, and decodes the bytes it encoded from that same value at construction, so decode never
 * measures another codec's format.
 */
interface CodecUnderTest {

  /** Ours, with the allow-list a cache declaring {@link Product} as its value type gets (its package only). */
  String OURS = "ours";
  /** Ours with {@code allowedPackages: "*"}: the difference to {@link #OURS} is what the allow-list check costs. */
  String OURS_ALLOW_ALL = "ours-allow-all";
  /** Redisson 4.7.0's default codec, on Netty ByteBufs as Redisson uses it. */
  String REDISSON_KRYO5 = "kryo5codec";
  /** Kryo 5 configured as ours is, without the allow-list, bounds, fingerprints or format header: the floor. */
  String PLAIN_KRYO = "kryo5";

  /**
   * @param name  one of the constants above
   * @param value what {@link #decode()} will read back
   * @return the codec, ready to decode {@code value}'s bytes
   */
  static CodecUnderTest of(String name, Object value) {
    switch (name) {
      case OURS:
        return new Ours(value, false);
      case OURS_ALLOW_ALL:
        return new Ours(value, true);
      case REDISSON_KRYO5:
        return new RedissonKryo5(value);
      case PLAIN_KRYO:
        return new PlainKryo(value);
      default:
        throw new IllegalArgumentException("Unknown codec '" + name + "'");
    }
  }

  /**
   * Encodes one value as the codec hands it to the connection.
   *
   * @return something derived from the bytes, for a Blackhole
   */
  Object encode(Object value);

  /** @return the value decoded from the bytes prepared at construction */
  Object decode();

  /** Releases what the codec holds outside the heap. */
  default void close() {
  }

  /** The provider's value codec: format header, pooled bounded Kryo, allow-listed class names. */
  final class Ours implements CodecUnderTest {
    private final ValueCodec codec;
    private final byte[] bytes;

    Ours(Object value, boolean allowAll) {
      ClassAllowList allowList = new ClassAllowList(allowAll ? List.of("*") : List.of());
      // What RedisCacheManager does for a cache's declared types.
      allowList.allowPackageOf(String.class);
      allowList.allowPackageOf(value.getClass());
      codec = new ValueCodec(new KryoSerializer(getClass().getClassLoader(), allowList),
          RedisCacheConfiguration.DEFAULT_COMPRESSION_THRESHOLD, Signatures.none());
      // The first write of a class is read back once (ValueCodec's first-write check); this is it, so the
      // benchmark measures every later write.
      bytes = codec.encode(null, value, Purpose.VALUE, null);
    }

    @Override
    public Object encode(Object value) {
      return codec.encode(null, value, Purpose.VALUE, null);
    }

    @Override
    public Object decode() {
      try {
        return codec.decode(bytes, Purpose.VALUE, null).value();
      } catch (CorruptValueException e) {
        throw new IllegalStateException("ours cannot read its own bytes", e);
      }
    }
  }

  /** Redisson's Kryo5Codec: pooled Kryo over ByteBufInputStream/ByteBufOutputStream. */
  final class RedissonKryo5 implements CodecUnderTest {
    private final Kryo5Codec codec = new Kryo5Codec();
    private final ByteBuf bytes;

    RedissonKryo5(Object value) {
      ByteBuf encoded = encodeBuf(value);
      try {
        bytes = Unpooled.copiedBuffer(encoded);
      } finally {
        encoded.release();
      }
    }

    // Redisson writes the buffer to the socket, then releases it; the release is part of the cost.
    @Override
    public Object encode(Object value) {
      ByteBuf encoded = encodeBuf(value);
      try {
        return encoded.readableBytes();
      } finally {
        encoded.release();
      }
    }

    @Override
    public Object decode() {
      bytes.readerIndex(0);
      try {
        return codec.getValueDecoder().decode(bytes, null); // Kryo5Codec's decoder never looks at the state
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      bytes.release();
    }

    private ByteBuf encodeBuf(Object value) {
      try {
        return codec.getValueEncoder().encode(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * One Kryo of this thread (JMH's state is per thread, so no pool), set up as KryoSerializer sets up its own:
   * no registration, references on, Objenesis for classes without a no-argument constructor.
   */
  final class PlainKryo implements CodecUnderTest {
    private final Kryo kryo = new Kryo();
    private final Output output = new Output(256, -1);
    private final Input input = new Input();
    private final byte[] bytes;

    PlainKryo(Object value) {
      kryo.setRegistrationRequired(false);
      kryo.setReferences(true);
      kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
      bytes = (byte[]) encode(value);
    }

    // Like ours, a fresh array of the exact length: what a byte[] codec hands to Redis.
    @Override
    public Object encode(Object value) {
      output.reset();
      kryo.writeClassAndObject(output, value);
      return output.toBytes();
    }

    @Override
    public Object decode() {
      input.setBuffer(bytes);
      return kryo.readClassAndObject(input);
    }
  }
}
