package io.github.jcacheredis.internal.storage;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslHandler;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.redisson.client.RedisClient;
import org.redisson.client.RedisConnection;

/**
 * One connection for a subscription (tracking invalidations, expired keys, events of other JVMs), opened by
 * Redisson like any of its own: the same Netty event loop, TLS, AUTH, database and connect timeout. Once open, the
 * connection is taken off Redisson's command handling (its decoder, its reconnecting watchdog, its PING) and
 * speaks plain RESP2 through {@link RespFrameDecoder}: a subscription's loss must be seen at once, not repaired
 * behind our back (a reconnected tracking session would have lost its CLIENT TRACKING), and its frames must arrive
 * byte for byte.
 *
 * <p>Before {@link #stream}, replies are read with {@link #call}; after it, every frame goes to the consumer on the
 * event loop. Silence is answered with a PING each second; three seconds without a byte from Redis close the
 * connection, which the {@code closed} callback of {@link #stream} reports.
 */
// Netty's writes and closes return futures we never wait for: a failed one shows in the channel's close future.
@SuppressWarnings("FutureReturnValueIgnored")
public final class SubscriberConnection implements Closeable {

  private static final long KEEP_ALIVE_MILLIS = 1000;
  private static final long SILENCE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(3);
  private static final Object CLOSED = new Object();
  // Replies waiting for a call() before streaming starts; set-up sends a handful of commands.
  private static final int MAX_UNREAD_REPLIES = 64;

  private final InetSocketAddress address;
  private final Channel channel;
  private final BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
  private final long timeoutMillis;
  private volatile @Nullable Consumer<Object> stream; // null until stream() hands frames to a consumer
  private volatile long lastHeard = System.nanoTime();
  private volatile @Nullable ScheduledFuture<?> keepAlive; // null until stream() starts pinging

