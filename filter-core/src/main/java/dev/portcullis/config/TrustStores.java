package dev.portcullis.config;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS trust of a mechanism's outbound calls (JWKS, metadata, introspection), from the settings
 * {@value #TRUST_STORE} and {@value #TRUST_STORE_PASSWORD} under the mechanism's prefix.
 * Certificates are always verified; the store only replaces the JDK's default trust anchors.
 */
public final class TrustStores {
  /** Key of a PKCS#12 or JKS file (type detected from the content) of trusted certificates. */
  public static final String TRUST_STORE = Keys.TRUST_STORE;

  /** Key of the trust store's password, a secret ({@code env:NAME}, {@code file:/path}). */
  public static final String TRUST_STORE_PASSWORD = Keys.TRUST_STORE_PASSWORD;

  private TrustStores() {}

  /**
   * The JDK's default TLS context, or one that trusts exactly the certificates of the configured
   * trust store.
   *
   * @param config the mechanism's settings
   * @return the context
   * @throws ConfigurationException when the store cannot be read, or a password is set without a
   *     store
   */
  public static SSLContext sslContext(Config config) {
    Optional<String> trustStore = config.string(TRUST_STORE);
    Optional<String> password = config.secret(TRUST_STORE_PASSWORD);
    try {
      if (trustStore.isEmpty()) {
        if (password.isPresent()) {
          throw new ConfigurationException(
              "Setting " + config.key(TRUST_STORE_PASSWORD) + " needs " + config.key(TRUST_STORE));
        }
        return SSLContext.getDefault();
      }
      KeyStore store =
          KeyStore.getInstance(
              Path.of(trustStore.get()).toFile(), password.map(String::toCharArray).orElse(null));
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof ConfigurationException ce) {
        throw ce;
      }
      throw new ConfigurationException(
          "Invalid value ["
              + trustStore.orElse("")
              + "] for setting "
              + config.key(TRUST_STORE)
              + ": cannot be read as a trust store with the given password",
          e);
    }
  }
}
