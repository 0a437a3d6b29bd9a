package dev.portcullis.introspection;

import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.TRUST_STORE;
import static dev.portcullis.introspection.IntrospectionAuthenticatorFactory.TRUST_STORE_PASSWORD;

import dev.portcullis.Config;
import dev.portcullis.ConfigurationException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context of the introspection client. Certificates are always verified. */
final class TrustStores {
  private TrustStores() {}

  /**
   * The JVM's default context, or one that trusts exactly the certificates of a trust store file
   * (PKCS#12 or JKS, detected from the content).
   */
  static SSLContext sslContext(Config config, Optional<String> trustStore) {
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
