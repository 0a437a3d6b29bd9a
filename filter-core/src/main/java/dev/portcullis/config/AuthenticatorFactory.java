package dev.portcullis.config;

import dev.portcullis.Authenticator;
import java.util.Set;

/**
 * Creates an {@link Authenticator} from configuration. Implementations are found by {@link #name()}
 * through {@link java.util.ServiceLoader}, so a mechanism in another jar becomes available by being
 * on the class path: list the class in {@code
 * META-INF/services/dev.portcullis.config.AuthenticatorFactory}.
 */
public interface AuthenticatorFactory {

  /**
   * The mechanism name used in the {@code mechanisms} setting and as the prefix of its keys, for
   * example {@code apiKey} (keys {@code apiKey.header}, {@code apiKey.file}, ...).
   *
   * @return a camelCase name, unique among the factories on the class path
   */
  String name();

  /**
   * Creates the authenticator. Every key read from {@code config} counts as known; a key with this
   * factory's prefix that no factory reads stops deployment.
   *
   * @param config the settings under this factory's prefix
   * @param environment time sources, realm and servlet context
   * @return a ready, thread-safe authenticator
   * @throws ConfigurationException when a setting is missing, malformed or contradictory
   */
  Authenticator create(Config config, Environment environment);

  /**
   * Every key this mechanism reads, relative to its prefix ({@code cacheTtl} for {@code
   * jwt.cacheTtl}), whether or not it has a default. The documentation's configuration tables are
   * checked against it. The default is none.
   *
   * @return the relative keys
   */
  default Set<String> settings() {
    return Set.of();
  }
}
