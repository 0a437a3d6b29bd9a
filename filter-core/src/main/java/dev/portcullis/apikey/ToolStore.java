package dev.portcullis.apikey;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.apikey.jdbc.JdbcApiKeyStore;
import dev.portcullis.apikey.jdbc.JdbcApiKeyStoreFactory;
import dev.portcullis.config.Config;
import dev.portcullis.jdbc.DriverDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Opens the store the key tool's options name: {@code --file PATH} or the {@code --jdbc-*} options.
 */
final class ToolStore {
  private ToolStore() {}

  /** Whether the options name a store. */
  static boolean named(Map<String, String> options) {
    return options.containsKey("--file") || options.containsKey("--jdbc-url");
  }

  /**
   * Opens the store; no last-use writer.
   *
   * @throws IllegalArgumentException for a usage error (both stores, a missing password variable)
   * @throws IOException when the key file cannot be read
   */
  static ManagedApiKeyStore open(Map<String, String> options, UnaryOperator<String> env)
      throws IOException {
    if (options.containsKey("--file")) {
      if (options.keySet().stream().anyMatch(o -> o.startsWith("--jdbc"))) {
        throw new IllegalArgumentException("--file and --jdbc-* name two stores; give one");
      }
      return new FileApiKeyStore(
          Path.of(options.get("--file")), Duration.ZERO, Ticker.systemTicker());
    }
    return jdbc(options, env);
  }

  /** A store on a plain JDBC connection. */
  static JdbcApiKeyStore jdbc(Map<String, String> options, UnaryOperator<String> env) {
    String url = options.get("--jdbc-url");
    String user = options.get("--jdbc-user");
    String passwordEnv = options.get("--jdbc-password-env");
    if (user == null || passwordEnv == null || env.apply(passwordEnv) == null) {
      throw new IllegalArgumentException(
          "--jdbc-user and --jdbc-password-env (naming a set environment variable) are required");
    }
    DataSource dataSource = DriverDataSource.of(url, user, env.apply(passwordEnv));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("apiKey." + JdbcApiKeyStoreFactory.LAST_USED_FLUSH_INTERVAL, "0s");
    if (options.containsKey("--jdbc-table")) {
      settings.put("apiKey." + JdbcApiKeyStoreFactory.TABLE, options.get("--jdbc-table"));
    }
    return JdbcApiKeyStore.create(
        dataSource, Config.of(settings, name -> null).child("apiKey"), Clock.systemUTC());
  }
}
