package dev.portcullis.apikey.jdbc;

import dev.portcullis.apikey.ApiKeyStore;
import dev.portcullis.apikey.ApiKeyStoreFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.jdbc.DataSources;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code jdbc} key store ({@code apiKey.store=jdbc}): key records in a database table read
 * through a container {@link DataSource}. Settings (prefix {@code apiKey.}):
 *
 * <ul>
 *   <li>{@value #DATA_SOURCE} (required): the JNDI name of the {@code DataSource}, for example
 *       {@code java:app/jdbc/portcullis}; a name without {@code java:} is tried under {@code
 *       java:comp/env/} first, then as given.
 *   <li>{@value #TABLE}: the table, default {@value #DEFAULT_TABLE}; a plain identifier, optionally
 *       schema-qualified. The DDL ships as {@code dev/portcullis/apikey/jdbc/postgresql.sql}.
 *   <li>{@value #QUERY_TIMEOUT}: the timeout of each statement, whole seconds from {@code 1s} to
 *       {@code 300s}, default {@code 5s}. Bound the connection wait in the pool's own settings.
 *   <li>{@value #MAX_WAITING}: the most lookups waiting for the database at once, {@code 1} to
 *       {@value #MAX_MAX_WAITING}, default {@value #DEFAULT_MAX_WAITING}; beyond it a request for a
 *       key that is not cached fails at once with 503 and {@code Retry-After} instead of holding a
 *       thread behind a slow database.
 *   <li>{@value #LAST_USED_FLUSH_INTERVAL}: how often the {@code last_used_at} of keys in use is
 *       written in one batch, default {@code 30s}; {@code 0s} turns tracking off (for a read-only
 *       database user).
 *   <li>{@value #LAST_USED_MAXIMUM_PENDING}: the most key ids queued between two writes, default
 *       10000; further ids wait for the next interval.
 * </ul>
 *
 * <p>A database that cannot be reached gives 503 for keys that are not cached, never 401, and the
 * store recovers by itself when the database is back. Use {@link JdbcApiKeyStore#create} from your
 * own {@link ApiKeyStoreFactory} to give a {@code DataSource} without JNDI.
 */
public final class JdbcApiKeyStoreFactory implements ApiKeyStoreFactory {
  /** Key of the JNDI name of the data source. */
  public static final String DATA_SOURCE = "dataSource";

  /** Key of the table name. */
  public static final String TABLE = "table";

  /** Key of the statement timeout. */
  public static final String QUERY_TIMEOUT = "queryTimeout";

  /** Key of the bound on lookups waiting for the database at once. */
  public static final String MAX_WAITING = "maxWaiting";

  /** Default bound on lookups waiting for the database at once. */
  public static final int DEFAULT_MAX_WAITING = 16;

  /** Largest accepted {@value #MAX_WAITING}. */
  public static final int MAX_MAX_WAITING = 10_000;

  /** Key of the last-used write interval. */
  public static final String LAST_USED_FLUSH_INTERVAL = "lastUsedFlushInterval";

  /** Key of the bound on queued last-used ids. */
  public static final String LAST_USED_MAXIMUM_PENDING = "lastUsedMaximumPending";

  /** Default table name. */
  public static final String DEFAULT_TABLE = "portcullis_api_keys";

  /** Default statement timeout. */
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

  /** Default last-used write interval. */
  public static final Duration DEFAULT_LAST_USED_FLUSH_INTERVAL = Duration.ofSeconds(30);

  /** Default bound on queued last-used ids. */
  public static final int DEFAULT_LAST_USED_MAXIMUM_PENDING = 10_000;

  private static final System.Logger LOG = System.getLogger(JdbcApiKeyStoreFactory.class.getName());

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public Set<String> settings() {
    return Set.of(
        DATA_SOURCE,
        TABLE,
        QUERY_TIMEOUT,
        MAX_WAITING,
        LAST_USED_FLUSH_INTERVAL,
        LAST_USED_MAXIMUM_PENDING);
  }

  @Override
  public ApiKeyStore create(Config config, Environment environment) {
    String name = config.required(DATA_SOURCE);
    JdbcSettings settings = JdbcSettings.from(config);
    DataSource dataSource = DataSources.lookup(config, DATA_SOURCE, name);
    LOG.log(
        System.Logger.Level.INFO,
        "API key store jdbc: dataSource={0}, table={1}, queryTimeout={2}s, maxWaiting={5},"
            + " lastUsedFlushInterval={3}, lastUsedMaximumPending={4}",
        name,
        settings.table(),
        Integer.toString(settings.queryTimeoutSeconds()),
        settings.lastUsedFlushInterval().isZero() ? "off" : settings.lastUsedFlushInterval(),
        Integer.toString(settings.lastUsedMaximumPending()),
        Integer.toString(settings.maxWaiting()));
    return new JdbcApiKeyStore(dataSource, settings, environment.clock());
  }
}
