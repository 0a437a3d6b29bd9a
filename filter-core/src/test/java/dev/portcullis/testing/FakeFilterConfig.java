package dev.portcullis.testing;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A filter configuration fake with init-params and a minimal servlet context. */
public final class FakeFilterConfig implements FilterConfig {
  private final Map<String, String> params = new LinkedHashMap<>();
  private final ServletContext context;
  private String name = "test";

  public FakeFilterConfig() {
    this(null);
  }

  /**
   * @param webappRoot directory that {@code getRealPath} resolves against, or null
   */
  private final Map<String, Object> attributes = new LinkedHashMap<>();

  public FakeFilterConfig(Path webappRoot) {
    context =
        (ServletContext)
            Proxy.newProxyInstance(
                ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, m, args) -> {
                  switch (m.getName()) {
                    case "getClassLoader":
                      return FakeFilterConfig.class.getClassLoader();
                    case "getRealPath":
                      return webappRoot == null
                          ? null
                          : webappRoot.resolve(((String) args[0]).substring(1)).toString();
                    case "getContextPath":
                      return "";
                    case "log":
                      return null;
                    case "getAttribute":
                      return attributes.get((String) args[0]);
                    case "setAttribute":
                      attributes.put((String) args[0], args[1]);
                      return null;
                    case "removeAttribute":
                      attributes.remove((String) args[0]);
                      return null;
                    case "hashCode":
                      return System.identityHashCode(proxy);
                    case "equals":
                      return proxy == args[0];
                    case "toString":
                      return "FakeServletContext";
                    default:
                      throw new UnsupportedOperationException(m.getName());
                  }
                });
  }

  public FakeFilterConfig param(String name, String value) {
    params.put(name, value);
    return this;
  }

  /**
   * Renames the filter (default {@code test}), for tests that find it by name.
   *
   * @param value the filter name
   * @return this config
   */
  public FakeFilterConfig name(String value) {
    name = value;
    return this;
  }

  @Override
  public String getFilterName() {
    return name;
  }

  @Override
  public ServletContext getServletContext() {
    return context;
  }

  @Override
  public String getInitParameter(String name) {
    return params.get(name);
  }

  @Override
  public java.util.Enumeration<String> getInitParameterNames() {
    return Collections.enumeration(params.keySet());
  }
}
