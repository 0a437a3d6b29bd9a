package dev.portcullis.apikey.jdbc;

import dev.portcullis.apikey.ApiKeyRecord;
import dev.portcullis.apikey.KeyMetadata;
import dev.portcullis.config.Lists;
import dev.portcullis.jdbc.BoundedDatabase;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Pattern;

/**
 * The SQL of the key table. The table name is the only text put into a statement; it is checked
 * against {@link #NAME} (an optionally schema-qualified plain identifier), and every value is a
 * bound parameter.
 */
final class KeyTable {
  static final Pattern NAME = BoundedDatabase.TABLE_NAME;
  private static final System.Logger LOG = System.getLogger(KeyTable.class.getName());

  /** The metadata columns, nullable; a table without them (made before they existed) works. */
  static final List<String> METADATA_COLUMNS = List.of("name", "tenant", "environment", "metadata");

  final String select;
  final String selectByHash;
  final String revoke;
  final String touch;
  final String list;
  final String lock;
  private final String name;

  KeyTable(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a plain SQL identifier: [" + name + "]");
    }
    this.name = name;
    // every column, so that the metadata columns are read where they exist
    select = "SELECT * FROM " + name + " WHERE id = ?";
    selectByHash = "SELECT * FROM " + name + " WHERE hash = ?";
    revoke = "UPDATE " + name + " SET revoked = ? WHERE id = ?";
    touch = "UPDATE " + name + " SET last_used_at = ? WHERE id = ?";
    list = "SELECT * FROM " + name + " WHERE id > ? ORDER BY id FETCH FIRST ? ROWS ONLY";
    lock = select + " FOR UPDATE";
  }

  /**
   * The update of a record's grants, state and name; {@code disabled} and {@code name} only where
   * the table has those columns (a table made before they existed keeps working until a key is
   * disabled or named).
   *
   * @param disabled whether to write the {@code disabled} column
   * @param named whether to write the {@code name} column
   */
  String update(boolean disabled, boolean named) {
    return "UPDATE "
        + name
        + " SET principal = ?, scopes = ?, roles = ?, expires_at = ?, revoked = ?"
        + (disabled ? ", disabled = ?" : "")
        + (named ? ", name = ?" : "")
        + " WHERE id = ?";
  }

  /** Whether the row's table has a column. */
  static boolean has(ResultSet row, String column) throws SQLException {
    ResultSetMetaData columns = row.getMetaData();
    for (int i = 1; i <= columns.getColumnCount(); i++) {
      if (columns.getColumnLabel(i).equalsIgnoreCase(column)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The insert of a record: its metadata columns only when it has metadata, so that a table made
   * before they existed still takes keys without it.
   *
   * @param metadata whether to write the {@link #METADATA_COLUMNS}
   */
  String insert(boolean metadata) {
    return "INSERT INTO "
        + name
        + " (id, hash, principal, scopes, roles, expires_at, revoked, created_at"
        + (metadata ? ", " + String.join(", ", METADATA_COLUMNS) + ")" : ")")
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?"
        + (metadata ? ", ?, ?, ?, ?)" : ")");
  }

  /** A calendar for reading and writing instants as UTC where a column has no time zone. */
  static Calendar utc() {
    return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  }

  static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  /** The time in a timestamp column, or null. */
  static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column, utc());
    return value == null ? null : value.toInstant();
  }

  /**
   * Maps the current row of {@link #select}; a row without hash or principal, or with metadata
   * breaking {@link KeyMetadata}'s rules, counts as unknown and is reported in the log by key id
   * and field.
   */
  static Optional<ApiKeyRecord> record(ResultSet row) throws SQLException {
    String id = row.getString("id");
    String hash = row.getString("hash");
    String principal = row.getString("principal");
    if (hash == null || principal == null || principal.isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "API key row {0} lacks a hash or a principal; treated as unknown",
          id);
      return Optional.empty();
    }
    KeyMetadata metadata;
    try {
      metadata = metadata(row);
    } catch (IllegalArgumentException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "API key row {0} has invalid metadata; treated as unknown: {1}",
          id,
          e.getMessage());
      return Optional.empty();
    }
    Timestamp expires = row.getTimestamp("expires_at", utc());
    return Optional.of(
        new ApiKeyRecord(
            id,
            hash,
            principal,
            new LinkedHashSet<>(Lists.split(row.getString("scopes"), ' ')),
            new LinkedHashSet<>(Lists.split(row.getString("roles"), ',')),
            expires == null ? null : expires.toInstant(),
            row.getBoolean("revoked"),
            metadata,
            has(row, "disabled") && row.getBoolean("disabled")));
  }

  /** The metadata of the row, from those {@link #METADATA_COLUMNS} the table has. */
  private static KeyMetadata metadata(ResultSet row) throws SQLException {
    ResultSetMetaData columns = row.getMetaData();
    Map<String, String> values = new HashMap<>();
    for (int i = 1; i <= columns.getColumnCount(); i++) {
      String column = columns.getColumnLabel(i).toLowerCase(Locale.ROOT);
      if (METADATA_COLUMNS.contains(column)) {
        String value = row.getString(i);
        if (value != null && !value.isEmpty()) {
          values.put(column, value);
        }
      }
    }
    return values.isEmpty()
        ? KeyMetadata.NONE
        : KeyMetadata.of(
            values.get("name"),
            values.get("tenant"),
            values.get("environment"),
            values.get("metadata"));
  }
}
