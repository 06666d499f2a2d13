package io.github.jcacheredis.internal.storage;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Kryo's record serializer with a fingerprint of the record's components (names and types), for the
 * same reason as {@link FingerprintedFieldSerializer}: Kryo writes records by component position, so a record
 * whose components were renamed, reordered or retyped between deployments would otherwise read as a wrong
 * object.
 *
 * @param <T> the record class
 */
final class FingerprintedRecordSerializer<T> extends RecordSerializer<T> implements Fingerprinted {
  static final SerializerFactory<FingerprintedRecordSerializer<?>> FACTORY =
      new SerializerFactory.BaseSerializerFactory<>() {
        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public FingerprintedRecordSerializer<?> newSerializer(Kryo kryo, Class type) {
          return new FingerprintedRecordSerializer<>(type);
        }
      };

  private final int fingerprint;

  FingerprintedRecordSerializer(Class<T> type) {
    super(type);
    CRC32 crc = new CRC32();
    for (RecordComponent component : type.getRecordComponents()) {
      crc.update(component.getName().getBytes(StandardCharsets.UTF_8));
      crc.update(component.getType().getName().getBytes(StandardCharsets.UTF_8));
      crc.update(';');
    }
    fingerprint = (int) crc.getValue();
  }

  @Override
  public int fingerprint() {
    return fingerprint;
  }
}
