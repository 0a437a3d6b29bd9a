package dev.portcullis.quota;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** An in-memory H2 database with the shipped quota table, open while this object is. */
public final class QuotaDatabase implements AutoCloseable {
  private final JdbcDataSource dataSource = new JdbcDataSource();
  private final Connection keepAlive;
  private final String url = "jdbc:h2:mem:quota-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=0";

  /** Creates a fresh database with the table. */
  public QuotaDatabase() throws Exception {
    dataSource.setURL(url);
    dataSource.setUser("sa");
    keepAlive = dataSource.getConnection();
    execute(schema("h2"));
  }

  /** The DDL shipped for a database. */
  public static String schema(String database) throws Exception {
    try (InputStream in =
        QuotaDatabase.class.getResourceAsStream("/dev/portcullis/quota/" + database + ".sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The JDBC URL (user {@code sa}, empty password). */
  public String url() {
    return url;
  }

  /** The database. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Runs one statement. */
  public void execute(String sql) throws SQLException {
    try (Statement s = keepAlive.createStatement()) {
      s.execute(sql);
    }
  }

  /** The settings of a store on this database, with {@code quota.} keys given. */
  public static QuotaSettings settings(Map<String, String> more) {
    Map<String, String> params = new java.util.HashMap<>(more);
    params.put(QuotaSettings.DATA_SOURCE, "java:app/jdbc/quota");
    return QuotaSettings.from(dev.portcullis.config.Config.of(params, name -> null)).orElseThrow();
  }

  @Override
  public void close() throws SQLException {
    keepAlive.close();
  }
}
