package dev.portcullis.apikey;

import dev.portcullis.CredentialShapes;
import dev.portcullis.EphemeralKeys;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.Environment;
import dev.portcullis.config.SecretBytes;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The ephemeral-key settings of the {@code apiKey} mechanism, and the registration of the minter in
 * the servlet context (one filter per application). Off unless {@value #SECRET} is set.
 */
final class EphemeralKeySettings {
  /** Key of the shared MAC secret; ephemeral keys are off without it. */
  static final String SECRET = "ephemeralSecret";

  /** Key of the ephemeral key prefix. */
  static final String PREFIX = "ephemeralPrefix";

  /** Key of the longest lifetime a minted key gets. */
  static final String MAX_LIFETIME = "ephemeralMaxLifetime";

  /** Default longest lifetime. */
  static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(10);

  static final List<String> KEYS = List.of(SECRET, PREFIX, MAX_LIFETIME);

  /**
   * The verifier and the minter's registration.
   *
   * @param check verifies presented keys
   * @param minter mints keys for the application
   * @param close removes the registration
   */
  record Ephemeral(EphemeralKeyCheck check, EphemeralKeyMinter minter, Runnable close) {}

  private EphemeralKeySettings() {}

  /**
   * Reads the settings; a bad one closes {@code store} (already open) before it stops deployment.
   *
   * @return the ephemeral keys, or null when they are off
   */
  static Ephemeral orNull(
      Config config, Environment environment, ApiKeyFormat keys, ApiKeyStore store) {
    try {
      return from(config, environment, keys.allPrefixes()).orElse(null);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  static Optional<Ephemeral> from(Config config, Environment environment, List<String> taken) {
    Optional<byte[]> secret = SecretBytes.of(config, SECRET);
    if (secret.isEmpty()) {
      config.ignore(PREFIX);
      config.ignore(MAX_LIFETIME);
      return Optional.empty();
    }
    if (secret.get().length < EphemeralKeyFormat.MIN_SECRET_BYTES) {
      throw new ConfigurationException(
          "Setting "
              + config.key(SECRET)
              + " is shorter than "
              + EphemeralKeyFormat.MIN_SECRET_BYTES
              + " bytes");
    }
    String prefix = config.string(PREFIX).orElse(EphemeralKeyFormat.DEFAULT_PREFIX);
    if (!ApiKeyFormat.PREFIX.matcher(prefix).matches()) {
      throw config.invalid(
          PREFIX, prefix, "expected a letter then up to 31 letters, digits, _ or -");
    }
    for (String other : taken) {
      if (other.startsWith(prefix) || prefix.startsWith(other)) {
        throw config.invalid(PREFIX, prefix, "overlaps the key prefix [" + other + "]");
      }
    }
    Duration max = config.positiveDuration(MAX_LIFETIME, DEFAULT_MAX_LIFETIME);
    EphemeralKeyFormat format = new EphemeralKeyFormat(prefix, secret.get());
    CredentialShapes.keyShapes(environment.servletContext()).add(List.of(prefix));
    EphemeralKeyCheck check =
        new EphemeralKeyCheck(format, environment.grid(), max, environment.clock());
    EphemeralKeyMinter minter = new EphemeralKeyMinter(format, max, environment.clock());
    return Optional.of(
        new Ephemeral(check, minter, register(config, environment.servletContext(), minter)));
  }

  private static Runnable register(
      Config config, Optional<ServletContext> context, EphemeralKeyMinter minter) {
    if (context.isEmpty()) {
      return () -> {};
    }
    ServletContext servletContext = context.get();
    if (servletContext.getAttribute(EphemeralKeys.CONTEXT_ATTRIBUTE) != null) {
      throw new ConfigurationException(
          "Setting "
              + config.key(SECRET)
              + " is set on a second filter; one filter per application mints ephemeral keys");
    }
    servletContext.setAttribute(EphemeralKeys.CONTEXT_ATTRIBUTE, minter);
    return () -> {
      if (servletContext.getAttribute(EphemeralKeys.CONTEXT_ATTRIBUTE) == minter) {
        servletContext.removeAttribute(EphemeralKeys.CONTEXT_ATTRIBUTE);
      }
    };
  }
}
