package dev.portcullis.apikey;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.Environment;
import dev.portcullis.config.WebappPaths;
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
    Path path = WebappPaths.resolve(config, FILE, location, environment);
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
}
