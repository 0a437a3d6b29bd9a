package dev.portcullis.apikey;

import dev.portcullis.Config;
import dev.portcullis.Environment;

/**
 * Creates an {@link ApiKeyStore} named by the {@code apiKey.store} setting. Found through {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.portcullis.apikey.ApiKeyStoreFactory}).
 */
public interface ApiKeyStoreFactory {

  /**
   * The store name, for example {@code file} or {@code jdbc}.
   *
   * @return the name
   */
  String name();

  /**
   * Creates the store.
   *
   * @param config the {@code apiKey.} settings
   * @param environment time sources and servlet context
   * @return the store
   * @throws dev.portcullis.ConfigurationException for bad settings or an unreadable store
   */
  ApiKeyStore create(Config config, Environment environment);
}
