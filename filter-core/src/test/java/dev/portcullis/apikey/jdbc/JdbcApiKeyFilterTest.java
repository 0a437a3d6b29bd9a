package dev.portcullis.apikey.jdbc;

import static dev.portcullis.apikey.jdbc.TestKeys.UNAUTHORIZED;
import static dev.portcullis.apikey.jdbc.TestKeys.hash;
import static dev.portcullis.apikey.jdbc.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.Identity;
import dev.portcullis.apikey.jdbc.FilterCalls.Result;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.web.AuthenticationFilter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The full filter with {@code apiKey.store=jdbc} on a real PostgreSQL found through JNDI. */
class JdbcApiKeyFilterTest {
  private static final String ALICE = "a11ce00000000001";
  private static final String JNDI = "java:app/jdbc/portcullis";
  private static TestDatabase database;

  private final FakeTime time = new FakeTime();
  private AuthenticationFilter filter;

  @BeforeAll
  static void startDatabase() throws Exception {
    database = TestDatabase.start();
    TestNaming.install();
    TestNaming.BOUND.put(JNDI, database.dataSource());
    CapturingStoreFactory.dataSource = database.dataSource();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    TestNaming.uninstall();
    database.close();
  }

  @BeforeEach
  void emptyTable() throws Exception {
    database.execute("DELETE FROM portcullis_api_keys");
  }

  @AfterEach
  void destroyFilter() {
    if (filter != null) {
      filter.destroy();
    }
  }

  private AuthenticationFilter jndiFilter() throws ServletException {
    filter = FilterCalls.filter(time, Map.of("apiKey.store", "jdbc", "apiKey.dataSource", JNDI));
    return filter;
  }

  @Test
  void doFilterWhenKeyIsStoredThenPassesItsIdentityOn() throws Exception {
    database.insert(ALICE, hash(key(ALICE)), "alice", null, false);

    Result result = FilterCalls.send(jndiFilter(), key(ALICE));

    assertThat(result.chain().called()).isTrue();
    HttpServletRequest passed = (HttpServletRequest) result.chain().request();
    assertThat(passed.getUserPrincipal().getName()).isEqualTo("alice");
    assertThat(passed.getAuthType()).isEqualTo("ApiKey");
    assertThat(passed.isUserInRole("admin")).isTrue();
    Identity identity = (Identity) passed.getAttribute(Identity.REQUEST_ATTRIBUTE);
    assertThat(identity.scopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
    assertThat(identity.attributes()).containsEntry("keyId", ALICE);
  }

  @Test
  void doFilterWhenDataSourceNameIsRelativeThenFindsItUnderCompEnv() throws Exception {
    TestNaming.BOUND.put("java:comp/env/jdbc/keys", database.dataSource());
    database.insert(ALICE, hash(key(ALICE)), "alice", null, false);
    filter =
        FilterCalls.filter(time, Map.of("apiKey.store", "jdbc", "apiKey.dataSource", "jdbc/keys"));

    assertThat(FilterCalls.send(filter, key(ALICE)).chain().called()).isTrue();
  }

  @Test
  void doFilterWhenKeyIdIsUnknownThen401() throws Exception {
    Result result = FilterCalls.send(jndiFilter(), key(ALICE));

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.response().headers("WWW-Authenticate")).containsExactly(UNAUTHORIZED);
  }

