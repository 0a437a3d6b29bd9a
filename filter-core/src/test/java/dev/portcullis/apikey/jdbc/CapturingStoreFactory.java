package dev.portcullis.apikey.jdbc;

import dev.portcullis.apikey.ApiKeyStore;
import dev.portcullis.apikey.ApiKeyStoreFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import javax.sql.DataSource;

/**
 * A custom store factory ({@code apiKey.store=jdbcTest}) that gives its data source directly, as
 * {@link JdbcApiKeyStore#create} documents, and keeps the store for the test to drive.
 */
public final class CapturingStoreFactory implements ApiKeyStoreFactory {
  static volatile DataSource dataSource;
  static volatile JdbcApiKeyStore last;

  @Override
  public String name() {
    return "jdbcTest";
  }

  @Override
  public ApiKeyStore create(Config config, Environment environment) {
    last = JdbcApiKeyStore.create(dataSource, config, environment.clock());
    return last;
  }
}
