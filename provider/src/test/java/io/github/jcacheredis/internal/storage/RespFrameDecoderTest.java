package io.github.jcacheredis.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subscriptions' RESP2 decoder, fed well-formed, split and hostile bytes. */
class RespFrameDecoderTest {

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Feeds the bytes in pieces of {@code piece} bytes and returns the frames decoded. */
  private static List<Object> decode(byte[] bytes, int piece) {
    EmbeddedChannel channel = new EmbeddedChannel(new RespFrameDecoder());
    for (int at = 0; at < bytes.length; at += piece) {
      channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, Math.min(piece, bytes.length - at)));
    }
    List<Object> frames = new ArrayList<>();
    for (Object frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
      frames.add(frame);
    }
    channel.finishAndReleaseAll();
    return frames;
  }

  @Test
  void anInvalidationNamingBinaryKeysArrivesByteForByteEvenOneByteAtATime() {
    byte[] wire = ascii("*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*2\r\n$3\r\n\u00ff\u0000k\r\n$1\r\na\r\n");
    for (int piece : new int[] {1, 2, 7, wire.length}) {
      List<Object> frames = decode(wire, piece);
      assertEquals(1, frames.size());
      List<?> message = (List<?>) frames.get(0);
      List<?> keys = (List<?>) message.get(2);
      assertArrayEquals(new byte[] {(byte) 0xff, 0, 'k'}, (byte[]) keys.get(0));
      assertArrayEquals(ascii("a"), (byte[]) keys.get(1));
    }
  }

  @Test
  void everyReplyTypeIsRead() {
    List<Object> frames = decode(ascii("+OK\r\n:42\r\n-ERR no\r\n$-1\r\n*0\r\n*2\r\n$-1\r\n*-1\r\n"), 3);
    assertEquals("OK", frames.get(0));
    assertEquals(42L, frames.get(1));
    assertEquals("ERR no", assertInstanceOf(RespFrameDecoder.ErrorReply.class, frames.get(2)).message());
    assertEquals(RespFrameDecoder.Nil.NIL, frames.get(3));
    assertEquals(List.of(), frames.get(4));
    List<?> nils = (List<?>) frames.get(5);
    assertNull(nils.get(0));
    assertNull(nils.get(1));
  }

  @Test
  void aLargeArrayArrivingInPiecesIsReadWhole() {
    StringBuilder wire = new StringBuilder("*100000\r\n");
    for (int i = 0; i < 100_000; i++) {
      wire.append("$5\r\n").append(String.format("%05d", i)).append("\r\n");
    }
    List<Object> frames = decode(ascii(wire.toString()), 4096);
    List<?> items = (List<?>) frames.get(0);
    assertEquals(100_000, items.size());
    assertArrayEquals(ascii("99999"), (byte[]) items.get(99_999));
  }

  @Test
  void aDeclaredBulkBeyondTheFrameBoundIsRefusedBeforeAnythingIsAllocated() {
    assertThrows(DecoderException.class, () -> decode(ascii("$2000000000\r\nxx"), 64));
  }

  @Test
  void aDeclaredCountBeyondWhatAFrameCanHoldIsRefused() {
    assertThrows(DecoderException.class, () -> decode(ascii("*1000000000\r\n"), 64));
  }

  @Test
  void arraysNestedTooDeepAreRefused() {
    assertEquals(1, decode(ascii("*1\r\n".repeat(RespFrameDecoder.MAX_DEPTH) + ":1\r\n"), 5).size());
    assertThrows(DecoderException.class,
        () -> decode(ascii("*1\r\n".repeat(RespFrameDecoder.MAX_DEPTH + 1) + ":1\r\n"), 5));
  }

  @Test
  void aFrameOfManySmallItemsBeyondTheFrameBoundIsRefused() {
    // Within the count bound, beyond the byte bound: refused once the bytes have come, not held on to.
    byte[] item = ascii(":0\r\n");
    int count = RespFrameDecoder.MAX_FRAME_BYTES / item.length + 1;
    EmbeddedChannel channel = new EmbeddedChannel(new RespFrameDecoder());
    channel.writeInbound(Unpooled.wrappedBuffer(ascii("*" + count + "\r\n")));
    byte[] chunk = new byte[item.length * 16_384];
    for (int i = 0; i < chunk.length; i += item.length) {
      System.arraycopy(item, 0, chunk, i, item.length);
    }
    assertThrows(DecoderException.class, () -> {
      for (int sent = 0; sent < count; sent += 16_384) {
        channel.writeInbound(Unpooled.wrappedBuffer(chunk));
      }
    });
    channel.close();
  }

  @Test
  void malformedBytesAreRefused() {
    assertThrows(DecoderException.class, () -> decode(ascii("?what\r\n"), 8), "unknown type");
    assertThrows(DecoderException.class, () -> decode(ascii(":12x\r\n"), 8), "not a number");
    assertThrows(DecoderException.class, () -> decode(ascii("$1\r\nab\r\n"), 8), "bulk without CRLF");
    assertThrows(DecoderException.class, () -> decode(ascii("+" + "a".repeat(10_000)), 512), "endless line");
    assertThrows(DecoderException.class, () -> decode(ascii("+ok\rx"), 8), "CR without LF");
  }
}
