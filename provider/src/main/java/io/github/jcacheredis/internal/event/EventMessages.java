package io.github.jcacheredis.internal.event;

import io.github.jcacheredis.internal.storage.CorruptValueException;
import io.github.jcacheredis.internal.storage.Signatures.Purpose;
import io.github.jcacheredis.internal.storage.ValueCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import javax.cache.event.EventType;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of one event on a cache's channel, and their checked reading.
 *
 * <pre>
 *   8 bytes  origin: the publishing JVM's random id for the cache, so a JVM can skip its own events
 *   1 byte   the event type: CREATED 0, UPDATED 1, REMOVED 2
 *   rest     the value format ({@link ValueCodec}) of the key and {value, old value}
 * </pre>
 *
 * <p>Anyone who can PUBLISH to Redis can put bytes on the channel, so reading one trusts nothing: the event must
 * be of a type this provider sends (it never sends EXPIRED: expiry happens inside Redis), carry a key of the
 * cache's key type, and exactly the values its type has, of the cache's value type. Anything else is corrupt.
 *
 * <p>With signing keys, the value format is signed (see {@link ValueCodec}) under the channel's name followed by
 * the origin and type bytes, so a message is refused unread unless a key verifies all of it, on this channel.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class EventMessages<K, V> {

  private static final int HEADER = 9;
  /** The wire codes, fixed here rather than taken from the enum's order: index = code. */
  private static final EventType[] TYPES = {EventType.CREATED, EventType.UPDATED, EventType.REMOVED};

  private final ValueCodec codec;
  private final byte[] channel;
  private final Class<K> keyType;
  private final Class<V> valueType;

  /**
   * @param codec     the cache's value codec
   * @param channel   the cache's event channel, part of what a signature covers
   * @param keyType   the cache's declared key type
   * @param valueType the cache's declared value type
   */
  EventMessages(ValueCodec codec, byte[] channel, Class<K> keyType, Class<V> valueType) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.channel = channel.clone();
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    this.valueType = Objects.requireNonNull(valueType, "valueType");
  }

  /**
   * @param value    the new value ({@code null} for REMOVED)
   * @param oldValue the previous value ({@code null} for CREATED)
   * @return the message to publish
   */
  byte[] encode(long origin, EventType type, K key, @Nullable V value, @Nullable V oldValue) {
    byte[] header = ByteBuffer.allocate(HEADER).putLong(origin).put(code(type)).array();
    byte[] payload = codec.encode(key, new Object[] {value, oldValue}, Purpose.EVENT, signedName(header));
    return ByteBuffer.allocate(HEADER + payload.length).put(header).put(payload).array();
  }

  /** The name an event's value format is signed under: the channel, then the origin and type it travels with. */
  private byte[] signedName(byte[] message) {
    byte[] name = Arrays.copyOf(channel, channel.length + HEADER);
    System.arraycopy(message, 0, name, channel.length, HEADER);
    return name;
  }

  /** @return whether {@code message} says it comes from {@code origin} (cheap: decodes nothing) */
  static boolean isFrom(byte[] message, long origin) {
    return message.length >= HEADER && ByteBuffer.wrap(message).getLong() == origin;
  }

  /**
   * @param message a message from the channel
   * @return the event it carries
   * @throws CorruptValueException if it is not an event this provider could have published for this cache
   */
  RemoteEvent<K, V> decode(byte[] message) throws CorruptValueException {
    if (message.length <= HEADER) {
      throw new CorruptValueException("event message too short (" + message.length + " bytes)", null);
    }
    EventType type = type(message[8]);
    byte[] payload = new byte[message.length - HEADER];
    System.arraycopy(message, HEADER, payload, 0, payload.length);
    ValueCodec.Decoded decoded = codec.decode(payload, Purpose.EVENT, signedName(message));
    Object key = decoded.key();
    if (key == null) {
      throw new CorruptValueException(type + " event without a key", null);
    }
    if (!keyType.isInstance(key)) {
      throw new CorruptValueException(type + " event with a key of " + key.getClass().getName() + " where "
          + keyType.getName() + " is required", null);
    }
    if (!(decoded.value() instanceof Object[]) || ((Object[]) decoded.value()).length != 2) {
      throw new CorruptValueException(type + " event without its pair of values", null);
    }
    Object[] values = (Object[]) decoded.value();
    // What the provider publishes: CREATED {value, null}, UPDATED {value, old}, REMOVED {null, old}.
    V value = check(type, "value", values[0], type != EventType.REMOVED);
    V oldValue = check(type, "old value", values[1], type != EventType.CREATED);
    return new RemoteEvent<>(type, keyType.cast(key), value, oldValue);
  }

  private static EventType type(byte code) throws CorruptValueException {
    if (code == 3) {
      throw new CorruptValueException("an EXPIRED event, which this provider never publishes", null);
    }
    if (code < 0 || code >= TYPES.length) {
      throw new CorruptValueException("unknown event type " + code, null);
    }
    return TYPES[code];
  }

  private static byte code(EventType type) {
    for (byte code = 0; code < TYPES.length; code++) {
      if (TYPES[code] == type) {
        return code;
      }
    }
    throw new IllegalArgumentException("no event of type " + type + " is published");
  }

  private @Nullable V check(EventType type, String role, @Nullable Object value, boolean required) throws CorruptValueException {
    if (required ? !valueType.isInstance(value) : value != null) {
      throw new CorruptValueException(type + " event with " + describe(value) + " as its " + role
          + (required ? " where a " + valueType.getName() + " is required" : " where none belongs"), null);
    }
    return valueType.cast(value);
  }

  private static String describe(@Nullable Object value) {
    return value == null ? "no value" : "a " + value.getClass().getName();
  }

  /**
   * An event another JVM raised, checked.
   *
   * @param type     CREATED, UPDATED or REMOVED
   * @param key      the key
   * @param value    the new value ({@code null} for REMOVED)
   * @param oldValue the previous value ({@code null} for CREATED)
   * @param <K>      key type
   * @param <V>      value type
   */
  record RemoteEvent<K, V>(EventType type, K key, @Nullable V value, @Nullable V oldValue) {
  }
}