  private SubscriberConnection(InetSocketAddress address, Channel channel, long timeoutMillis) {
    this.address = address;
    this.channel = channel;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Connects to one Redis server through the Redisson client that already talks to it.
   *
   * @param client        Redisson's client for the server
   * @param timeoutMillis how long connecting, and each {@link #call}, may take
   * @throws IOException if the connection cannot be made in time
   */
  static SubscriberConnection open(RedisClient client, long timeoutMillis) throws IOException {
    RedisConnection connection;
    try {
      connection = client.connectAsync().toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while connecting to " + describe(client.getAddr()), e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("cannot connect to " + describe(client.getAddr()) + ": " + cause.getMessage(), cause);
    }
    Channel channel = connection.getChannel();
    SubscriberConnection subscriber = new SubscriberConnection(client.getAddr(), channel, timeoutMillis);
    try {
      channel.eventLoop().submit(() -> subscriber.takeOver(channel.pipeline())).get(timeoutMillis,
          TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.close();
      throw new IOException("interrupted while connecting to " + describe(client.getAddr()), e);
    } catch (ExecutionException | TimeoutException e) {
      channel.close();
      throw new IOException("cannot take over a connection to " + describe(client.getAddr()), e);
    }
    subscriber.align();
    return subscriber;
  }

  /**
   * Skips the replies to what Redisson sent before we took the connection over (the PING it sends on connecting
   * may be answered after that), so that each {@link #call} reads its own reply: an ECHO of a fresh token is sent,
   * and everything before its answer is dropped.
   */
  private void align() throws IOException {
    byte[] token = ("jcache-redis-" + System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
    send("ECHO", token);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      Object reply;
      try {
        reply = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IOException("interrupted waiting for " + describe(address), e);
      }
      if (reply == null || reply == CLOSED) {
        close();
        throw new IOException(describe(address) + " did not answer ECHO within " + timeoutMillis + " ms");
      }
      if (reply instanceof byte[] && Arrays.equals(token, (byte[]) reply)) {
        return;
      }
    }
  }

  /** On the event loop: Redisson's handlers go, except TLS; ours come. */
  private void takeOver(ChannelPipeline pipeline) {
    List<String> redisson = new ArrayList<>();
    for (Map.Entry<String, ChannelHandler> handler : pipeline) {
      if (!(handler.getValue() instanceof SslHandler)) {
        redisson.add(handler.getKey());
      }
    }
    redisson.forEach(pipeline::remove);
    pipeline.addLast(new RespFrameDecoder(), new Frames());
    channel.closeFuture().addListener(closed -> {
      replies.offer(CLOSED);
      stopKeepAlive();
    });
  }

  private void stopKeepAlive() {
    ScheduledFuture<?> pinging = keepAlive;
    if (pinging != null) {
      pinging.cancel(false);
    }
  }

  private void keepAlive() {
    long silence = System.nanoTime() - lastHeard;
    if (silence > SILENCE_LIMIT_NANOS) {
      channel.close();
    } else if (silence >= TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_MILLIS)) {
      send("PING");
    }
  }

  /** @return the server's address */
  public InetSocketAddress address() {
    return address;
  }

  /**
   * Sends a command and waits for its reply (before {@link #stream} only).
   *
   * @return the reply: {@code byte[]}, {@code String}, {@code Long}, {@code List} or {@code null}
   * @throws ErrorReply    if Redis refused the command
   * @throws IOException if the connection fails or the reply does not come in time
   */
  public @Nullable Object call(Object... args) throws IOException {
    send(args);
    Object reply;
    try {
      reply = replies.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for " + describe(address), e);
    }
    if (reply == null) {
      close();
      throw new IOException(describe(address) + " did not answer " + args[0] + " within " + timeoutMillis + " ms");
    }
    if (reply == CLOSED) {
      replies.offer(CLOSED);
      throw new IOException("connection to " + describe(address) + " closed");
    }
    if (reply instanceof RespFrameDecoder.ErrorReply) {
      throw new ErrorReply(((RespFrameDecoder.ErrorReply) reply).message());
    }
    return reply == RespFrameDecoder.Nil.NIL ? null : reply;
  }

  /** Sends a command without waiting (replies arrive in order). */
  public void send(Object... args) {
    ByteBuf buffer = channel.alloc().buffer();
    buffer.writeCharSequence("*" + args.length + "\r\n", StandardCharsets.US_ASCII);
    for (Object arg : args) {
      byte[] bytes = arg instanceof byte[] ? (byte[]) arg : String.valueOf(arg).getBytes(StandardCharsets.UTF_8);
      buffer.writeCharSequence("$" + bytes.length + "\r\n", StandardCharsets.US_ASCII);
      buffer.writeBytes(bytes);
      buffer.writeByte('\r').writeByte('\n');
    }
    channel.writeAndFlush(buffer);
  }

  /**
   * From now on hands every frame (replies not yet read with {@link #call} first) to {@code frames}, on the event
   * loop, where it must be quick and never block.
   *
   * @param frames the consumer of frames ({@code null} stands for a nil reply)
   * @param closed runs once when the connection is gone, for whatever reason (on the event loop)
   */
  public void stream(Consumer<Object> frames, Runnable closed) {
    try {
      channel.eventLoop().execute(() -> startStreaming(frames, closed));
    } catch (RejectedExecutionException shutDown) {
      closed.run(); // the Redisson client is shutting down
    }
  }

  private void startStreaming(Consumer<Object> frames, Runnable closed) {
    {
      for (Object queued = replies.poll(); queued != null; queued = replies.poll()) {
        if (queued != CLOSED) {
          frames.accept(queued == RespFrameDecoder.Nil.NIL ? null : queued);
        }
      }
      stream = frames;
      lastHeard = System.nanoTime();
      // Only now: a PING's answer must never be taken for the reply of a call.
      if (channel.isActive()) {
        keepAlive = channel.eventLoop().scheduleWithFixedDelay(this::keepAlive, KEEP_ALIVE_MILLIS,
            KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(ignored -> closed.run());
      } else {
        closed.run();
      }
    }
  }

  /** @return whether the connection is open */
  public boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public void close() {
    stopKeepAlive();
    channel.close();
  }

  private static String describe(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  /** Frames in: to the waiting {@link #call}, or once streaming, to the consumer. */
  private final class Frames extends SimpleChannelInboundHandler<Object> {

    @Override
    protected void channelRead0(ChannelHandlerContext context, Object frame) {
      lastHeard = System.nanoTime();
      Consumer<Object> consumer = stream;
      if (consumer != null) {
        consumer.accept(frame == RespFrameDecoder.Nil.NIL ? null : frame);
      } else if (replies.size() >= MAX_UNREAD_REPLIES) {
        // Before streaming, only the answers to our few set-up commands are due: a flood is no server of ours.
        context.close();
      } else {
        replies.offer(frame);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
      // A malformed or oversized frame, or a broken connection: the subscription starts again on a new one.
      context.close();
    }
  }

  /** An error reply: Redis received the command and refused it; the connection itself is fine. */
  public static final class ErrorReply extends IOException {
    private static final long serialVersionUID = 1L;

    ErrorReply(String line) {
      super("Redis answered with an error: " + line);
    }
  }
}