  @Test
  void doFilterWhenSecretDiffersFromStoredHashThen401() throws Exception {
    database.insert(ALICE, hash(key(ALICE)), "alice", null, false);

    Result result = FilterCalls.send(jndiFilter(), key(ALICE, "guess"));

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.response().headers("WWW-Authenticate")).containsExactly(UNAUTHORIZED);
  }

  @Test
  void doFilterWhenKeyIsRevokedThen401() throws Exception {
    database.insert(ALICE, hash(key(ALICE)), "alice", null, true);

    Result result = FilterCalls.send(jndiFilter(), key(ALICE));

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.response().headers("WWW-Authenticate")).containsExactly(UNAUTHORIZED);
  }

  @Test
  void doFilterWhenKeyHasExpiredThen401() throws Exception {
    database.insert(ALICE, hash(key(ALICE)), "alice", time.instant(), false);

    Result result = FilterCalls.send(jndiFilter(), key(ALICE));

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.response().headers("WWW-Authenticate")).containsExactly(UNAUTHORIZED);
  }

  @Test
  void doFilterWhenCachedKeyExpiresThen401WithoutWaitingForTheTtl() throws Exception {
    Instant expiry = time.instant().plus(Duration.ofMinutes(1));
    database.insert(ALICE, hash(key(ALICE)), "alice", expiry, false);
    jndiFilter();
    assertThat(FilterCalls.send(filter, key(ALICE)).chain().called()).isTrue();

    time.advance(Duration.ofMinutes(1));

    assertThat(FilterCalls.send(filter, key(ALICE)).status()).isEqualTo(401);
  }

  @Test
  void doFilterWhenAnotherWriterRevokesThenRefusedWithinTheCacheTtl() throws Exception {
    database.insert(ALICE, hash(key(ALICE)), "alice", null, false);
    jndiFilter();
    assertThat(FilterCalls.send(filter, key(ALICE)).chain().called()).isTrue();

    database.execute("UPDATE portcullis_api_keys SET revoked = TRUE WHERE id = '" + ALICE + "'");
    time.advance(Duration.ofMinutes(4));
    Result cached = FilterCalls.send(filter, key(ALICE));
    time.advance(Duration.ofMinutes(1));
    Result afterTtl = FilterCalls.send(filter, key(ALICE));

    assertThat(cached.chain().called()).isTrue();
    assertThat(afterTtl.status()).isEqualTo(401);
    assertThat(afterTtl.challenge()).isEqualTo(UNAUTHORIZED);
  }

  @Test
  void doFilterWhenKeyIsRevokedThroughTheStoreThenRefusedAtOnce() throws Exception {
    database.insert(ALICE, hash(key(ALICE)), "alice", null, false);
    filter = FilterCalls.filter(time, Map.of("apiKey.store", "jdbcTest"));
    assertThat(FilterCalls.send(filter, key(ALICE)).chain().called()).isTrue();

    assertThat(CapturingStoreFactory.last.revoke(ALICE)).isTrue();
    Result result = FilterCalls.send(filter, key(ALICE));

    assertThat(result.status()).isEqualTo(401);
    assertThat(result.challenge()).isEqualTo(UNAUTHORIZED);
  }

  @Test
  void doFilterWhenUnknownKeyIsAddedThroughTheStoreThenAcceptedAtOnce() throws Exception {
    filter = FilterCalls.filter(time, Map.of("apiKey.store", "jdbcTest"));
    assertThat(FilterCalls.send(filter, key(ALICE)).status()).isEqualTo(401);

    CapturingStoreFactory.last.add(
        new dev.portcullis.apikey.ApiKeyRecord(
            ALICE, hash(key(ALICE)), "alice", java.util.Set.of(), java.util.Set.of(), null, false));

    assertThat(FilterCalls.send(filter, key(ALICE)).chain().called()).isTrue();
  }

  @Test
  void initWhenDataSourceIsNotBoundThenFailsNamingKeyAndValue() {
    assertThatThrownBy(
            () ->
                FilterCalls.filter(
                    time,
                    Map.of("apiKey.store", "jdbc", "apiKey.dataSource", "java:app/jdbc/none")))
        .isInstanceOf(ServletException.class)
        .hasMessageStartingWith(
            "Invalid value [java:app/jdbc/none] for setting apiKey.dataSource: no DataSource");
  }

  @Test
  void initWhenDataSourceIsMissingThenFails() {
    assertThatThrownBy(() -> FilterCalls.filter(time, Map.of("apiKey.store", "jdbc")))
        .isInstanceOf(ServletException.class)
        .hasMessage("Missing required setting apiKey.dataSource");
  }

  @Test
  void initWhenJndiObjectIsNotADataSourceThenFails() {
    TestNaming.BOUND.put("java:app/jdbc/text", "not a data source");

    assertThatThrownBy(
            () ->
                FilterCalls.filter(
                    time,
                    Map.of("apiKey.store", "jdbc", "apiKey.dataSource", "java:app/jdbc/text")))
        .isInstanceOf(ServletException.class)
        .hasMessage(
            "Invalid value [java:app/jdbc/text] for setting apiKey.dataSource: the JNDI object is"
                + " not a javax.sql.DataSource");
  }

  @Test
  void initWhenTableIsNotAPlainIdentifierThenFails() {
    assertThatThrownBy(
            () ->
                FilterCalls.filter(
                    time,
                    Map.of(
                        "apiKey.store",
                        "jdbc",
                        "apiKey.dataSource",
                        JNDI,
                        "apiKey.table",
                        "keys; DROP TABLE users")))
        .isInstanceOf(ServletException.class)
        .hasMessage(
            "Invalid value [keys; DROP TABLE users] for setting apiKey.table: expected a plain SQL"
                + " identifier such as portcullis_api_keys or keys.api_keys");
  }

  @Test
  void initWhenSettingIsMisspeltThenFails() {
    assertThatThrownBy(
            () ->
                FilterCalls.filter(
                    time,
                    Map.of("apiKey.store", "jdbc", "apiKey.dataSource", JNDI, "apiKey.tabel", "x")))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("[apiKey.tabel]");
  }
}
