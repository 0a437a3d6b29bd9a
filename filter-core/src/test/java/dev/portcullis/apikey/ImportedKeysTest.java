package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator.Claim;
import dev.portcullis.Identity;
import dev.portcullis.apikey.jdbc.JdbcApiKeyStore;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.config.Config;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: keys imported from another system ({@code sk-…}, any format, no id inside) stored as
 * HMAC-peppered hashes only, 10,000 rows in a real PostgreSQL, looked up by hash through the unique
 * index: one statement per unknown look-alike, none for a key of no configured prefix, and none for
 * a checksum key with any one character changed.
 */
class ImportedKeysTest {
  private static final String PEPPER = "imported-keys-pepper-0123456789abcdef";
  private static final int ROWS = 10_000;
  private static final ApiKeyHasher HASHER = ApiKeyHasher.hmac(PEPPER);
  private static EmbeddedPostgres postgres;

  private final FakeTime time = new FakeTime();
  private final AtomicInteger statements = new AtomicInteger();

  @BeforeAll
  static void importKeys() throws Exception {
    postgres = EmbeddedPostgres.start();
    try (InputStream ddl =
            ImportedKeysTest.class.getResourceAsStream(
                "/dev/portcullis/apikey/jdbc/postgresql.sql");
        Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO portcullis_api_keys (id, hash, principal, scopes) VALUES (?, ?, ?, ?)")) {
        for (int i = 0; i < ROWS; i++) {
          insert.setString(1, String.format("%016x", i));
          insert.setString(2, HASHER.hash(legacyKey(i)));
          insert.setString(3, "customer-" + i);
          insert.setString(4, "models:read");
          insert.addBatch();
        }
        insert.executeBatch();
      }
      s.execute("ANALYZE portcullis_api_keys");
    }
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    postgres.close();
  }

  /** A key as the old system issued it: {@code sk-} and 48 characters. */
  private static String legacyKey(int i) {
    return "sk-legacy" + String.format("%040d", i * 7919L) + "T3BlbkFJ";
  }

  /** The database, counting every statement prepared through it. */
  private DataSource counting() {
    DataSource real = postgres.getPostgresDatabase();
    return (DataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = invoke(method, real, args);
              if (!(result instanceof Connection connection)) {
                return result;
              }
              return Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (p, m, a) -> {
                    if (m.getName().equals("prepareStatement")) {
                      statements.incrementAndGet();
                    }
                    return invoke(m, connection, a);
                  });
            });
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private ApiKeyAuthenticator authenticator() {
    JdbcApiKeyStore store =
        JdbcApiKeyStore.create(
            counting(),
            Config.of(Map.of("apiKey.lastUsedFlushInterval", "0s"), name -> null).child("apiKey"),
            time);
    VerdictCache cache =
        VerdictCache.builder(ApiKeyAuthenticator.INVALID)
            .maximumSize(100)
            .positiveTtl(Duration.ofMinutes(5))
            .negativeTtl(Duration.ofSeconds(30))
            .time(time, time)
            .build();
    return new ApiKeyAuthenticator(
        "api",
        new ApiKeyFormat(List.of("pc_"), List.of("sk-")),
        new ApiKeyTransports(List.of("X-API-Key"), true, false, null),
        store,
        HASHER,
        StoredKeyVerifier.cached(store, cache, time),
        time);
  }

  private static AuthResult send(ApiKeyAuthenticator authenticator, String key) throws Exception {
    return authenticator.authenticate(
        new AuthenticationRequest(FakeRequest.get("/").header("X-API-Key", key).build(), null));
  }

  @Test
  void authenticateWhenImportedKeyThenItsRecordByHash() throws Exception {
    ApiKeyAuthenticator authenticator = authenticator();

    AuthResult result = send(authenticator, legacyKey(4711));

    assertThat(result).isInstanceOf(AuthResult.Authenticated.class);
    Identity identity = ((AuthResult.Authenticated) result).identity();
    assertThat(identity.getName()).isEqualTo("customer-4711");
    assertThat(identity.attributes()).containsEntry("keyId", String.format("%016x", 4711));
    assertThat(statements).hasValue(1);
    assertThat(authenticator.claims("Bearer", legacyKey(1))).isEqualTo(Claim.OWNS);
  }

  @Test
  void authenticateWhenLookAlikeNotImportedThenOneIndexedLookup() throws Exception {
    ApiKeyAuthenticator authenticator = authenticator();
    String lookAlike = legacyKey(ROWS + 1);

    assertThat(send(authenticator, lookAlike))
        .isEqualTo(AuthResult.rejected(ApiKeyAuthenticator.INVALID));

    assertThat(statements).hasValue(1);
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        PreparedStatement explain =
            c.prepareStatement(
                "EXPLAIN SELECT id, hash, principal, scopes, roles, expires_at, revoked"
                    + " FROM portcullis_api_keys WHERE hash = ?")) {
      explain.setString(1, HASHER.hash(lookAlike));
      try (ResultSet plan = explain.executeQuery()) {
        plan.next();
        assertThat(plan.getString(1)).contains("Index Scan using portcullis_api_keys_hash");
      }
    }
  }

  @Test
  void authenticateWhenNoConfiguredPrefixThenNoLookup() throws Exception {
    ApiKeyAuthenticator authenticator = authenticator();

    assertThat(send(authenticator, "xx-" + legacyKey(1).substring(3)))
        .isEqualTo(AuthResult.rejected(ApiKeyAuthenticator.INVALID));
    assertThat(send(authenticator, "sk-with space"))
        .isEqualTo(AuthResult.rejected(ApiKeyAuthenticator.INVALID));
    assertThat(statements).hasValue(0);
  }

  @Test
  void authenticateWhenChecksumKeyMistypedAnywhereThenNoStatementAndCorrectKeyOne()
      throws Exception {
    String key = ApiKeyFormat.generate("pc_");
    String id = new ApiKeyFormat(List.of("pc_")).idOf(key).orElseThrow();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO portcullis_api_keys (id, hash, principal) VALUES (?, ?, 'dora')")) {
      insert.setString(1, id);
      insert.setString(2, HASHER.hash(key));
      insert.executeUpdate();
    }
    ApiKeyAuthenticator authenticator = authenticator();

    for (int i = "pc_".length(); i < key.length(); i++) {
      char c = key.charAt(i);
      String typo = key.substring(0, i) + (c == '7' ? '8' : '7') + key.substring(i + 1);
      assertThat(send(authenticator, typo))
          .isEqualTo(AuthResult.rejected(ApiKeyAuthenticator.INVALID));
    }
    assertThat(statements).as("no JDBC statement for any one-character typo").hasValue(0);

    assertThat(send(authenticator, key)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(statements).hasValue(1);
  }
}
