package io.github.jcacheredis.internal.storage;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Kryo's field serializer with a fingerprint of the class's field layout (names and types), which
 * {@link AllowListClassResolver} folds into one digest per value. Kryo's own format carries no schema, so a
 * class whose fields changed between two deployments would otherwise read as a wrong object; with the
 * fingerprint it reads as a miss (the value is simply reloaded or recomputed).
 *
 * @param <T> the serialized class
 */
final class FingerprintedFieldSerializer<T> extends FieldSerializer<T> implements Fingerprinted {

  /** Creates one for every class that has no more specific Kryo serializer. */
  static final SerializerFactory<FingerprintedFieldSerializer<?>> FACTORY =
      new SerializerFactory.BaseSerializerFactory<>() {
        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public FingerprintedFieldSerializer<?> newSerializer(Kryo kryo, Class type) {
          return new FingerprintedFieldSerializer<>(kryo, type);
        }
      };

  private final int fingerprint;

  FingerprintedFieldSerializer(Kryo kryo, Class<T> type) {
    super(kryo, type);
    CRC32 crc = new CRC32();
    for (CachedField field : getFields()) {
      crc.update(field.getName().getBytes(StandardCharsets.UTF_8));
      crc.update(field.getField().getType().getName().getBytes(StandardCharsets.UTF_8));
      crc.update(';');
    }
    fingerprint = (int) crc.getValue();
  }

  @Override
  public int fingerprint() {
    return fingerprint;
  }
}
