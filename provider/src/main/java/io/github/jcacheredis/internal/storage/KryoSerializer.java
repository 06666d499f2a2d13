package io.github.jcacheredis.internal.storage;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.EnumNameSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.github.jcacheredis.internal.storage.kryo.BoundedInput;
import io.github.jcacheredis.internal.storage.kryo.BoundedKryo;
import io.github.jcacheredis.internal.storage.kryo.JdkSerializers;
import io.github.jcacheredis.internal.storage.kryo.OtherJdkTypes;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Kryo set up for cache values: no registration needed, classes without a no-argument constructor and without
 * {@code Serializable} accepted, shared references and cycles preserved. Kryo is not thread-safe, so instances
 * (each with its own buffers) are pooled.
 */
public final class KryoSerializer {

  private static final int INITIAL_BUFFER = 256;
  private static final int MAX_RETAINED_BUFFER = 64 * 1024;

  // Kryo's own Pool queues contexts in a LinkedBlockingQueue, which allocates a node on every release: an array
  // queue does not, and every get and put borrows a context.
  private final ArrayBlockingQueue<Context> pool = new ArrayBlockingQueue<>(64);
  private final Supplier<Context> factory;
  private final ClassAllowList allowList;
  // Classes whose values have been read back once after writing (see ValueCodec's first-write check).
  private final Set<Class<?>> verified = ConcurrentHashMap.newKeySet();

  /**
   * A serializer that reads and writes any class: for tests and tools, never for a cache.
   *
   * @param classLoader the loader classes are resolved with
   */
  public KryoSerializer(ClassLoader classLoader) {
    this(classLoader, new ClassAllowList(java.util.List.of("*")));
  }

  /**
   * @param classLoader the loader user classes are resolved with (the CacheManager's)
   * @param allowList   the classes that may be read and written
   */
  public KryoSerializer(ClassLoader classLoader, ClassAllowList allowList) {
    Objects.requireNonNull(classLoader, "classLoader");
    Objects.requireNonNull(allowList, "allowList");
    this.allowList = allowList;
    this.factory = () -> {
      AllowListClassResolver resolver = new AllowListClassResolver(allowList, verified);
      return new Context(newKryo(classLoader, resolver), resolver);
    };
  }

  /** @return the allow-list this serializer enforces */
  public ClassAllowList allowList() {
    return allowList;
  }

  /** @return the classes already checked to read back as written */
  Set<Class<?>> verified() {
    return verified;
  }

  static BoundedKryo newKryo(ClassLoader classLoader, AllowListClassResolver resolver) {
    BoundedKryo kryo = new BoundedKryo(resolver);
    kryo.setRegistrationRequired(false);
    kryo.setClassLoader(classLoader);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    kryo.setDefaultSerializer(new SerializerFactory.BaseSerializerFactory<Serializer<?>>() {
      @SuppressWarnings("rawtypes") // overrides Kryo's raw-typed signature
      @Override
      public Serializer<?> newSerializer(Kryo owner, Class type) {
        Serializer<?> jdk = OtherJdkTypes.serializerFor(type);
        if (jdk != null) {
          return jdk;
        }
        Serializer<?> framework = FrameworkClasses.serializerFor(type);
        return framework != null ? framework : FingerprintedFieldSerializer.FACTORY.newSerializer(owner, type);
      }
    });
    JdkSerializers.register(kryo);
    // Records and enums have built-in serializers that would bypass the fingerprint (records) or store a
    // constant by position (enums): reordered constants would read as another constant.
    kryo.addDefaultSerializer(Record.class, FingerprintedRecordSerializer.FACTORY);
    kryo.addDefaultSerializer(Enum.class, EnumNameSerializer.class);
    return kryo;
  }

  /**
   * Borrows a Kryo context for the duration of one encode or decode.
   *
   * @return a context; give it back with {@link #release(Context)}
   */
  Context borrow() {
    Context context = pool.poll();
    return context != null ? context : factory.get();
  }

  /**
   * Returns a context to the pool, dropping a buffer that grew unusually large so one 8 MB value does not stay
   * pinned in memory.
   *
   * @param context the context borrowed
   */
  void release(Context context) {
    if (context.output.getBuffer().length > MAX_RETAINED_BUFFER) {
      context.output.setBuffer(new byte[INITIAL_BUFFER], -1);
    }
    context.input.release();
    context.kryo.reset();
    context.kryo.end();
    pool.offer(context); // dropped when 64 are idle already
  }

  /**
   * Serializes one object with its class, as used for keys that are neither strings nor numbers. References
   * are off so that equal keys give equal bytes whichever instances they share.
   */
  byte[] serialize(Object object) {
    Context context = borrow();
    context.kryo.setReferences(false);
    try {
      context.output.reset();
      context.kryo.beginWrite();
      context.kryo.writeClassAndObject(context.output, object);
      context.kryo.checkWritten(context.output.position());
      return context.output.toBytes();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      throw UnstorableValueException.of(object, e);
    } finally {
      context.kryo.setReferences(true);
      release(context);
    }
  }

  /** Reverses {@link #serialize(Object)}. */
  Object deserialize(byte[] bytes, int offset, int length) {
    Context context = borrow();
    context.kryo.setReferences(false);
    try {
      context.input.setBuffer(bytes, offset, length);
      context.kryo.beginRead(length);
      Object result = context.kryo.readClassAndObject(context.input);
      if (context.input.position() != offset + length) {
        throw new IllegalStateException("trailing bytes after the object");
      }
      return result;
    } finally {
      context.kryo.setReferences(true);
      release(context);
    }
  }

  /** A Kryo instance with its own reusable buffers. */
  static final class Context {
    final BoundedKryo kryo;
    final Output output = new Output(INITIAL_BUFFER, -1);
    final BoundedInput input = new BoundedInput();
    // Classes the value being written names that no earlier value had: the first write of them is read back.
    final List<Class<?>> unverified;
    final AllowListClassResolver resolver;

    Context(BoundedKryo kryo, AllowListClassResolver resolver) {
      this.kryo = kryo;
      this.resolver = resolver;
      this.unverified = resolver.unverified();
    }
  }
}
