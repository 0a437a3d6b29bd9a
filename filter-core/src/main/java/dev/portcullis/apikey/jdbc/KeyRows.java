package dev.portcullis.apikey.jdbc;

import dev.portcullis.apikey.ApiKeyRecord;
import dev.portcullis.apikey.KeyListing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The listing and changing statements of {@link JdbcApiKeyStore}: a page of rows by id, and one row
 * changed in a transaction that holds its row lock ({@code SELECT … FOR UPDATE}) from read to
 * write, so that two writers do not lose each other's change.
 */
final class KeyRows {
  private KeyRows() {}

  /** Statements get the query timeout of the store. */
  @FunctionalInterface
  interface Preparer {
    PreparedStatement prepare(Connection connection, String sql) throws SQLException;
  }

  static List<KeyListing> list(
      Connection connection, Preparer preparer, KeyTable table, String afterId, int limit)
      throws SQLException {
    List<KeyListing> page = new ArrayList<>();
    try (PreparedStatement statement = preparer.prepare(connection, table.list)) {
      statement.setString(1, afterId == null ? "" : afterId);
      statement.setInt(2, limit);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          Optional<ApiKeyRecord> record = KeyTable.record(row);
          if (record.isPresent()) {
            page.add(
                new KeyListing(
                    record.get(),
                    KeyTable.instant(row, "created_at"),
                    KeyTable.instant(row, "last_used_at")));
          }
        }
      }
    }
    return page;
  }

  static Optional<ApiKeyRecord> update(
      Connection connection,
      Preparer preparer,
      KeyTable table,
      String id,
      UnaryOperator<ApiKeyRecord> change)
      throws SQLException {
    connection.setAutoCommit(false);
    try {
      Optional<ApiKeyRecord> current;
      boolean hasDisabled;
      boolean hasName;
      try (PreparedStatement statement = preparer.prepare(connection, table.lock)) {
        statement.setString(1, id);
        try (ResultSet row = statement.executeQuery()) {
          current = row.next() ? KeyTable.record(row) : Optional.empty();
          hasDisabled = KeyTable.has(row, "disabled");
          hasName = KeyTable.has(row, "name");
        }
      }
      if (current.isEmpty()) {
        connection.rollback();
        return current;
      }
      ApiKeyRecord changed = change.apply(current.get());
      if (changed.disabled() && !hasDisabled) {
        throw new SQLException(
            "the key table has no column disabled; add it: ALTER TABLE ... ADD COLUMN disabled"
                + " BOOLEAN NOT NULL DEFAULT FALSE");
      }
      if (changed.metadata().name() != null && !hasName) {
        throw new SQLException(
            "the key table has no column name; add the metadata columns (postgresql.sql)");
      }
      try (PreparedStatement statement =
          preparer.prepare(connection, table.update(hasDisabled, hasName))) {
        statement.setString(1, changed.principal());
        statement.setString(2, String.join(" ", changed.scopes()));
        statement.setString(3, String.join(",", changed.roles()));
        statement.setTimestamp(4, KeyTable.timestamp(changed.expiresAt()), KeyTable.utc());
        statement.setBoolean(5, changed.revoked());
        int next = 6;
        if (hasDisabled) {
          statement.setBoolean(next++, changed.disabled());
        }
        if (hasName) {
          statement.setString(next++, changed.metadata().name());
        }
        statement.setString(next, id);
        statement.executeUpdate();
      }
      connection.commit();
      return Optional.of(changed);
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
