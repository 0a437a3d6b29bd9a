package dev.portcullis.apikey.jdbc;

import static dev.portcullis.apikey.jdbc.TestKeys.hash;
import static dev.portcullis.apikey.jdbc.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.apikey.ApiKeyRecord;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.testing.FakeTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store itself against a real PostgreSQL. */
class JdbcApiKeyStoreTest {
  private static final String ALICE = "a11ce00000000004";
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

  private JdbcApiKeyStore store(String... settings) {
    Map<String, String> values = new HashMap<>();
    values.put("apiKey.lastUsedFlushInterval", "0s");
    for (int i = 0; i < settings.length; i += 2) {
      values.put("apiKey." + settings[i], settings[i + 1]);
    }
    return JdbcApiKeyStore.create(
        database.dataSource(), Config.of(values, name -> null).child("apiKey"), time);
  }

  @Test
  void findByIdWhenAddedThenReturnsTheSameRecord() throws Exception {
    ApiKeyRecord record =
        new ApiKeyRecord(
            ALICE,
            hash(key(ALICE)),
            "alice",
            Set.of("orders:read", "orders:write"),
            Set.of("admin", "ops"),
            Instant.parse("2027-01-01T12:30:00Z"),
            false);
    try (JdbcApiKeyStore store = store()) {
      store.add(record);

      assertThat(store.findById(ALICE)).contains(record);
      assertThat(store.findById("0000000000000000")).isEmpty();
    }
  }

  @Test
  void addWhenCalledThenStoresTheCreationTimeFromTheClock() throws Exception {
    try (JdbcApiKeyStore store = store()) {
      store.add(new ApiKeyRecord(ALICE, "sha256:x", "alice", Set.of(), Set.of(), null, false));
    }
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        var row = s.executeQuery("SELECT created_at, revoked FROM portcullis_api_keys")) {
      row.next();
      assertThat(row.getTimestamp(1).toInstant()).isEqualTo(time.instant());
      assertThat(row.getBoolean(2)).isFalse();
    }
  }

  @Test
  void revokeWhenKeyExistsThenMarksItAndCallsListenersOnce() throws Exception {
    database.insert(ALICE, hash(key(ALICE)), "alice", null, false);
    AtomicInteger calls = new AtomicInteger();
    try (JdbcApiKeyStore store = store()) {
      store.onChange(calls::incrementAndGet);

      assertThat(store.revoke(ALICE)).isTrue();

      assertThat(calls).hasValue(1);
      assertThat(store.findById(ALICE).orElseThrow().revoked()).isTrue();
    }
  }

  @Test
  void revokeWhenKeyIsUnknownThenReturnsFalseAndCallsNoListener() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (JdbcApiKeyStore store = store()) {
      store.onChange(calls::incrementAndGet);

      assertThat(store.revoke(ALICE)).isFalse();

      assertThat(calls).hasValue(0);
    }
  }

  @Test
  void findByIdWhenRowHasEmptyPrincipalThenTreatsKeyAsUnknown() throws Exception {
    database.insert(ALICE, hash(key(ALICE)), "", null, false);
    try (JdbcApiKeyStore store = store()) {
      assertThat(store.findById(ALICE)).isEmpty();
    }
  }

  @Test
  void findByIdWhenTableIsMissingThenServiceUnavailable() {
    try (JdbcApiKeyStore store = store("table", "no_such_table")) {
      assertThatThrownBy(() -> store.findById(ALICE))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessage("API key store unavailable: SQLState 42P01 PSQLException");
    }
  }

  @Test
  void findByIdWhenTableIsLockedThenServiceUnavailableAfterTheQueryTimeout() throws Exception {
    database.insert(ALICE, hash(key(ALICE)), "alice", null, false);
    try (JdbcApiKeyStore store = store("queryTimeout", "1s");
        Connection locker = database.dataSource().getConnection();
        Statement lock = locker.createStatement()) {
      locker.setAutoCommit(false);
      lock.execute("LOCK TABLE portcullis_api_keys IN ACCESS EXCLUSIVE MODE");
      long start = System.nanoTime();

      assertThatThrownBy(() -> store.findById(ALICE))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessage("API key store unavailable: SQLState 57014 PSQLException");

      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(900L, 4_000L);
      locker.rollback();
    }
  }

  @Test
  void findByIdWhenTableIsSchemaQualifiedThenReadsIt() throws Exception {
    database.execute("CREATE SCHEMA IF NOT EXISTS keys");
    database.execute(
        "CREATE TABLE IF NOT EXISTS keys.api_keys (LIKE portcullis_api_keys INCLUDING ALL)");
    database.execute(
        "INSERT INTO keys.api_keys (id, hash, principal) VALUES ('" + ALICE + "', 'h', 'alice')");
    try (JdbcApiKeyStore store = store("table", "keys.api_keys")) {
      assertThat(store.findById(ALICE).orElseThrow().principal()).isEqualTo("alice");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "keys; DROP TABLE users",
        "\"quoted\"",
        "a.b.c",
        "1keys",
        "keys--",
        "keys/**/",
        "ke ys",
        "t\u00e4ble"
      })
  void createWhenTableIsNotAPlainIdentifierThenConfigurationException(String table) {
    assertThatThrownBy(() -> store("table", table))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Invalid value ["
                + table
                + "] for setting apiKey.table: expected a plain SQL identifier such as"
                + " portcullis_api_keys or keys.api_keys");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "500ms", "1500ms", "301s", "1h"})
  void createWhenQueryTimeoutIsOutOfRangeThenConfigurationException(String timeout) {
    assertThatThrownBy(() -> store("queryTimeout", timeout))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageEndingWith(
            "for setting apiKey.queryTimeout: expected whole seconds from 1s to 300s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "10001"})
  void createWhenMaxWaitingIsOutOfRangeThenConfigurationExceptionNamingKeyAndValue(String bound) {
    assertThatThrownBy(() -> store("maxWaiting", bound))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Invalid value ["
                + bound
                + "] for setting apiKey.maxWaiting: expected a number from 1 to 10000");
  }

  @Test
  void createWhenMaxWaitingIsNotANumberThenConfigurationExceptionNamingKeyAndValue() {
    assertThatThrownBy(() -> store("maxWaiting", "many"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Invalid value [many] for setting apiKey.maxWaiting: expected a whole number");
  }

  @Test
  void createWhenFlushIntervalIsBelow100msThenConfigurationException() {
    assertThatThrownBy(() -> store("lastUsedFlushInterval", "50ms"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Invalid value [50ms] for setting apiKey.lastUsedFlushInterval: expected 0s (off)"
                + " or at least 100ms");
  }

  @Test
  void createWhenMaximumPendingIsZeroThenConfigurationException() {
    assertThatThrownBy(() -> store("lastUsedMaximumPending", "0"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "Invalid value [0] for setting apiKey.lastUsedMaximumPending: expected a number from 1"
                + " to 1000000");
  }
}
