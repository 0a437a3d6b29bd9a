package dev.portcullis.apikey;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.Environment;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code file} store. Settings: {@code apiKey.file} (required: a path, or {@code
 * webapp:/WEB-INF/...} inside the web application) and {@code apiKey.reloadInterval} (how often the
 * file is checked for changes, default {@code 5s}).
 */
public final class FileApiKeyStoreFactory implements ApiKeyStoreFactory {
  /** Key of the file path. */
  public static final String FILE = "file";

  /** Key of the change-check interval. */
  public static final String RELOAD_INTERVAL = "reloadInterval";

  /** Default change-check interval. */
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);

  private static final String WEBAPP = "webapp:";

  @Override
  public String name() {
    return "file";
  }

  @Override
  public Set<String> settings() {
    return Set.of(FILE, RELOAD_INTERVAL);
  }

  @Override
  public ApiKeyStore create(Config config, Environment environment) {
    String location = config.required(FILE);
    Duration interval = config.duration(RELOAD_INTERVAL, DEFAULT_RELOAD_INTERVAL);
    Path path = resolve(config, location, environment);
    try {
      return new FileApiKeyStore(path, interval, environment.ticker());
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException(
          "Setting "
              + config.key(FILE)
              + " ["
              + location
              + "]: cannot read API keys: "
              + e.getMessage(),
          e);
    }
  }

  private static Path resolve(Config config, String location, Environment environment) {
    if (!location.startsWith(WEBAPP)) {
      return Path.of(location);
    }
    String real =
        environment
            .servletContext()
            .map((ServletContext c) -> c.getRealPath(location.substring(WEBAPP.length())))
            .orElse(null);
    if (real == null) {
      throw config.invalid(FILE, location, "the web application is not deployed as a directory");
    }
    return Path.of(real);
  }
}
