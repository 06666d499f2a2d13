package io.github.jcacheredis.internal.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a subscribed connection's frames say: a RESP2 pub/sub message is {@code ["message", channel, payload]}. */
public final class PubSubFrames {

  private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);

  private PubSubFrames() {
  }

  /**
   * @param frame a frame from {@link SubscriberConnection#stream}
   * @return whether it is a published message (not a subscribe confirmation or a PING reply)
   */
  public static boolean isMessage(@Nullable Object frame) {
    return frame instanceof List && ((List<?>) frame).size() >= 3 && ((List<?>) frame).get(0) instanceof byte[]
        && Arrays.equals(MESSAGE, (byte[]) ((List<?>) frame).get(0));
  }

  /**
   * @param frame a frame from {@link SubscriberConnection#stream}
   * @return the payload of a published message whose payload is a bulk string, or {@code null} for any other
   *     frame
   */
  public static byte @Nullable [] payload(@Nullable Object frame) {
    if (!(frame instanceof List) || !isMessage(frame)) {
      return null;
    }
    Object payload = ((List<?>) frame).get(2);
    return payload instanceof byte[] ? (byte[]) payload : null;
  }
}
