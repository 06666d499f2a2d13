package io.github.jcacheredis.storage;

import io.github.jcacheredis.config.RedisAddress;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import io.github.jcacheredis.config.TlsTrust;

/**
 * A plain blocking RESP2 connection, for what Redisson's pooled connections cannot do for us: hold a subscribed
 * connection whose tracking session (CLIENT TRACKING) we control and whose loss we see at once (near cache),
 * and publish events in order over one connection (listeners in other JVMs). Replies are {@code byte[]} (bulk), {@code String} (status), {@code Long}, {@code List} or {@code null}.
 */
public final class RespConnection implements Closeable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private RespConnection(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new BufferedInputStream(socket.getInputStream());
  }

  /**
   * Connects and authenticates.
   *
   * @param endpoint    the server
   * @param credentials user, password and TLS flag (host and port are taken from {@code endpoint})
   * @param tls         the trust Redisson's connections use, for {@code rediss://}
   */
  public static RespConnection open(InetSocketAddress endpoint, RedisAddress credentials, TlsTrust tls,
      int connectTimeoutMillis, int readTimeoutMillis) throws IOException {
    Socket socket = credentials.tls() ? tls.newSocket() : new Socket();
    try {
      socket.connect(endpoint, connectTimeoutMillis);
      socket.setSoTimeout(readTimeoutMillis);
      socket.setTcpNoDelay(true);
      RespConnection connection = new RespConnection(socket);
      if (credentials.password() != null) {
        if (credentials.username() != null) {
          connection.call("AUTH", credentials.username(), credentials.password());
        } else {
          connection.call("AUTH", credentials.password());
        }
      }
      return connection;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Sends a command and reads its reply; an error reply becomes an IOException. */
  public Object call(Object... args) throws IOException {
    send(args);
    return read();
  }

  /** Sends a command without reading its reply (replies arrive in order; read them with {@link #read()}). */
  public void send(Object... args) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    buffer.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (Object arg : args) {
      byte[] bytes = arg instanceof byte[] ? (byte[]) arg : String.valueOf(arg).getBytes(StandardCharsets.UTF_8);
      buffer.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      buffer.write(bytes);
      buffer.write('\r');
      buffer.write('\n');
    }
    out.write(buffer.toByteArray());
    out.flush();
  }

  /** Reads one reply (blocking up to the read timeout). */
  public Object read() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new IOException("connection closed by Redis");
    }
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new ErrorReply(line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] bytes = in.readNBytes(length);
        readLine();
        return bytes;
      }
      case '*': {
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        // The declared count sizes nothing up front: the items themselves must arrive.
        List<Object> items = new ArrayList<>(Math.min(count, 16));
        for (int i = 0; i < count; i++) {
          items.add(read());
        }
        return items;
      }
      default:
        throw new IOException("unexpected RESP type byte " + type);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(16);
    int b;
    while ((b = in.read()) != '\r') {
      if (b < 0) {
        throw new IOException("connection closed by Redis");
      }
      line.write(b);
    }
    if (in.read() != '\n') {
      throw new IOException("malformed RESP line");
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /** An error reply: Redis received the command and refused it; the connection itself is fine. */
  public static final class ErrorReply extends IOException {
    private static final long serialVersionUID = 1L;

    ErrorReply(String line) {
      super("Redis answered with an error: " + line);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a broken socket: nothing left to do
    }
  }
}
