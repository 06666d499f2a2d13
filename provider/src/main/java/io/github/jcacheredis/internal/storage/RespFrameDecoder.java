package io.github.jcacheredis.internal.storage;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns the bytes of a subscribed connection into RESP2 replies: {@code byte[]} (bulk), {@code String} (status),
 * {@code Long}, {@code List} (array), {@link Nil#NIL} (a nil at the top; {@code null} inside an array) or
 * {@link ErrorReply}.
 *
 * <p>We parse these frames ourselves because Redisson's pub/sub decoder, which is right for its own topics, turns
 * the payload of a tracking invalidation into one {@code String}: a key that is not UTF-8 comes out changed, and
 * of a message naming several keys only the first arrives (seen with Redisson 4.7 on Redis 7.0).
 *
 * <p>The bytes are untrusted, so the work and memory are bounded: a frame holds at most {@value #MAX_FRAME_BYTES}
 * bytes in all (a bulk string at most that), arrays nest at most {@value #MAX_DEPTH} deep, a line is at most
 * {@value #MAX_LINE} bytes, and a declared count sizes nothing before its items have arrived. Parsing is incremental:
 * a complete item is consumed at once and an array being filled is kept aside, so a large frame arriving in many
 * pieces is read once, not again from its start with each piece. A frame breaking a bound fails the connection,
 * which the subscription then opens again.
 */
final class RespFrameDecoder extends ByteToMessageDecoder {

  /** The most bytes of one frame: no key or event message of ours comes near it. */
  static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;
  static final int MAX_DEPTH = 8;
  static final int MAX_LINE = 4096;

  /** An item not yet complete in the buffer: parse it again when more bytes arrive. */
  private static final Object INCOMPLETE = new Object();

  /** The arrays of the current frame still being filled, innermost first. */
  private final Deque<OpenArray> open = new ArrayDeque<>();
  private long frameBytes;

  @Override
  protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      int start = in.readerIndex();
      Object item = parseItem(in);
      if (item == INCOMPLETE) {
        in.readerIndex(start);
        return;
      }
      frameBytes += in.readerIndex() - start;
      if (frameBytes > MAX_FRAME_BYTES) {
        throw new TooLongFrameException("a frame of more than " + MAX_FRAME_BYTES + " bytes");
      }
      if (item instanceof ArrayHeader) {
        long count = ((ArrayHeader) item).count;
        if (count > 0) {
          if (open.size() >= MAX_DEPTH) {
            throw new CorruptedFrameException("arrays nested deeper than " + MAX_DEPTH);
          }
          open.push(new OpenArray(count));
          continue;
        }
        item = count == 0 ? new ArrayList<>(0) : Nil.NIL;
      }
      complete(item, out);
    }
  }

  /** Puts a complete item into the array being filled, closing the arrays it completes, or emits the frame. */
  private void complete(Object item, List<Object> out) {
    Object value = item;
    while (!open.isEmpty()) {
      OpenArray array = open.peek();
      array.items.add(value == Nil.NIL ? null : value);
      if (--array.remaining > 0) {
        return;
      }
      open.pop();
      value = array.items;
    }
    out.add(value);
    frameBytes = 0;
  }

  /** @return one scalar, an array's header, or {@link #INCOMPLETE} (nothing consumed then, by the caller's reset) */
  private static Object parseItem(ByteBuf in) {
    byte type = in.readByte();
    String line = readLine(in);
    if (line == null) {
      return INCOMPLETE;
    }
    switch (type) {
      case '+':
        return line;
      case '-':
        return new ErrorReply(line);
      case ':':
        return number(line);
      case '$': {
        long length = number(line);
        if (length < 0) {
          return Nil.NIL;
        }
        if (length > MAX_FRAME_BYTES) {
          throw new TooLongFrameException("a bulk reply of " + length + " bytes");
        }
        if (in.readableBytes() < length + 2) {
          return INCOMPLETE;
        }
        byte[] bytes = new byte[(int) length];
        in.readBytes(bytes);
        if (in.readByte() != '\r' || in.readByte() != '\n') {
          throw new CorruptedFrameException("a bulk reply not ended by CRLF");
        }
        return bytes;
      }
      case '*': {
        long count = number(line);
        // Each item takes at least three bytes: a count beyond what a frame can hold is not waited for.
        if (count > MAX_FRAME_BYTES / 3) {
          throw new TooLongFrameException("an array of " + count + " items");
        }
        return new ArrayHeader(count);
      }
      default:
        throw new CorruptedFrameException("unexpected RESP type byte " + type);
    }
  }

  /** @return the line up to CRLF (consumed), or {@code null} if the CRLF has not arrived */
  private static @Nullable String readLine(ByteBuf in) {
    int end = in.indexOf(in.readerIndex(), Math.min(in.writerIndex(), in.readerIndex() + MAX_LINE + 1),
        (byte) '\r');
    if (end < 0) {
      if (in.readableBytes() > MAX_LINE) {
        throw new TooLongFrameException("a RESP line longer than " + MAX_LINE + " bytes");
      }
      return null;
    }
    if (end + 1 >= in.writerIndex()) {
      return null;
    }
    String line = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
    in.readerIndex(end + 1);
    if (in.readByte() != '\n') {
      throw new CorruptedFrameException("a RESP line not ended by CRLF");
    }
    return line;
  }

  private static long number(String line) {
    try {
      return Long.parseLong(line);
    } catch (NumberFormatException e) {
      throw new CorruptedFrameException("not a RESP number: " + line);
    }
  }

  /** An array's {@code *<count>} line: its items follow. */
  private record ArrayHeader(long count) {
  }

  /** An array of the current frame whose items are still arriving. */
  private static final class OpenArray {
    final List<@Nullable Object> items;
    long remaining;

    OpenArray(long count) {
      // The declared count sizes nothing up front: the items themselves must arrive.
      this.items = new ArrayList<>((int) Math.min(count, 16));
      this.remaining = count;
    }
  }

  /** Stands for a nil reply in the pipeline, where {@code null} cannot travel. */
  enum Nil {
    NIL
  }

  /** An error reply: Redis received the command and refused it. */
  record ErrorReply(String message) {
  }
}
