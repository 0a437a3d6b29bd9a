package dev.portcullis.bench;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

/**
 * A JNDI provider over a map, so that a benchmark's filter finds its {@code DataSource} by name as
 * it would in a container. Installed with {@link #bind}.
 */
public final class BenchNaming implements InitialContextFactory {
  private static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

  /** Creates the factory; JNDI calls this. */
  public BenchNaming() {}

  /**
   * Binds an object and makes this class the JVM's initial context factory.
   *
   * @param name the JNDI name
   * @param value the object
   */
  static void bind(String name, Object value) {
    System.setProperty(Context.INITIAL_CONTEXT_FACTORY, BenchNaming.class.getName());
    BOUND.put(name, value);
  }

  @Override
  public Context getInitialContext(Hashtable<?, ?> environment) {
    return (Context)
        Proxy.newProxyInstance(
            Context.class.getClassLoader(),
            new Class<?>[] {Context.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "lookup":
                  Object bound = BOUND.get(args[0].toString());
                  if (bound == null) {
                    throw new NameNotFoundException(args[0].toString());
                  }
                  return bound;
                case "close":
                  return null;
                default:
                  throw new UnsupportedOperationException(method.getName());
              }
            });
  }
}
