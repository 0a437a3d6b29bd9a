package dev.portcullis.apikey.jdbc;

import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.apikey.ApiKeyRecord;
import dev.portcullis.apikey.KeyListing;
import dev.portcullis.apikey.KeyMetadata;
import dev.portcullis.apikey.KeyStoreAccessException;
import dev.portcullis.apikey.LastUsedRecorder;
import dev.portcullis.apikey.ManagedApiKeyStore;
import dev.portcullis.config.Config;
import dev.portcullis.jdbc.BoundedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * API key records in a database table (schema: {@code dev/portcullis/apikey/jdbc/postgresql.sql}).
 * Only hashes of keys are stored; each lookup is one prepared statement by key id with a query
 * timeout. A failing database raises {@link ServiceUnavailableException} (503), and the next lookup
 * tries again, so the store recovers without a restart. At most {@link
 * JdbcApiKeyStoreFactory#MAX_WAITING} lookups wait for the database at once; one more is a 503 at
 * once, so a slow database cannot hold every request thread.
 *
 * <p>Keys in use are queued in memory and their {@code last_used_at} is written in one batch per
 * interval by a daemon thread, never on the request path. {@link #revoke} and {@link #add} tell the
 * registered listeners at once, so the verdict cache of this JVM drops its entries; changes made by
 * other writers take effect within the cache's time to live.
 *
 * <p>The {@code jdbc} store ({@link JdbcApiKeyStoreFactory}) finds its {@code DataSource} through
 * JNDI; to give one directly, register your own {@link dev.portcullis.apikey.ApiKeyStoreFactory}
 * that returns {@code JdbcApiKeyStore.create(myDataSource, config, environment.clock())}.
 */
public final class JdbcApiKeyStore implements ManagedApiKeyStore {
  private final BoundedDatabase database;
  private final KeyTable table;
  private final Clock clock;
  private final LastUsedRecorder lastUsed;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  JdbcApiKeyStore(DataSource dataSource, JdbcSettings settings, Clock clock) {
    this.database =
        new BoundedDatabase(
            dataSource,
            settings.queryTimeoutSeconds(),
            settings.maxWaiting(),
            "API key store",
            JdbcApiKeyStoreFactory.MAX_WAITING);
    this.table = new KeyTable(settings.table());
    this.clock = clock;
    this.lastUsed =
        settings.lastUsedFlushInterval().isZero()
            ? null
            : new LastUsedRecorder(
                settings.lastUsedFlushInterval(),
                settings.lastUsedMaximumPending(),
                clock,
                this::touch);
  }

  /**
   * Creates a store on a given data source, with the settings of {@link JdbcApiKeyStoreFactory}
   * except {@value JdbcApiKeyStoreFactory#DATA_SOURCE}.
   *
   * @param dataSource where the key table lives
   * @param config the {@code apiKey.} settings
   * @param clock the time written to {@code created_at} and {@code last_used_at}, usually {@link
   *     dev.portcullis.config.Environment#clock()}
   * @return the store; {@link #close()} it to stop the last-used writer
   * @throws dev.portcullis.config.ConfigurationException for a bad setting
   */
  public static JdbcApiKeyStore create(DataSource dataSource, Config config, Clock clock) {
    return new JdbcApiKeyStore(dataSource, JdbcSettings.from(config), clock);
  }

  @Override
  public Optional<ApiKeyRecord> findById(String id) throws ServiceUnavailableException {
    return find(table.select, id);
  }

  /** Looks an imported key up by its hash, through the unique index on the hash column. */
  @Override
  public Optional<ApiKeyRecord> findByHash(String hash) throws ServiceUnavailableException {
    return find(table.selectByHash, hash);
  }

  private Optional<ApiKeyRecord> find(String sql, String value) throws ServiceUnavailableException {
    return database.call(
        connection -> {
          try (PreparedStatement statement = database.prepare(connection, sql)) {
            statement.setString(1, value);
            try (ResultSet row = statement.executeQuery()) {
              return row.next() ? KeyTable.record(row) : Optional.empty();
            }
          }
        });
  }

  /**
   * Inserts a key record with {@code created_at} set to now, then tells the listeners. The metadata
   * columns are written only for a record with metadata, so a table without them takes the rest.
   *
   * @param record the record, not disabled (disable a key after adding it); its hash, never the key
   * @throws SQLException when the insert fails, for example for a duplicate id
   */
  public void add(ApiKeyRecord record) throws SQLException {
    if (record.disabled()) {
      throw new SQLException("a key is added enabled; disable it afterwards");
    }
    KeyMetadata metadata = record.metadata();
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement =
            database.prepare(connection, table.insert(!metadata.isEmpty()))) {
      statement.setString(1, record.id());
      statement.setString(2, record.hash());
      statement.setString(3, record.principal());
      statement.setString(4, String.join(" ", record.scopes()));
      statement.setString(5, String.join(",", record.roles()));
      statement.setTimestamp(6, KeyTable.timestamp(record.expiresAt()), KeyTable.utc());
      statement.setBoolean(7, record.revoked());
      statement.setTimestamp(8, KeyTable.timestamp(clock.instant()), KeyTable.utc());
      if (!metadata.isEmpty()) {
        statement.setString(9, metadata.name());
        statement.setString(10, metadata.tenant());
        statement.setString(11, metadata.environment());
        statement.setString(12, metadata.entries().isEmpty() ? null : metadata.encodedEntries());
      }
      statement.executeUpdate();
    }
    changed();
  }

  @Override
  public void create(ApiKeyRecord record) throws KeyStoreAccessException {
    try {
      add(record);
    } catch (SQLException e) {
      throw failed("insert", e);
    }
  }

  @Override
  public List<KeyListing> list(String afterId, int limit) throws KeyStoreAccessException {
    try (Connection connection = database.dataSource().getConnection()) {
      return KeyRows.list(connection, database::prepare, table, afterId, limit);
    } catch (SQLException e) {
      throw failed("list", e);
    }
  }

  @Override
  public Optional<ApiKeyRecord> update(String id, UnaryOperator<ApiKeyRecord> change)
      throws KeyStoreAccessException {
    Optional<ApiKeyRecord> changed;
    try (Connection connection = database.dataSource().getConnection()) {
      changed = KeyRows.update(connection, database::prepare, table, id, change);
    } catch (SQLException e) {
      throw failed("update", e);
    }
    if (changed.isPresent()) {
      changed();
    }
    return changed;
  }

  private static KeyStoreAccessException failed(String what, SQLException e) {
    // a statement's message may quote values; only this store's own (no SQLState) is shown
    String detail = e.getSQLState() == null ? e.getMessage() : BoundedDatabase.describe(e);
    return new KeyStoreAccessException("API key table: could not " + what + ": " + detail, e);
  }

  /**
   * Marks a key revoked and, when it exists, tells the listeners at once.
   *
   * @param id the public key id
   * @return whether a key with this id exists
   * @throws SQLException when the update fails
   */
  public boolean revoke(String id) throws SQLException {
    int rows;
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement = database.prepare(connection, table.revoke)) {
      statement.setBoolean(1, true);
      statement.setString(2, id);
      rows = statement.executeUpdate();
    }
    if (rows > 0) {
      changed();
    }
    return rows > 0;
  }

  @Override
  public void onChange(Runnable listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public void recordUse(String id) {
    if (lastUsed != null) {
      lastUsed.record(id);
    }
  }

  /** Stops the last-used writer after a last write of what is queued. */
  @Override
  public void close() {
    if (lastUsed != null) {
      lastUsed.close();
    }
  }

  /** Writes the queued last-used times now (tests; the daemon thread does it on schedule). */
  void flushLastUsed() {
    if (lastUsed != null) {
      lastUsed.flush();
    }
  }

  private void touch(List<String> ids, Instant usedAt) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement = database.prepare(connection, table.touch)) {
      for (String id : ids) {
        statement.setTimestamp(1, KeyTable.timestamp(usedAt), KeyTable.utc());
        statement.setString(2, id);
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private void changed() {
    listeners.forEach(Runnable::run);
  }
}
