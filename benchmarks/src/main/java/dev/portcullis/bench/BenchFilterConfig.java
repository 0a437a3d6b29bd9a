package dev.portcullis.bench;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The filter configuration a container would pass to {@code init}; settings come from the builder.
 */
final class BenchFilterConfig implements FilterConfig {
  private final String name;

  BenchFilterConfig(String name) {
    this.name = name;
  }

  @Override
  public String getFilterName() {
    return name;
  }

  @Override
  public ServletContext getServletContext() {
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
