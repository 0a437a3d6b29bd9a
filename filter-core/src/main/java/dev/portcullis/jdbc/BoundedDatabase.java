package dev.portcullis.jdbc;

import dev.portcullis.ServiceUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Database calls on the request path, bounded in time and in number: each statement has a query
 * timeout, and at most {@code maxWaiting} calls wait for the database at once; one more fails at
 * once. Every failure becomes a {@link ServiceUnavailableException} (503) whose message names the
 * SQL state, never a value; the next call tries again, so callers recover without a restart. Bound
 * the wait for a pooled connection in the pool's own settings.
 */
public final class BoundedDatabase {
  /**
   * A table name that may be put into a statement: a plain SQL identifier, optionally
   * schema-qualified ({@code portcullis_api_keys}, {@code keys.api_keys}).
   */
  public static final Pattern TABLE_NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

  private final DataSource dataSource;
  private final int queryTimeoutSeconds;
  private final int maxWaiting;
  private final Semaphore waiting;
  private final String what;
  private final String maxWaitingKey;

  /** Work done on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    /**
     * Does the work.
     *
     * @param connection a connection, closed afterwards
     * @return the result
     * @throws SQLException when a statement fails
     */
    T run(Connection connection) throws SQLException;
  }

  /**
   * Creates the bound.
   *
   * @param dataSource the database
   * @param queryTimeoutSeconds the timeout of each statement, at least 1
   * @param maxWaiting the most calls waiting at once, at least 1
   * @param what what the database holds, for messages, for example {@code API key store}
   * @param maxWaitingKey the setting that gave {@code maxWaiting}, for messages
   */
  public BoundedDatabase(
      DataSource dataSource,
      int queryTimeoutSeconds,
      int maxWaiting,
      String what,
      String maxWaitingKey) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.maxWaiting = maxWaiting;
    this.waiting = new Semaphore(maxWaiting);
    this.what = what;
    this.maxWaitingKey = maxWaitingKey;
  }

  /**
   * Runs work on a connection of its own, within the bounds.
   *
   * @param work the statements; prepare them with {@link #prepare}
   * @param <T> the result type
   * @return what the work returned
   * @throws ServiceUnavailableException when the bound is full or the database fails
   */
  public <T> T call(Work<T> work) throws ServiceUnavailableException {
    if (!waiting.tryAcquire()) {
      throw new ServiceUnavailableException(
          what
              + " unavailable: already "
              + maxWaiting
              + " calls waiting for the database ("
              + maxWaitingKey
              + ")");
    }
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException | RuntimeException e) {
      throw new ServiceUnavailableException(what + " unavailable: " + describe(e), e);
    } finally {
      waiting.release();
    }
  }

  /**
   * Prepares a statement with the query timeout.
   *
   * @param connection the connection
   * @param sql the statement
   * @return the prepared statement; the caller closes it
   * @throws SQLException when preparing fails
   */
  public PreparedStatement prepare(Connection connection, String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setQueryTimeout(queryTimeoutSeconds);
    return statement;
  }

  /**
   * The data source.
   *
   * @return the database
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Describes a database failure without its message, which may quote values.
   *
   * @param e the failure
   * @return its SQLState and class name
   */
  public static String describe(Exception e) {
    return e instanceof SQLException sql
        ? "SQLState " + sql.getSQLState() + " " + e.getClass().getSimpleName()
        : e.getClass().getSimpleName();
  }
}
