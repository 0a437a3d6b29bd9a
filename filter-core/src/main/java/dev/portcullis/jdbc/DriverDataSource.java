package dev.portcullis.jdbc;

import java.lang.reflect.Proxy;
import java.sql.DriverManager;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that opens a plain {@link DriverManager} connection each time, for command
 * line tools that have a JDBC URL rather than a container pool. Only {@code getConnection()} works.
 */
public final class DriverDataSource {
  private static final int LOGIN_TIMEOUT_SECONDS = 10;

  private DriverDataSource() {}

  /**
   * Creates the data source; logins give up after 10 seconds.
   *
   * @param url the JDBC URL (its driver on the class path)
   * @param user the database user
   * @param password the password, read by the caller from a safe place
   * @return the data source
   */
  public static DataSource of(String url, String user, String password) {
    DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
    return (DataSource)
        Proxy.newProxyInstance(
            DriverDataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("getConnection") || args != null) {
                throw new UnsupportedOperationException(method.getName());
              }
              return DriverManager.getConnection(url, user, password);
            });
  }
}
