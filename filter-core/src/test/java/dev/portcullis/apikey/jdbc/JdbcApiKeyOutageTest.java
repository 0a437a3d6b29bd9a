package dev.portcullis.apikey.jdbc;

import static dev.portcullis.apikey.jdbc.TestKeys.hash;
import static dev.portcullis.apikey.jdbc.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.apikey.jdbc.FilterCalls.Result;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.web.AuthenticationFilter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The database stops and starts again under a running filter. */
class JdbcApiKeyOutageTest {
  private static final String ALICE = "a11ce00000000002";
  private static final String BOB = "b0b0000000000002";
  private static TestDatabase database;

  private final FakeTime time = new FakeTime();
  private AuthenticationFilter filter;

  @BeforeAll
  static void startDatabase() throws Exception {
    database = TestDatabase.start();
    database.insert(ALICE, hash(key(ALICE)), "alice", null, false);
    database.insert(BOB, hash(key(BOB)), "bob", null, false);
    CapturingStoreFactory.dataSource = database.dataSource();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    database.close();
  }

  @BeforeEach
  void startFilter() throws Exception {
    filter = FilterCalls.filter(time, Map.of("apiKey.store", "jdbcTest"));
  }

  @AfterEach
  void destroyFilter() {
    filter.destroy();
  }

  @Test
  void doFilterWhenDatabaseIsDownThenUncachedKey503AndCachedKeyWorksAndRecoversAfterRestart()
      throws Exception {
    assertThat(FilterCalls.send(filter, key(ALICE)).chain().called()).isTrue();

    database.stop();
    try {
      Result uncached = FilterCalls.send(filter, key(BOB));
      Result cached = FilterCalls.send(filter, key(ALICE));
      Result unknown = FilterCalls.send(filter, key("0000000000000000"));

      assertThat(uncached.status()).isEqualTo(503);
      assertThat(uncached.response().header("Retry-After")).isEqualTo("5");
      assertThat(uncached.response().headers("WWW-Authenticate")).isEmpty();
      assertThat(uncached.response().body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
      assertThat(uncached.chain().called()).isFalse();
      assertThat(cached.chain().called()).isTrue();
      assertThat(unknown.status()).isEqualTo(503);
      assertThat(unknown.response().headers("WWW-Authenticate")).isEmpty();
    } finally {
      database.restart();
    }

    Result recovered = FilterCalls.send(filter, key(BOB));
    assertThat(recovered.chain().called()).isTrue();
  }

  @Test
  void flushLastUsedWhenDatabaseIsDownThenRequestsStillPassAndTimesAreWrittenAfterRestart()
      throws Exception {
    assertThat(FilterCalls.send(filter, key(ALICE)).chain().called()).isTrue();

    database.stop();
    try {
      CapturingStoreFactory.last.flushLastUsed();
      assertThat(FilterCalls.send(filter, key(ALICE)).chain().called()).isTrue();
    } finally {
      database.restart();
    }
    time.advance(Duration.ofSeconds(7));
    CapturingStoreFactory.last.flushLastUsed();

    assertThat(database.lastUsed(ALICE)).isEqualTo(time.instant());
  }

  @Test
  void readinessWhenDatabaseUpThenUpAndWhenDownThenDownWithError() throws Exception {
    try (JdbcApiKeyStore store =
        JdbcApiKeyStore.create(
            database.dataSource(), dev.portcullis.config.Config.of(Map.of(), n -> null), time)) {
      assertThat(store.readiness().up()).isTrue();
      assertThat(store.readiness().data()).containsOnlyKeys("latencyMillis");

      database.stop();
      try {
        dev.portcullis.Readiness down = store.readiness();
        assertThat(down.component()).isEqualTo("apiKey store");
        assertThat(down.up()).isFalse();
        assertThat(down.data().get("error")).startsWith("API key store unavailable");
      } finally {
        database.restart();
      }
      assertThat(store.readiness().up()).isTrue();
    }
  }
}
