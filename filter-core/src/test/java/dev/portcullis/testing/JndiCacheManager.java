package dev.portcullis.testing;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

/**
 * A JNDI provider that knows one name, {@code payara/CacheManager}, as Payara Micro binds its data
 * grid's JCache cache manager: set {@link #bound}, then the system property {@link
 * Context#INITIAL_CONTEXT_FACTORY} to this class.
 */
public final class JndiCacheManager implements InitialContextFactory {
  /** What {@code payara/CacheManager} resolves to. */
  public static volatile Object bound;

  @Override
  public Context getInitialContext(Hashtable<?, ?> environment) {
    return (Context)
        Proxy.newProxyInstance(
            Context.class.getClassLoader(),
            new Class<?>[] {Context.class},
            (proxy, m, args) -> {
              if (m.getName().equals("lookup") && "payara/CacheManager".equals(args[0])) {
                return bound;
              }
              if (m.getName().equals("close")) {
                return null;
              }
              throw new NameNotFoundException(String.valueOf(args == null ? null : args[0]));
            });
  }
}
