package dev.portcullis.apikey;

import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import java.util.Set;

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
   * The settings this store reads, relative to {@code apiKey.}. While another store is selected,
   * these keys are ignored (and logged) instead of refused as unknown, so that one configuration
   * can carry the settings of several stores and choose one with {@code apiKey.store}.
   *
   * @return the keys, for example {@code file} and {@code reloadInterval}; empty by default
   */
  default Set<String> settings() {
    return Set.of();
  }

  /**
   * Creates the store.
   *
   * @param config the {@code apiKey.} settings
   * @param environment time sources and servlet context
   * @return the store
   * @throws dev.portcullis.config.ConfigurationException for bad settings or an unreadable store
   */
  ApiKeyStore create(Config config, Environment environment);
}
