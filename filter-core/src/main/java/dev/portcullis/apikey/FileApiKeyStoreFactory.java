package dev.portcullis.apikey;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.Environment;
import dev.portcullis.config.WebappPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The {@code file} store. Settings: {@code apiKey.file} (required: a path, or {@code
 * webapp:/WEB-INF/...} inside the web application), {@code apiKey.reloadInterval} (how often the
 * file is checked for changes, default {@code 5s}), {@code apiKey.lastUsedFlushInterval} (how often
 * the last use of keys is written to {@code <file>.last-used}, default {@code 1m}, {@code 0s} off;
 * off too when the file's directory is not writable) and {@code apiKey.lastUsedMaximumPending} (the
 * most key ids queued between two writes, default 10000). The last two keys are shared with the
 * {@code jdbc} store.
 */
public final class FileApiKeyStoreFactory implements ApiKeyStoreFactory {
  /** Key of the file path. */
  public static final String FILE = "file";

  /** Key of the change-check interval. */
  public static final String RELOAD_INTERVAL = "reloadInterval";

  /** Default change-check interval. */
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);

  /** Key of the interval between two writes of last use (shared with the jdbc store). */
  public static final String LAST_USED_FLUSH_INTERVAL = "lastUsedFlushInterval";

  /** Key of the most key ids queued between two writes of last use (shared with jdbc). */
  public static final String LAST_USED_MAXIMUM_PENDING = "lastUsedMaximumPending";

  /** Default interval between two writes of last use. */
  public static final Duration DEFAULT_LAST_USED_FLUSH_INTERVAL = Duration.ofMinutes(1);

  /** The store's name, and the default of {@code apiKey.store}. */
  public static final String NAME = "file";

  /** Default bound of queued key ids. */
  public static final int DEFAULT_LAST_USED_MAXIMUM_PENDING = 10_000;

  private static final System.Logger LOG = System.getLogger(FileApiKeyStoreFactory.class.getName());

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> settings() {
    return Set.of(FILE, RELOAD_INTERVAL, LAST_USED_FLUSH_INTERVAL, LAST_USED_MAXIMUM_PENDING);
  }

  @Override
  public ApiKeyStore create(Config config, Environment environment) {
    String location = config.required(FILE);
    Duration interval = config.duration(RELOAD_INTERVAL, DEFAULT_RELOAD_INTERVAL);
    Path path = WebappPaths.resolve(config, FILE, location, environment);
    Duration flush = config.duration(LAST_USED_FLUSH_INTERVAL, DEFAULT_LAST_USED_FLUSH_INTERVAL);
    if (!flush.isZero() && flush.toMillis() < 100) {
      throw config.invalid(
          LAST_USED_FLUSH_INTERVAL,
          config.string(LAST_USED_FLUSH_INTERVAL).orElseThrow(),
          "expected 0s (off) or at least 100ms");
    }
    int pending =
        config.integer(LAST_USED_MAXIMUM_PENDING, DEFAULT_LAST_USED_MAXIMUM_PENDING, 1, 1_000_000);
    Path directory = path.toAbsolutePath().getParent();
    if (!flush.isZero() && (directory == null || !Files.isWritable(directory))) {
      LOG.log(
          System.Logger.Level.INFO,
          "API key file {0}: its directory is not writable, so last use is not recorded",
          path);
      flush = Duration.ZERO;
    }
    try {
      return new FileApiKeyStore(
          path, interval, environment.ticker(), environment.clock(), flush, pending);
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
