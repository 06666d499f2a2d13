package io.github.jcacheredis.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code redis://} or {@code rediss://} address: host, port, optional ACL user and password, and the
 * logical database. The password is kept out of {@link #toString()} so that an address can be logged or put
 * into an exception message without leaking the secret.
 */
public final class RedisAddress {

  /** The address used when neither the CacheManager, a system property nor {@code REDIS_URL} names one. */
  public static final String DEFAULT_URL = "redis://127.0.0.1:6379";

  private final boolean tls;
  private final String host;
  private final int port;
  private final @Nullable String username;
  private final @Nullable String password;
  private final int database;

  private RedisAddress(boolean tls, String host, int port, @Nullable String username, @Nullable String password,
      int database) {
    this.tls = tls;
    this.host = host;
    this.port = port;
    this.username = username;
    this.password = password;
    this.database = database;
  }

  /**
   * Parses a Redis URL of the form {@code redis[s]://[[user]:password@]host[:port][/db]}.
   *
   * @param url     the URL text
   * @param setting the name of the setting the URL came from, quoted in error messages
   * @return the parsed address
   * @throws IllegalArgumentException if the URL is malformed; the message names the setting but never the password
   */
  public static RedisAddress parse(String url, String setting) {
    Objects.requireNonNull(url, setting);
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw invalid(setting, "it is not a valid URI");
    }
    String scheme = uri.getScheme();
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      throw invalid(setting, "the scheme must be redis:// or rediss://");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw invalid(setting, "it names no host");
    }
    int port = uri.getPort() == -1 ? 6379 : uri.getPort();
    if (port < 1 || port > 65535) {
      throw invalid(setting, "the port must be from 1 to 65535");
    }
    String username = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        // redis://secret@host is how several clients spell a password without a user.
        password = decode(userInfo);
      } else {
        username = colon == 0 ? null : decode(userInfo.substring(0, colon));
        password = decode(userInfo.substring(colon + 1));
      }
    }
    int database = 0;
    String path = uri.getPath();
    if (path != null && path.length() > 1) {
      try {
        database = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        throw invalid(setting, "the path must be a database number such as /0");
      }
      if (database < 0) {
        throw invalid(setting, "the database number must not be negative");
      }
    }
    return new RedisAddress("rediss".equals(scheme), host, port, username, password, database);
  }

  private static String decode(String text) {
    // Percent-decoding only: URLDecoder is form decoding and would turn a '+' in a password into a space.
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalid(String setting, String why) {
    return new IllegalArgumentException("Invalid Redis URL in " + setting + ": " + why
        + " (expected redis[s]://[[user]:password@]host[:port][/database])");
  }

  /** @return {@code redis://host:port} or {@code rediss://host:port}, without credentials or database */
  public String endpoint() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return (tls ? "rediss://" : "redis://") + h + ":" + port;
  }

  /** @return whether the connection uses TLS ({@code rediss://}) */
  public boolean tls() {
    return tls;
  }

  /** @return the host name or address */
  public String host() {
    return host;
  }

  /** @return the TCP port */
  public int port() {
    return port;
  }

  /** @return the ACL user, or {@code null} for the default user */
  public @Nullable String username() {
    return username;
  }

  /** @return the password, or {@code null} when none is configured; never log it */
  public @Nullable String password() {
    return password;
  }

  /** @return the logical database number */
  public int database() {
    return database;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RedisAddress)) {
      return false;
    }
    RedisAddress other = (RedisAddress) o;
    return tls == other.tls && port == other.port && database == other.database && host.equals(other.host)
        && Objects.equals(username, other.username) && Objects.equals(password, other.password);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tls, host, port, username, database);
  }

  /** @return the address with the password masked, safe to log */
  @Override
  public String toString() {
    String credentials = username == null && password == null ? ""
        : (username == null ? "" : username) + (password == null ? "" : ":***") + "@";
    String scheme = tls ? "rediss://" : "redis://";
    return scheme + credentials + endpoint().substring(scheme.length()) + "/" + database;
  }
}
