package dev.portcullis.apikey;

import jakarta.servlet.ServletContext;
import java.util.Objects;
import java.util.Optional;

/**
 * What the admin API and the leaked-key endpoint use of an {@code apiKey} filter: its key lifecycle
 * (the filter's own store, hasher and key format, so a change drops the filter's cached verdicts at
 * once) and the role the admin API requires. The filter puts it in the servlet context under {@link
 * #ATTRIBUTE} when its store can be changed ({@link ManagedApiKeyStore}).
 *
 * @param keys the key lifecycle
 * @param adminRole the role the admin API requires; empty leaves the admin API off
 */
public record KeyAdministration(KeyLifecycle keys, Optional<String> adminRole) {
  /** The servlet context attribute holding the first {@code apiKey} filter's administration. */
  public static final String ATTRIBUTE = "dev.portcullis.apikey.KeyAdministration";

  /**
   * Checks the parts.
   *
   * @param keys the key lifecycle
   * @param adminRole the admin role, or empty
   */
  public KeyAdministration {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(adminRole, "adminRole");
  }

  /**
   * The administration of a web application.
   *
   * @param context the web application
   * @return the administration, empty when no {@code apiKey} filter with a changeable store runs
   */
  public static Optional<KeyAdministration> of(ServletContext context) {
    return context == null
        ? Optional.empty()
        : Optional.ofNullable(context.getAttribute(ATTRIBUTE))
            .filter(KeyAdministration.class::isInstance)
            .map(KeyAdministration.class::cast);
  }
}
