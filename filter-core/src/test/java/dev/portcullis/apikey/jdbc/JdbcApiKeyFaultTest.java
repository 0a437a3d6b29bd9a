package dev.portcullis.apikey.jdbc;

import static dev.portcullis.apikey.jdbc.TestKeys.hash;
import static dev.portcullis.apikey.jdbc.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.apikey.jdbc.FilterCalls.Result;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.web.AuthenticationFilter;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fault injection at the key store (a real PostgreSQL): a lookup slower than {@code
 * apiKey.queryTimeout} (the table is locked by another session), a table that answers garbage (the
 * wrong shape), and flapping between failing and healthy. Cached keys keep serving within {@code
 * apiKey.cacheTtl}, uncached keys get 503 with {@code Retry-After}, nothing is cached from a
 * failure, and the store recovers by itself. The outage by a stopped server is {@link
 * JdbcApiKeyOutageTest}.
 */
class JdbcApiKeyFaultTest {
  private static final String ALICE = "a11ce00000000003";
  private static final String BOB = "b0b0000000000003";
  private static final String TABLE = "portcullis_api_keys";
  private static TestDatabase database;

  private final FakeTime time = new FakeTime();
  private AuthenticationFilter filter;

  @BeforeAll
  static void startDatabase() throws Exception {
    database = TestDatabase.start();
    database.insert(ALICE, hash(key(ALICE)), "alice", null, false);
    database.insert(BOB, hash(key(BOB)), "bob", null, false);
    database.insert("9a7ba9e000000003", "not a hash at all", "mallory", null, false);
    CapturingStoreFactory.dataSource = database.dataSource();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    database.close();
  }

  @BeforeEach
  void startFilter() throws Exception {
    filter =
        FilterCalls.filter(
            time,
            Map.of(
                "apiKey.store", "jdbcTest",
                "apiKey.queryTimeout", "1s",
                "apiKey.cacheTtl", "60s",
                "apiKey.lastUsedFlushInterval", "0s"));
    assertThat(FilterCalls.send(filter, key(ALICE)).status()).isEqualTo(200);
  }

  @AfterEach
  void destroyFilter() {
    filter.destroy();
  }

  @Test
  void doFilterWhenLookupOutlastsQueryTimeoutThen503AndRecoversWhenTheLockGoes() throws Exception {
    for (int round = 0; round < 3; round++) {
      try (Connection locker = database.dataSource().getConnection()) {
        locker.setAutoCommit(false);
        locker.createStatement().execute("LOCK TABLE " + TABLE + " IN ACCESS EXCLUSIVE MODE");

        assertUnavailable(FilterCalls.send(filter, key(BOB)));
        assertUnavailable(FilterCalls.send(filter, key(BOB)));
        assertThat(FilterCalls.send(filter, key(ALICE)).status()).isEqualTo(200);

        locker.rollback();
      }
      assertThat(FilterCalls.send(filter, key(BOB)).status()).as("round %d", round).isEqualTo(200);
      filter.destroy();
      startFilter();
    }
  }

  @Test
  void doFilterWhenTableHasWrongShapeThen503AndRecoversWhenRepaired() throws Exception {
    database.execute("ALTER TABLE " + TABLE + " RENAME COLUMN hash TO hash_moved");
    try {
      assertUnavailable(FilterCalls.send(filter, key(BOB)));
      assertThat(FilterCalls.send(filter, key(ALICE)).status()).isEqualTo(200);
    } finally {
      database.execute("ALTER TABLE " + TABLE + " RENAME COLUMN hash_moved TO hash");
    }
    assertThat(FilterCalls.send(filter, key(BOB)).status()).isEqualTo(200);
  }

  @Test
  void doFilterWhenRowHoldsGarbageHashThen401NotAnError() throws Exception {
    Result garbage = FilterCalls.send(filter, key("9a7ba9e000000003"));

    assertThat(garbage.status()).isEqualTo(401);
    assertThat(garbage.challenge()).isEqualTo(TestKeys.UNAUTHORIZED);
  }

  @Test
  void doFilterWhenCachedKeyOutlivesCacheTtlDuringFailureThen503() throws Exception {
    try (Connection locker = database.dataSource().getConnection()) {
      locker.setAutoCommit(false);
      locker.createStatement().execute("LOCK TABLE " + TABLE + " IN ACCESS EXCLUSIVE MODE");
      time.advance(Duration.ofSeconds(59));
      assertThat(FilterCalls.send(filter, key(ALICE)).status()).isEqualTo(200);
      time.advance(Duration.ofSeconds(2));
      assertUnavailable(FilterCalls.send(filter, key(ALICE)));
      locker.rollback();
    }
    assertThat(FilterCalls.send(filter, key(ALICE)).status()).isEqualTo(200);
  }

  private static void assertUnavailable(Result result) {
    assertThat(result.status()).isEqualTo(503);
    assertThat(result.response().header("Retry-After")).isEqualTo("5");
    assertThat(result.response().headers("WWW-Authenticate")).isEmpty();
    assertThat(result.chain().called()).isFalse();
  }
}
