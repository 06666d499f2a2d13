package io.github.jcacheredis.internal.storage.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableSerializer;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Serializers for JDK value types that Kryo 5 lacks or writes lossily. */
final class ValueTypeSerializers {

  private ValueTypeSerializers() {
  }

  /**
   * A {@code ZonedDateTime} with its offset: Kryo's own writes the local time and zone only, so a time in the
   * hour repeated when clocks go back comes back with the earlier offset, an hour off.
   */
  static final class ZonedDateTimeSerializer extends ImmutableSerializer<ZonedDateTime> {
    @Override
    public void write(Kryo kryo, Output output, ZonedDateTime time) {
      kryo.writeObject(output, time.toLocalDateTime());
      output.writeInt(time.getOffset().getTotalSeconds());
      output.writeString(time.getZone().getId());
    }

    @Override
    public ZonedDateTime read(Kryo kryo, Input input, Class<? extends ZonedDateTime> type) {
      LocalDateTime local = kryo.readObject(input, LocalDateTime.class);
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(input.readInt());
      ZoneId zone = ZoneId.of(input.readString());
      return ZonedDateTime.ofLocal(local, zone, offset);
    }
  }

  /** A {@code LongAdder} as its sum. */
  static final class LongAdderSerializer extends Serializer<LongAdder> {
    @Override
    public void write(Kryo kryo, Output output, LongAdder adder) {
      output.writeVarLong(adder.sum(), false);
    }

    @Override
    public LongAdder read(Kryo kryo, Input input, Class<? extends LongAdder> type) {
      LongAdder adder = new LongAdder();
      adder.add(input.readVarLong(false));
      return adder;
    }
  }

  /** A {@code DoubleAdder} as its sum. */
  static final class DoubleAdderSerializer extends Serializer<DoubleAdder> {
    @Override
    public void write(Kryo kryo, Output output, DoubleAdder adder) {
      output.writeDouble(adder.sum());
    }

    @Override
    public DoubleAdder read(Kryo kryo, Input input, Class<? extends DoubleAdder> type) {
      DoubleAdder adder = new DoubleAdder();
      adder.add(input.readDouble());
      return adder;
    }
  }

  /** An {@code AtomicIntegerArray} as its elements. */
  static final class AtomicIntegerArraySerializer extends Serializer<AtomicIntegerArray> {
    @Override
    public void write(Kryo kryo, Output output, AtomicIntegerArray array) {
      Elements.writeCount(output, array.length());
      for (int i = 0; i < array.length(); i++) {
        output.writeVarInt(array.get(i), false);
      }
    }

    @Override
    public AtomicIntegerArray read(Kryo kryo, Input input, Class<? extends AtomicIntegerArray> type) {
      int length = Elements.readCount(input, 1);
      AtomicIntegerArray array = new AtomicIntegerArray(length);
      for (int i = 0; i < length; i++) {
        array.set(i, input.readVarInt(false));
      }
      return array;
    }
  }

  /** An {@code AtomicLongArray} as its elements. */
  static final class AtomicLongArraySerializer extends Serializer<AtomicLongArray> {
    @Override
    public void write(Kryo kryo, Output output, AtomicLongArray array) {
      Elements.writeCount(output, array.length());
      for (int i = 0; i < array.length(); i++) {
        output.writeVarLong(array.get(i), false);
      }
    }

    @Override
    public AtomicLongArray read(Kryo kryo, Input input, Class<? extends AtomicLongArray> type) {
      int length = Elements.readCount(input, 1);
      AtomicLongArray array = new AtomicLongArray(length);
      for (int i = 0; i < length; i++) {
        array.set(i, input.readVarLong(false));
      }
      return array;
    }
  }

  /** An {@code EnumMap} with its key type, which an empty one needs and no public method reveals. */
  static final class EnumMapSerializer extends Serializer<EnumMap<?, Object>> {
    @Override
    public void write(Kryo kryo, Output output, EnumMap<?, Object> map) {
      kryo.writeClass(output, (Class<?>) JdkFields.get(map, "keyType"));
      Elements.writeEntries(kryo, output, map);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public EnumMap<?, Object> read(Kryo kryo, Input input, Class<? extends EnumMap<?, Object>> type) {
      Class keyType = kryo.readClass(input).getType();
      if (!keyType.isEnum()) {
        throw new GraphLimitException("an EnumMap of " + keyType.getName());
      }
      EnumMap map = new EnumMap(keyType);
      kryo.reference(map);
      Object[] entries = Elements.readEntries(kryo, input);
      for (int i = 0; i < entries.length; i += 2) {
        map.put((Enum) entries[i], entries[i + 1]);
      }
      return map;
    }
  }

  /** Refuses to write a class whose state cannot be captured, and to read one (bytes naming it are forged). */
  static final class RefusingSerializer extends Serializer<Object> {
    private final String reason;

    RefusingSerializer(String reason) {
      this.reason = reason;
    }

    String reason() {
      return reason;
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
      throw new UnrepresentableTypeException(object.getClass(), reason);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
      throw new GraphLimitException("bytes naming " + type.getName() + ", which is never written");
    }
  }
}
