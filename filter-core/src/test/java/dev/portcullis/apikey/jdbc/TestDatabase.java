package dev.portcullis.apikey.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** A real PostgreSQL server for one test class, with the shipped schema applied. */
final class TestDatabase implements AutoCloseable {
  private final Path dataDirectory;
  private EmbeddedPostgres postgres;
  private final int port;

  private TestDatabase(Path dataDirectory, EmbeddedPostgres postgres) {
    this.dataDirectory = dataDirectory;
    this.postgres = postgres;
    this.port = postgres.getPort();
  }

  static TestDatabase start() throws IOException, SQLException {
    Path directory = Files.createTempDirectory("portcullis-pg");
    TestDatabase database =
        new TestDatabase(
            directory,
            EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .start());
    database.execute(schema());
    return database;
  }

  static String schema() throws IOException {
    try (InputStream in =
        JdbcApiKeyStore.class.getResourceAsStream("/dev/portcullis/apikey/jdbc/postgresql.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A data source that opens a new connection each time, so it works again after a restart. */
  DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  void execute(String sql) throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  void insert(String id, String hash, String principal, Instant expiresAt, boolean revoked)
      throws SQLException {
    try (Connection c = dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO portcullis_api_keys (id, hash, principal, scopes, roles, expires_at,"
                    + " revoked) VALUES (?, ?, ?, 'orders:read orders:write', 'admin', ?, ?)")) {
      s.setString(1, id);
      s.setString(2, hash);
      s.setString(3, principal);
      s.setTimestamp(4, expiresAt == null ? null : Timestamp.from(expiresAt));
      s.setBoolean(5, revoked);
      s.executeUpdate();
    }
  }

  Instant lastUsed(String id) throws SQLException {
    try (Connection c = dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT last_used_at FROM portcullis_api_keys WHERE id = ?")) {
      s.setString(1, id);
      try (var row = s.executeQuery()) {
        row.next();
        Timestamp t = row.getTimestamp(1);
        return t == null ? null : t.toInstant();
      }
    }
  }

  void stop() throws IOException {
    postgres.close();
  }

  /** Starts the server again on the same port with the same data. */
  void restart() throws IOException {
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(port)
            .start();
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    try (Stream<Path> files = Files.walk(dataDirectory)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
