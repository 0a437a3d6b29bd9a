package dev.portcullis.apikey.jdbc;

import static dev.portcullis.apikey.jdbc.TestKeys.hash;
import static dev.portcullis.apikey.jdbc.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.apikey.ApiKeyRecord;
import dev.portcullis.apikey.KeyMetadata;
import dev.portcullis.config.Config;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.LogCapture;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key metadata in the JDBC table, on a real PostgreSQL and on H2: written and read back in the
 * nullable columns, a table made before they existed still serving, and a row with bad metadata
 * refused and reported by key id and field.
 */
class JdbcKeyMetadataTest {
  private static final String ALICE = "a11ce00000000004";
  private static final String BOB = "b0b0000000000002";
  private static final KeyMetadata METADATA =
      new KeyMetadata("CI deploys", "acme", "prod", Map.of("team", "payments"));
  private static final String OLD_TABLE =
      "CREATE TABLE portcullis_api_keys (id VARCHAR(16) NOT NULL PRIMARY KEY,"
          + " hash VARCHAR(100) NOT NULL, principal VARCHAR(255) NOT NULL,"
          + " scopes VARCHAR(2000) NOT NULL DEFAULT '', roles VARCHAR(2000) NOT NULL DEFAULT '',"
          + " expires_at TIMESTAMP WITH TIME ZONE, revoked BOOLEAN NOT NULL DEFAULT FALSE,"
          + " created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,"
          + " last_used_at TIMESTAMP WITH TIME ZONE)";
  private static TestDatabase database;

  private final FakeTime time = new FakeTime();

  @BeforeAll
  static void startDatabase() throws Exception {
    database = TestDatabase.start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    database.close();
  }

  @BeforeEach
  void emptyTable() throws Exception {
    database.execute("DELETE FROM portcullis_api_keys");
  }

  private JdbcApiKeyStore store(DataSource dataSource) {
    return JdbcApiKeyStore.create(
        dataSource,
        Config.of(Map.of("apiKey.lastUsedFlushInterval", "0s"), name -> null).child("apiKey"),
        time);
  }

  private static ApiKeyRecord record(String id, KeyMetadata metadata) {
    return new ApiKeyRecord(
        id, hash(key(id)), id, Set.of("orders:read"), Set.of(), null, false, metadata);
  }

  @Test
  void findByIdWhenAddedWithMetadataThenSameRecordOnPostgresql() throws Exception {
    try (JdbcApiKeyStore store = store(database.dataSource())) {
      store.add(record(ALICE, METADATA));
      store.add(record(BOB, KeyMetadata.NONE));

      assertThat(store.findById(ALICE)).contains(record(ALICE, METADATA));
      assertThat(store.findByHash(hash(key(ALICE)))).contains(record(ALICE, METADATA));
      assertThat(store.findById(BOB)).contains(record(BOB, KeyMetadata.NONE));
    }
  }

  @Test
  void findByIdWhenRowMetadataBreaksARuleThenUnknownAndLoggedByIdAndField() throws Exception {
    database.execute(
        "INSERT INTO portcullis_api_keys (id, hash, principal, tenant, metadata) VALUES ('"
            + ALICE
            + "', '"
            + hash(key(ALICE))
            + "', 'alice', 'acme', 'team=a;team=b')");
    try (LogCapture log = LogCapture.start();
        JdbcApiKeyStore store = store(database.dataSource())) {
      assertThat(store.findById(ALICE)).isEmpty();

      assertThat(log.messages(KeyTable.class.getName()))
          .containsExactly(
              "API key row "
                  + ALICE
                  + " has invalid metadata; treated as unknown:"
                  + " metadata entry [team] malformed or repeated");
    }
  }

  @Test
  void storeWhenTableMadeBeforeMetadataColumnsThenServesAndTakesKeysWithout() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:old-keys;DB_CLOSE_DELAY=-1");
    try (Connection keepAlive = h2.getConnection();
        Statement ddl = keepAlive.createStatement();
        JdbcApiKeyStore store = store(h2)) {
      ddl.execute(OLD_TABLE);
      store.add(record(BOB, KeyMetadata.NONE));

      assertThat(store.findById(BOB)).contains(record(BOB, KeyMetadata.NONE));

      ddl.execute(
          "ALTER TABLE portcullis_api_keys ADD (name VARCHAR(256), tenant VARCHAR(256),"
              + " environment VARCHAR(256), metadata VARCHAR(5200))");
      store.add(record(ALICE, METADATA));
      assertThat(store.findById(ALICE)).contains(record(ALICE, METADATA));
      assertThat(store.findById(BOB)).contains(record(BOB, KeyMetadata.NONE));
    }
  }

  @Test
  void findByIdWhenShippedH2SchemaThenMetadataRoundTrips() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:meta-keys;DB_CLOSE_DELAY=-1");
    try (Connection keepAlive = h2.getConnection();
        Statement ddl = keepAlive.createStatement();
        InputStream sql = getClass().getResourceAsStream("/dev/portcullis/apikey/jdbc/h2.sql");
        JdbcApiKeyStore store = store(h2)) {
      ddl.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
      store.add(record(ALICE, METADATA));

      assertThat(store.findById(ALICE)).contains(record(ALICE, METADATA));
    }
  }

  @Test
  void findByIdWhenOldPostgresqlTableThenServesWithoutMetadata() throws Exception {
    database.execute("CREATE SCHEMA old");
    database.execute(OLD_TABLE.replace("TABLE portcullis_api_keys", "TABLE old.keys"));
    database.execute(
        "INSERT INTO old.keys (id, hash, principal) VALUES ('"
            + BOB
            + "', '"
            + hash(key(BOB))
            + "', 'bob')");
    try (JdbcApiKeyStore store =
        JdbcApiKeyStore.create(
            database.dataSource(),
            Config.of(
                    Map.of("apiKey.lastUsedFlushInterval", "0s", "apiKey.table", "old.keys"),
                    name -> null)
                .child("apiKey"),
            time)) {
      assertThat(store.findById(BOB).orElseThrow().metadata()).isEqualTo(KeyMetadata.NONE);
    }
  }
}
