package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The key tool inserting and revoking keys in a real PostgreSQL. */
class ApiKeyToolJdbcTest {
  private static EmbeddedPostgres postgres;
  private static final Map<String, String> ENV = Map.of("DB_PASSWORD", "postgres");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void startDatabase() throws Exception {
    postgres = EmbeddedPostgres.start();
    try (InputStream ddl =
            ApiKeyToolJdbcTest.class.getResourceAsStream(
                "/dev/portcullis/apikey/jdbc/postgresql.sql");
        Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    postgres.close();
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(
        List.of(
            "--jdbc-url",
            postgres.getJdbcUrl("postgres", "postgres"),
            "--jdbc-user",
            "postgres",
            "--jdbc-password-env",
            "DB_PASSWORD"));
    return ApiKeyTool.run(
        all.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        ENV::get);
  }

  private static String[] row(String id) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT hash, principal, scopes, roles, expires_at, revoked FROM"
                    + " portcullis_api_keys WHERE id = '"
                    + id
                    + "'")) {
      if (!r.next()) {
        return null;
      }
      return new String[] {
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        r.getTimestamp(5).toInstant().toString(),
        Boolean.toString(r.getBoolean(6))
      };
    }
  }

  @Test
  void runWhenJdbcUrlIsGivenThenInsertsTheHashAndPrintsTheKeyOnce() throws Exception {
    int status =
        run(
            "--principal", "alice",
            "--scopes", "orders:read orders:write",
            "--roles", "admin",
            "--expires", "2027-01-01T00:00:00Z");

    assertThat(status).isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    String key = lines[1];
    String id = new ApiKeyFormat(List.of("pc_")).idOf(key).orElseThrow();
    assertThat(lines[3]).isEqualTo("Stored key id " + id + " for principal alice");
    String[] row = row(id);
    assertThat(row[0]).isEqualTo(ApiKeyHasher.sha256().hash(key));
    assertThat(row[1]).isEqualTo("alice");
    assertThat(row[2].split(" ")).containsExactlyInAnyOrder("orders:read", "orders:write");
    assertThat(row).endsWith("admin", "2027-01-01T00:00:00Z", "false");
    assertThat(out.toString(StandardCharsets.UTF_8)).containsOnlyOnce(key);
  }

  @Test
  void runWhenMetadataGivenThenStoredInItsColumns() throws Exception {
    int status =
        run(
            "--principal", "ci",
            "--name", "CI deploys",
            "--tenant", "acme",
            "--environment", "prod",
            "--meta", "team=payments",
            "--meta", "plan=pro");

    assertThat(status).isZero();
    String id =
        new ApiKeyFormat(List.of("pc_"))
            .idOf(out.toString(StandardCharsets.UTF_8).split("\n")[1])
            .orElseThrow();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT name, tenant, environment, metadata FROM portcullis_api_keys WHERE id = '"
                    + id
                    + "'")) {
      assertThat(r.next()).isTrue();
      assertThat(new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)})
          .containsExactly("CI deploys", "acme", "prod", "team=payments;plan=pro");
    }
  }

  @Test
  void runWhenRevokeIsGivenThenMarksTheKeyRevoked() throws Exception {
    run("--principal", "bob", "--expires", "2027-01-01T00:00:00Z");
    String id =
        new ApiKeyFormat(List.of("pc_"))
            .idOf(out.toString(StandardCharsets.UTF_8).split("\n")[1])
            .get();
    out.reset();

    int status = run("--revoke", id);

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Revoked key id " + id + "\n");
    assertThat(row(id)[5]).isEqualTo("true");
  }

  @Test
  void runWhenRevokedIdIsUnknownThenExitStatus1() {
    int status = run("--revoke", "0000000000000000");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("No key with id 0000000000000000\n");
  }

  @Test
  void runWhenPasswordVariableIsNotSetThenUsageError() {
    int status =
        ApiKeyTool.run(
            new String[] {
              "--revoke", "0000000000000000",
              "--jdbc-url", postgres.getJdbcUrl("postgres", "postgres"),
              "--jdbc-user", "postgres",
              "--jdbc-password-env", "UNSET"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            name -> null);

    assertThat(status).isEqualTo(2);
    assertThat(out.size()).isZero();
  }

  @Test
  void runWhenRevokeHasNoJdbcUrlThenUsageError() {
    int status =
        ApiKeyTool.run(
            new String[] {"--revoke", "0000000000000000"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            name -> null);

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Usage: ApiKeyTool");
  }

  @Test
  void runWhenTableIsNotAnIdentifierThenUsageErrorAndNothingStored() {
    int status = run("--principal", "carol", "--jdbc-table", "keys;drop");

    assertThat(status).isEqualTo(2);
    assertThat(out.size()).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("Invalid value [keys;drop] for setting apiKey.table");
  }
}
