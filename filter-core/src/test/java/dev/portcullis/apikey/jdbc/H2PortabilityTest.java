package dev.portcullis.apikey.jdbc;

import static dev.portcullis.apikey.jdbc.TestKeys.hash;
import static dev.portcullis.apikey.jdbc.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.apikey.ApiKeyRecord;
import dev.portcullis.config.Config;
import dev.portcullis.testing.FakeTime;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The same SQL on a second engine, with the shipped H2 DDL. */
class H2PortabilityTest {
  private static final String ALICE = "a11ce00000000005";
  private final FakeTime time = new FakeTime();

  @Test
  void storeWhenTableIsOnH2ThenAddsFindsRevokesAndRecordsLastUse() throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:keys;DB_CLOSE_DELAY=-1");
    try (Connection keepAlive = dataSource.getConnection();
        Statement ddl = keepAlive.createStatement();
        InputStream sql = getClass().getResourceAsStream("/dev/portcullis/apikey/jdbc/h2.sql")) {
      ddl.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
      ApiKeyRecord record =
          new ApiKeyRecord(
              ALICE,
              hash(key(ALICE)),
              "alice",
              Set.of("orders:read"),
              Set.of("admin"),
              Instant.parse("2027-01-01T12:30:00Z"),
              false);
      try (JdbcApiKeyStore store =
          JdbcApiKeyStore.create(
              dataSource, Config.of(Map.of(), name -> null).child("apiKey"), time)) {
        store.add(record);
        assertThat(store.findById(ALICE)).contains(record);

        store.recordUse(ALICE);
        time.advance(Duration.ofSeconds(30));
        store.flushLastUsed();
        assertThat(store.revoke(ALICE)).isTrue();

        assertThat(store.findById(ALICE).orElseThrow().revoked()).isTrue();
      }
      try (ResultSet row = ddl.executeQuery("SELECT last_used_at FROM portcullis_api_keys")) {
        row.next();
        assertThat(row.getTimestamp(1).toInstant()).isEqualTo(time.instant());
      }
    }
  }
}
