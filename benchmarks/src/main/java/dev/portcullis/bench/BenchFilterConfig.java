package dev.portcullis.bench;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The filter configuration a container would pass to {@code init}; settings come from the builder.
 */
final class BenchFilterConfig implements FilterConfig {
  private final String name;
  private final Map<String, Object> attributes = new ConcurrentHashMap<>();
  private final ServletContext context;

  BenchFilterConfig(String name) {
    this.name = name;
    this.context = context();
  }

  @Override
  public String getFilterName() {
    return name;
  }

  @Override
  public ServletContext getServletContext() {
    return context;
  }

  private ServletContext context() {
    return (ServletContext)
        Proxy.newProxyInstance(
            ServletContext.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getClassLoader" -> BenchFilterConfig.class.getClassLoader();
                  case "getContextPath" -> "";
                  case "getServletContextName" -> name;
                  case "log", "getRealPath", "getResource", "getResourceAsStream" -> null;
                  case "getAttribute" -> attributes.get((String) args[0]);
                  case "setAttribute" -> attributes.put((String) args[0], args[1]);
                  case "removeAttribute" -> attributes.remove((String) args[0]);
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Override
  public String getInitParameter(String key) {
    return null;
  }

  @Override
  public Enumeration<String> getInitParameterNames() {
    return Collections.emptyEnumeration();
  }
}
