package dev.portcullis.jwt;

import dev.portcullis.Config;
import dev.portcullis.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The optional trust store for fetching metadata and key sets from a private PKI. */
final class TrustStores {
  static final String TRUST_STORE = "trustStore";
  static final String TRUST_STORE_PASSWORD = "trustStorePassword";
  static final String TRUST_STORE_TYPE = "trustStoreType";

  private TrustStores() {}

  /**
   * Builds a TLS context trusting only the configured store.
   *
   * @param config the mechanism's settings
   * @return the context, or null for the JDK's default trust
   * @throws ConfigurationException when the store cannot be read
   */
  static SSLContext sslContext(Config config) {
    Optional<String> path = config.string(TRUST_STORE);
    Optional<String> password = config.secret(TRUST_STORE_PASSWORD);
    String type = config.string(TRUST_STORE_TYPE).orElse("PKCS12");
    if (path.isEmpty()) {
      return null;
    }
    try (InputStream in = Files.newInputStream(Path.of(path.get()))) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password.map(String::toCharArray).orElse(null));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new ConfigurationException(
          "Setting "
              + config.key(TRUST_STORE)
              + " refers to ["
              + path.get()
              + "], which cannot be read as a "
              + type
              + " trust store",
          e);
    }
  }
}
