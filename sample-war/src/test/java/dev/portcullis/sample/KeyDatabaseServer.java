package dev.portcullis.sample;

import dev.portcullis.Fingerprint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server on a fixed port (the server's JDBC URL names it before the test runs),
 * holding the shipped key table. It can be stopped and started again on the same port and data.
 */
final class KeyDatabaseServer implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres postgres;

  private KeyDatabaseServer(Path dataDirectory, int port) throws IOException {
    this.dataDirectory = dataDirectory;
    this.port = port;
    start();
  }

  /** Starts a new server on {@code port} and creates the table from filter-core's DDL. */
  static KeyDatabaseServer start(int port) throws IOException, SQLException {
    KeyDatabaseServer server =
        new KeyDatabaseServer(Files.createTempDirectory("portcullis-sample-pg"), port);
    try (InputStream ddl =
        Fingerprint.class.getResourceAsStream("/dev/portcullis/apikey/jdbc/postgresql.sql")) {
      server.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
    }
    return server;
  }

  /** A new random key {@code pc_<id>_<secret>}. */
  static String newKey() {
    byte[] id = new byte[8];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    return "pc_"
        + HexFormat.of().formatHex(id)
        + "_"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** Stores the key's SHA-256 hash (never the key) for {@code principal}. */
  void insert(String key, String principal, String scopes, String roles) throws SQLException {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO portcullis_api_keys (id, hash, principal, scopes, roles)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      s.setString(1, key.substring(3, 19));
      s.setString(2, "sha256:" + Fingerprint.of(key));
      s.setString(3, principal);
      s.setString(4, scopes);
      s.setString(5, roles);
      s.executeUpdate();
    }
  }

  /**
   * Imports {@code count} keys of another system ({@link #importedKey}) as hash-only rows, as a
   * migration would: ids {@code 0000000000000000} on, principals {@code customer-<n>}.
   */
  void importKeys(int count) throws SQLException {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO portcullis_api_keys (id, hash, principal, scopes)"
                    + " VALUES (?, ?, ?, 'models:read')")) {
      for (int i = 0; i < count; i++) {
        s.setString(1, String.format("%016x", i));
        s.setString(2, "sha256:" + Fingerprint.of(importedKey(i)));
        s.setString(3, "customer-" + i);
        s.addBatch();
      }
      s.executeBatch();
      try (Statement analyze = c.createStatement()) {
        analyze.execute("ANALYZE portcullis_api_keys");
      }
    }
  }

  /** The {@code n}th key of the other system, in its own format ({@code sk-…}, 51 characters). */
  static String importedKey(int n) {
    return "sk-proj" + String.format("%036d", n * 7919L) + "T3BlbkFJ";
  }

  void revoke(String key) throws SQLException {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement("UPDATE portcullis_api_keys SET revoked = TRUE WHERE id = ?")) {
      s.setString(1, key.substring(3, 19));
      s.executeUpdate();
    }
  }

  /** Creates the quota table from filter-core's DDL. */
  void createQuotas() throws IOException, SQLException {
    try (InputStream ddl =
        Fingerprint.class.getResourceAsStream("/dev/portcullis/quota/postgresql.sql")) {
      execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /**
   * Sets the key's balance: {@code credits}, capacity the larger of it and {@code refill}, {@code
   * refill} credits added every interval from now on.
   */
  void credits(String key, long credits, long refill, long refillIntervalMillis)
      throws SQLException {
    try (Connection c = connection();
        PreparedStatement delete =
            c.prepareStatement("DELETE FROM portcullis_quotas WHERE subject = ?");
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO portcullis_quotas (subject, remaining, capacity, refill_amount,"
                    + " refill_interval_ms, refilled_at_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
      delete.setString(1, "key:" + key.substring(3, 19));
      delete.executeUpdate();
      s.setString(1, "key:" + key.substring(3, 19));
      s.setLong(2, credits);
      s.setLong(3, Math.max(credits, refill));
      s.setLong(4, refill);
      s.setLong(5, refillIntervalMillis);
      s.setLong(6, System.currentTimeMillis());
      s.executeUpdate();
    }
  }

  /** The key's stored balance. */
  long remaining(String key) throws SQLException {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement("SELECT remaining FROM portcullis_quotas WHERE subject = ?")) {
      s.setString(1, "key:" + key.substring(3, 19));
      try (java.sql.ResultSet row = s.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  void stop() throws IOException {
    postgres.close();
  }

  /** Starts the server again on the same port with the same data. */
  void start() throws IOException {
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(port)
            .start();
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = connection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private Connection connection() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    try (Stream<Path> files = Files.walk(dataDirectory)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
