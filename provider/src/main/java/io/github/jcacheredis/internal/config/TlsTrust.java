package io.github.jcacheredis.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Which certificates a {@code rediss://} connection trusts: the JVM's default trust store, or a trust store
 * file of the user's (PKCS12 or JKS) holding the CA that signed the server's certificate; and whether the
 * server's host name must match its certificate (on by default).
 */
public final class TlsTrust {

  private final @Nullable TrustManagerFactory trustManagers;
  private final boolean verifyHostname;

  private TlsTrust(@Nullable TrustManagerFactory trustManagers, boolean verifyHostname) {
    this.trustManagers = trustManagers;
    this.verifyHostname = verifyHostname;
  }

  /**
   * @param truststore     the trust store file, or {@code null} for the JVM's default trust
   * @param password       its password, or {@code null}
   * @param verifyHostname whether the server's name must match its certificate
   * @param setting        the setting naming the file, for error messages
   * @throws IllegalArgumentException naming the setting when the file is missing or unreadable
   */
  static TlsTrust of(@Nullable String truststore, @Nullable String password, boolean verifyHostname, String setting) {
    if (truststore == null) {
      return new TlsTrust(null, verifyHostname);
    }
    Path path = Path.of(truststore);
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException("Invalid " + setting + ": trust store file " + truststore
          + " does not exist or cannot be read");
    }
    try (InputStream in = Files.newInputStream(path)) {
      // PKCS12 is Java's default type and, with keystore.type.compat, also reads JKS files.
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(in, password == null ? null : password.toCharArray());
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return new TlsTrust(factory, verifyHostname);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Invalid " + setting + ": trust store " + truststore
          + " cannot be read (" + e.getMessage() + "; is the password right?)", e);
    }
  }

  /** @return the trust managers to give Redisson, or {@code null} for the JVM's default */
  public @Nullable TrustManagerFactory trustManagers() {
    return trustManagers;
  }

  /** @return whether the server's name must match its certificate */
  public boolean verifyHostname() {
    return verifyHostname;
  }
}
