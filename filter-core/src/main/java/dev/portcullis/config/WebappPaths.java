package dev.portcullis.config;

import java.nio.file.Path;

/**
 * The one resolver of file settings: a plain path, or {@code webapp:/WEB-INF/...} inside the
 * deployed web application.
 */
public final class WebappPaths {
  /** The prefix of a location inside the web application. */
  public static final String WEBAPP = "webapp:";

  private WebappPaths() {}

  /**
   * Resolves a file setting.
   *
   * @param config the settings the key belongs to, for the error message
   * @param key the relative key
   * @param value the setting's value
   * @param environment gives the servlet context for {@code webapp:} locations
   * @return the file's path
   * @throws ConfigurationException for a {@code webapp:} location when the web application is not
   *     deployed as a directory or has no such file
   */
  public static Path resolve(Config config, String key, String value, Environment environment) {
    if (!value.startsWith(WEBAPP)) {
      return Path.of(value);
    }
    String real =
        environment
            .servletContext()
            .map(context -> context.getRealPath(value.substring(WEBAPP.length())))
            .orElse(null);
    if (real == null) {
      throw config.invalid(key, value, "the web application is not unpacked or has no such file");
    }
    return Path.of(real);
  }
}
