package dev.portcullis.apikey.jdbc;

import dev.portcullis.apikey.ManagedApiKeyStore;
import dev.portcullis.apikey.ManagedStoreContract;
import dev.portcullis.config.Config;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC table as a {@link ManagedApiKeyStore}, on a real PostgreSQL server. */
class JdbcStoreLifecycleTest extends ManagedStoreContract {
  private static TestDatabase database;

  @BeforeAll
  static void start() throws Exception {
    database = TestDatabase.start();
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
  }

  @Override
  protected ManagedApiKeyStore newStore() throws Exception {
    database.execute("DELETE FROM portcullis_api_keys");
    return JdbcApiKeyStore.create(
        database.dataSource(),
        Config.of(Map.of("apiKey.lastUsedFlushInterval", "0s"), name -> null).child("apiKey"),
        time);
  }
}
