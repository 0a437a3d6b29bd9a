package dev.portcullis.apikey.jdbc;

import dev.portcullis.apikey.ApiKeyRecord;
import dev.portcullis.config.Lists;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * The SQL of the key table. The table name is the only text put into a statement; it is checked
 * against {@link #NAME} (an optionally schema-qualified plain identifier), and every value is a
 * bound parameter.
 */
final class KeyTable {
  static final Pattern NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
  private static final System.Logger LOG = System.getLogger(KeyTable.class.getName());

  final String select;
  final String selectByHash;
  final String insert;
  final String revoke;
  final String touch;
  final String list;
  final String lock;
  final String update;

  KeyTable(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain SQL identifier: [" + name + "]");
    }
    String columns = "SELECT id, hash, principal, scopes, roles, expires_at, revoked, disabled";
    select = columns + " FROM " + name + " WHERE id = ?";
    selectByHash = select.replace(" WHERE id = ?", " WHERE hash = ?");
    insert =
        "INSERT INTO "
            + name
            + " (id, hash, principal, scopes, roles, expires_at, revoked, created_at, disabled)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    revoke = "UPDATE " + name + " SET revoked = ? WHERE id = ?";
    touch = "UPDATE " + name + " SET last_used_at = ? WHERE id = ?";
    list =
        columns
            + ", created_at, last_used_at FROM "
            + name
            + " WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY";
    lock = select + " FOR UPDATE";
    update =
        "UPDATE "
            + name
            + " SET principal = ?, scopes = ?, roles = ?, expires_at = ?, revoked = ?,"
            + " disabled = ? WHERE id = ?";
  }

  /** A calendar for reading and writing instants as UTC where a column has no time zone. */
  static Calendar utc() {
    return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  }

  static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  /** The time in a timestamp column, or null. */
  static Instant instant(ResultSet row, int column) throws SQLException {
    Timestamp value = row.getTimestamp(column, utc());
    return value == null ? null : value.toInstant();
  }

  /** Maps the current row of {@link #select}; a row without hash or principal counts as unknown. */
  static Optional<ApiKeyRecord> record(ResultSet row) throws SQLException {
    String id = row.getString(1);
    String hash = row.getString(2);
    String principal = row.getString(3);
    if (hash == null || principal == null || principal.isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "API key row {0} lacks a hash or a principal; treated as unknown",
          id);
      return Optional.empty();
    }
    Timestamp expires = row.getTimestamp(6, utc());
    return Optional.of(
        new ApiKeyRecord(
            id,
            hash,
            principal,
            new LinkedHashSet<>(Lists.split(row.getString(4), ' ')),
            new LinkedHashSet<>(Lists.split(row.getString(5), ',')),
            expires == null ? null : expires.toInstant(),
            row.getBoolean(7),
            row.getBoolean(8)));
  }
}
