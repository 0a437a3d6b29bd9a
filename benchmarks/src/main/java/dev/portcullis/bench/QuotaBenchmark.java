package dev.portcullis.bench;

import dev.portcullis.config.Config;
import dev.portcullis.quota.Balance;
import dev.portcullis.quota.JdbcQuotaStore;
import dev.portcullis.quota.QuotaSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * What the quota stage adds to a cached API-key hit: the same request through the whole filter
 * without quotas ({@code off}), and with a balance that never runs out debited on every request in
 * an in-process H2 ({@code h2}: the statement and JDBC cost without a network) and in a real
 * PostgreSQL over loopback ({@code postgresql}: one database round trip, the cost a deployment
 * pays). Connections come from H2's small connection pool (8 connections), over H2's driver or
 * PostgreSQL's, standing for the container's pool.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@BenchmarkMode(Mode.AverageTime)
@Fork(2)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 2)
public class QuotaBenchmark {
  private static final String JNDI = "java:app/jdbc/bench-quota";

  /** Where balances are: {@code off} (no quotas), {@code h2} or {@code postgresql}. */
  @Param({"off", "h2", "postgresql"})
  public String quota;

  private LoopbackIssuer issuer;
  private Scratch scratch;
  private Mechanism.Setup setup;
  private EmbeddedPostgres postgres;
  private JdbcConnectionPool pool;
  private final BenchResponse response = new BenchResponse();

  /**
   * Starts the database and the filter; the check in set-up fills the key cache.
   *
   * @throws Exception when set-up fails
   */
  @Setup
  public void setUp() throws Exception {
    issuer = new LoopbackIssuer();
    scratch = new Scratch();
    Map<String, String> extra = new HashMap<>();
    if (!quota.equals("off")) {
      String ddl;
      if (quota.equals("h2")) {
        pool = JdbcConnectionPool.create("jdbc:h2:mem:bench-quota;DB_CLOSE_DELAY=-1", "sa", "");
        ddl = "h2";
      } else {
        postgres = EmbeddedPostgres.builder().start();
        // H2's pool over PostgreSQL's own pooled data source (H2's URL form is H2's driver only)
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(postgres.getJdbcUrl("postgres", "postgres"));
        pool = JdbcConnectionPool.create(source);
        ddl = "postgresql";
      }
      pool.setMaxConnections(8);
      create(pool, ddl);
      BenchNaming.bind(JNDI, pool);
      extra.put("quota.dataSource", JNDI);
      extra.put("quota.per", "principal");
    }
    setup = Mechanism.apiKey.setUp(issuer, scratch.directory, true, extra);
  }

  private static void create(DataSource dataSource, String database) throws Exception {
    try (InputStream in =
            QuotaSettings.class.getResourceAsStream("/dev/portcullis/quota/" + database + ".sql");
        Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Map<String, String> params = Map.of(QuotaSettings.DATA_SOURCE, JNDI);
    JdbcQuotaStore.create(
            dataSource,
            QuotaSettings.from(Config.of(params, name -> null)).orElseThrow(),
            Clock.systemUTC())
        .set("principal:alice", new Balance(Balance.MAX_AMOUNT, Balance.MAX_AMOUNT, 0, 0, 0));
  }

  /**
   * Stops the filter, the issuer and the database.
   *
   * @throws Exception when a database does not stop
   */
  @TearDown
  public void tearDown() throws Exception {
    setup.filter().destroy();
    issuer.close();
    scratch.close();
    if (pool != null) {
      pool.dispose();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /**
   * One thread, time per request.
   *
   * @return the status
   * @throws Exception never
   */
  @Benchmark
  public int cachedHit() throws Exception {
    setup.filter().doFilter(setup.request().reset(), response, Mechanism.NO_OP);
    return response.status();
  }
}
