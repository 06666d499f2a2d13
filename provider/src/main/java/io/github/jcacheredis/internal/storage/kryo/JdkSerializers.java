package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import java.net.URI;
import java.sql.Timestamp;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/** Registers the serializers of this package with a Kryo instance. */
public final class JdkSerializers {

  private JdkSerializers() {
  }

  /**
   * Adds the container, value-type and array serializers, ahead of Kryo's own.
   *
   * @param kryo a Kryo instance being set up
   */
  public static void register(Kryo kryo) {
    ContainerSerializerFactory containers = new ContainerSerializerFactory();
    kryo.addDefaultSerializer(Collection.class, containers);
    kryo.addDefaultSerializer(Map.class, containers);
    // Kryo 5.6 has these but does not register them; its Date serializer would drop a Timestamp's nanoseconds.
    kryo.addDefaultSerializer(Timestamp.class, new DefaultSerializers.TimestampSerializer());
    kryo.addDefaultSerializer(URI.class, new DefaultSerializers.URISerializer());
    kryo.addDefaultSerializer(UUID.class, new DefaultSerializers.UUIDSerializer());
    kryo.addDefaultSerializer(Pattern.class, new DefaultSerializers.PatternSerializer());
    kryo.addDefaultSerializer(AtomicBoolean.class, new DefaultSerializers.AtomicBooleanSerializer());
    kryo.addDefaultSerializer(AtomicInteger.class, new DefaultSerializers.AtomicIntegerSerializer());
    kryo.addDefaultSerializer(AtomicLong.class, new DefaultSerializers.AtomicLongSerializer());
    kryo.addDefaultSerializer(AtomicReference.class, new DefaultSerializers.AtomicReferenceSerializer());
    kryo.addDefaultSerializer(LongAdder.class, new ValueTypeSerializers.LongAdderSerializer());
    kryo.addDefaultSerializer(DoubleAdder.class, new ValueTypeSerializers.DoubleAdderSerializer());
    kryo.addDefaultSerializer(AtomicIntegerArray.class, new ValueTypeSerializers.AtomicIntegerArraySerializer());
    kryo.addDefaultSerializer(AtomicLongArray.class, new ValueTypeSerializers.AtomicLongArraySerializer());
    kryo.addDefaultSerializer(ZonedDateTime.class, new ValueTypeSerializers.ZonedDateTimeSerializer());
    kryo.addDefaultSerializer(Object[].class, new BoundedArraySerializers.ObjectArrays());
    kryo.addDefaultSerializer(String[].class, new BoundedArraySerializers.StringArraySerializer());
    GuavaSerializers.registerIfPresent(kryo);
  }
}
