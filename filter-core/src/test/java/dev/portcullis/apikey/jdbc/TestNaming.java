package dev.portcullis.apikey.jdbc;

import java.lang.reflect.Proxy;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;

/** A JNDI provider over a map, installed as {@code java.naming.factory.initial} by tests. */
public final class TestNaming implements InitialContextFactory {
  public static final Map<String, Object> BOUND = new ConcurrentHashMap<>();

  public static void install() {
    System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestNaming.class.getName());
  }

  public static void uninstall() {
    System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
    BOUND.clear();
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
