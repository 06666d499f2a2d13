package io.github.jcacheredis.internal.storage;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns the bytes of a subscribed connection into RESP2 replies: {@code byte[]} (bulk), {@code String} (status),
 * {@code Long}, {@code List} (array), {@code null} (nil) or {@link ErrorReply}.
 *
 * <p>We parse these frames ourselves because Redisson's pub/sub decoder, which is right for its own topics, turns
 * the payload of a tracking invalidation into one {@code String}: a key that is not UTF-8 comes out changed, and
 * of a message naming several keys only the first arrives (seen with Redisson 4.7 on Redis 7.0).
 *
 * <p>The bytes are untrusted: a frame may declare at most {@value #MAX_BULK_BYTES} bytes of bulk, arrays nest at
 * most {@value #MAX_DEPTH} deep, a line is at most {@value #MAX_LINE} bytes, and a declared count sizes nothing
 * before its items have arrived. A frame breaking a bound fails the connection, which is then opened again.
 */
final class RespFrameDecoder extends ByteToMessageDecoder {

  /** A key or an event message larger than this is no message of ours. */
  static final int MAX_BULK_BYTES = 64 * 1024 * 1024;
  static final int MAX_DEPTH = 8;
  static final int MAX_LINE = 4096;

  /** A frame not yet complete in the buffer: parse again when more bytes arrive. */
  private static final Object INCOMPLETE = new Object();

  @Override
  protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) {
    while (in.isReadable()) {
      int start = in.readerIndex();
      Object frame = parse(in, 0);
      if (frame == INCOMPLETE) {
        in.readerIndex(start);
        return;
      }
      out.add(frame == null ? Nil.NIL : frame);
    }
  }

  private static @Nullable Object parse(ByteBuf in, int depth) {
    if (!in.isReadable()) {
      return INCOMPLETE;
    }
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
          return null;
        }
        if (length > MAX_BULK_BYTES) {
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
        if (count < 0) {
          return null;
        }
        if (depth >= MAX_DEPTH) {
          throw new CorruptedFrameException("arrays nested deeper than " + MAX_DEPTH);
        }
        // Each item takes at least three bytes: a count beyond what could arrive is not waited for in memory.
        if (count > MAX_BULK_BYTES / 3) {
          throw new TooLongFrameException("an array of " + count + " items");
        }
        List<Object> items = new ArrayList<>((int) Math.min(count, 16));
        for (long i = 0; i < count; i++) {
          Object item = parse(in, depth + 1);
          if (item == INCOMPLETE) {
            return INCOMPLETE;
          }
          items.add(item);
        }
        return items;
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

  /** Stands for a nil reply in the pipeline, where {@code null} cannot travel. */
  enum Nil {
    NIL
  }

  /** An error reply: Redis received the command and refused it. */
  record ErrorReply(String message) {
  }
}
