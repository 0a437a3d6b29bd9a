package dev.portcullis.jdbc;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** Finds a container {@link DataSource} by its JNDI name, for the settings that name one. */
public final class DataSources {
  private static final String JAVA = "java:";
  private static final String COMP_ENV = "java:comp/env/";

  private DataSources() {}

  /**
   * Looks a data source up. A name without {@code java:} is tried under {@code java:comp/env/}
   * first, then as given.
   *
   * @param config the settings that hold {@code key}
   * @param key the relative key that named the data source, for the error message
   * @param name the JNDI name, for example {@code java:app/jdbc/portcullis}
   * @return the data source
   * @throws ConfigurationException when nothing, or no {@code DataSource}, is bound under the name
   */
  public static DataSource lookup(Config config, String key, String name) {
    Object bound;
    try {
      InitialContext context = new InitialContext();
      try {
        bound = name.startsWith(JAVA) ? context.lookup(name) : lookupRelative(context, name);
      } finally {
        context.close();
      }
    } catch (NamingException e) {
      throw config.invalid(key, name, "no DataSource under this JNDI name (" + e + ")");
    }
    if (bound instanceof DataSource dataSource) {
      return dataSource;
    }
    throw config.invalid(key, name, "the JNDI object is not a javax.sql.DataSource");
  }

  private static Object lookupRelative(InitialContext context, String name) throws NamingException {
    try {
      return context.lookup(COMP_ENV + name);
    } catch (NamingException e) {
      return context.lookup(name);
    }
  }
}
