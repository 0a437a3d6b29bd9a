package dev.portcullis.quota;

import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.jdbc.BoundedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Credit balances in a database table (schema: {@code dev/portcullis/quota/postgresql.sql}, {@code
 * h2.sql}). A debit is one conditional {@code UPDATE} (see {@link QuotaTable}) with a query
 * timeout, so nodes sharing the table can never overspend: the database serialises updates of one
 * row. Only when it changes no row does a second statement read the row, to tell an unmetered
 * subject from an exhausted one and to compute the {@code Retry-After}. At most {@code
 * quota.maxWaiting} calls wait for the database at once; a failure is a {@link
 * ServiceUnavailableException} (503), never a free pass. Refills follow the clock of the node that
 * debits (keep nodes' clocks synchronised); a boundary once passed is never taken back.
 */
public final class JdbcQuotaStore implements QuotaStore {
  private final BoundedDatabase database;
  private final String tableName;
  private final Clock clock;
  private volatile QuotaTable table;

  JdbcQuotaStore(DataSource dataSource, QuotaSettings settings, Clock clock) {
    this.database =
        new BoundedDatabase(
            dataSource,
            settings.queryTimeoutSeconds(),
            settings.maxWaiting(),
            "Quota store",
            QuotaSettings.NAME + "." + QuotaSettings.MAX_WAITING);
    this.tableName = settings.table();
    this.clock = clock;
    new QuotaTable(tableName, true); // checks the name now
  }

  /**
   * Creates a store on a given data source, with the {@code quota.} settings other than {@value
   * QuotaSettings#DATA_SOURCE}.
   *
   * @param dataSource where the balance table lives
   * @param settings the validated settings
   * @param clock the time refills are computed at, usually the filter's
   * @return the store
   */
  public static JdbcQuotaStore create(DataSource dataSource, QuotaSettings settings, Clock clock) {
    return new JdbcQuotaStore(dataSource, settings, clock);
  }

  @Override
  public Debit debit(String subject, long cost) throws ServiceUnavailableException {
    return take(subject, cost, true);
  }

  @Override
  public Debit charge(String subject, long cost) throws ServiceUnavailableException {
    return take(subject, cost, false);
  }

  private Debit take(String subject, long cost, boolean conditional)
      throws ServiceUnavailableException {
    if (cost < 0 || cost > Balance.MAX_AMOUNT) {
      throw new IllegalArgumentException("cost out of range: [" + cost + "]");
    }
    long now = clock.millis();
    Map<String, Object> values = Map.of("subject", subject, "cost", cost, "now", now);
    return database.call(
        connection -> {
          QuotaTable sql = table(connection);
          Optional<Long> left = updated(connection, conditional ? sql.debit : sql.charge, values);
          if (left.isPresent()) {
            return Debit.debited(left.get());
          }
          Optional<Balance> balance = read(connection, subject);
          if (balance.isEmpty()) {
            return Debit.UNMETERED;
          }
          return Debit.insufficient(
              balance.get().available(now), balance.get().timeUntil(cost, now));
        });
  }

  @Override
  public Optional<Balance> balance(String subject) throws ServiceUnavailableException {
    return database.call(connection -> read(connection, subject));
  }

  /**
   * Sets a subject's balance, creating it when missing; the refill boundary starts now. For the key
   * tool and administration, not the request path.
   *
   * @param subject {@code key:<id>} or {@code principal:<name>}
   * @param balance the new balance; its {@code refilledAtMillis} is ignored
   * @throws ServiceUnavailableException when the database fails
   */
  public void set(String subject, Balance balance) throws ServiceUnavailableException {
    Map<String, Object> values =
        Map.of(
            "subject", subject,
            "remaining", balance.remaining(),
            "capacity", balance.capacity(),
            "amount", balance.refillAmount(),
            "interval", balance.refillIntervalMillis(),
            "now", clock.millis());
    database.call(
        connection -> {
          QuotaTable sql = table(connection);
          if (execute(connection, sql.update, values) == 0) {
            execute(connection, sql.insert, values);
          }
          return null;
        });
  }

  private QuotaTable table(Connection connection) throws SQLException {
    QuotaTable known = table;
    if (known == null) {
      String product = connection.getMetaData().getDatabaseProductName();
      known = new QuotaTable(tableName, "PostgreSQL".equalsIgnoreCase(product));
      table = known;
    }
    return known;
  }

  private Optional<Long> updated(
      Connection connection, QuotaTable.Sql sql, Map<String, Object> values) throws SQLException {
    try (PreparedStatement statement = bind(connection, sql, values);
        ResultSet row = statement.executeQuery()) {
      return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
    }
  }

  private Optional<Balance> read(Connection connection, String subject) throws SQLException {
    try (PreparedStatement statement =
            bind(connection, table(connection).select, Map.of("subject", subject));
        ResultSet row = statement.executeQuery()) {
      if (!row.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new Balance(
              row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5)));
    }
  }

  private int execute(Connection connection, QuotaTable.Sql sql, Map<String, Object> values)
      throws SQLException {
    try (PreparedStatement statement = bind(connection, sql, values)) {
      return statement.executeUpdate();
    }
  }

  private PreparedStatement bind(
      Connection connection, QuotaTable.Sql sql, Map<String, Object> values) throws SQLException {
    PreparedStatement statement = database.prepare(connection, sql.text());
    int i = 1;
    for (String name : sql.parameters()) {
      Object value = values.get(name);
      if (value instanceof Long number) {
        statement.setLong(i++, number);
      } else {
        statement.setString(i++, (String) value);
      }
    }
    return statement;
  }
}
