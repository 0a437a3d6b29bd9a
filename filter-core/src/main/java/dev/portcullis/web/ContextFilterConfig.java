package dev.portcullis.web;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/**
 * What a container would pass to a filter's {@code init}, for the checks that initialize a
 * throw-away instance before the application starts.
 *
 * @param name the filter name
 * @param context the application's servlet context
 * @param params the init-params
 */
record ContextFilterConfig(String name, ServletContext context, Map<String, String> params)
    implements FilterConfig {

  ContextFilterConfig {
    params = Map.copyOf(params);
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
  public String getInitParameter(String key) {
    return params.get(key);
  }

  @Override
  public Enumeration<String> getInitParameterNames() {
    return Collections.enumeration(params.keySet());
  }
}
