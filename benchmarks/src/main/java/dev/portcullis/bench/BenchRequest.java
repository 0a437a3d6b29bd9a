package dev.portcullis.bench;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A servlet request for benchmarks: plain fields and maps, no reflection on the measured path. Any
 * method not overridden here reaches a proxy that throws, so an unexpected call is seen at once.
 */
final class BenchRequest extends HttpServletRequestWrapper {
  private static final HttpServletRequest UNSUPPORTED =
      (HttpServletRequest)
          Proxy.newProxyInstance(
              HttpServletRequest.class.getClassLoader(),
              new Class<?>[] {HttpServletRequest.class},
              (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
              });

  private final Map<String, List<String>> headers = new HashMap<>();
  private final Map<String, Object> attributes = new HashMap<>();
  private final Map<String, Object> fixedAttributes = new HashMap<>();

  BenchRequest() {
    super(UNSUPPORTED);
  }

  /** Adds a header (names are case-insensitive). */
  BenchRequest header(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), List.of(value));
    return this;
  }

  /** An attribute every use starts with, such as the TLS client certificate chain. */
  BenchRequest fixedAttribute(String name, Object value) {
    fixedAttributes.put(name, value);
    return reset();
  }

  /** A request with the same headers and fixed attributes, for another thread. */
  BenchRequest copy() {
    BenchRequest c = new BenchRequest();
    c.headers.putAll(headers);
    c.fixedAttributes.putAll(fixedAttributes);
    return c.reset();
  }

  /** Forgets what the last filter run stored, so each invocation starts from the same request. */
  BenchRequest reset() {
    attributes.clear();
    attributes.putAll(fixedAttributes);
    return this;
  }

  @Override
  public String getMethod() {
    return "GET";
  }

  @Override
  public String getServletPath() {
    return "/api/me";
  }

  @Override
  public String getPathInfo() {
    return null;
  }

  @Override
  public String getRequestURI() {
    return "/api/me";
  }

  @Override
  public String getContextPath() {
    return "";
  }

  @Override
  public String getQueryString() {
    return null;
  }

  @Override
  public String getParameter(String name) {
    return null;
  }

  @Override
  public String getHeader(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null ? null : values.get(0);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return Collections.enumeration(values == null ? List.of() : values);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    return Collections.enumeration(headers.keySet());
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public void removeAttribute(String name) {
    attributes.remove(name);
  }

  @Override
  public String getRemoteAddr() {
    return "127.0.0.1";
  }

  @Override
  public boolean isSecure() {
    return true;
  }

  @Override
  public String getScheme() {
    return "https";
  }

  @Override
  public String getServerName() {
    return "api.example";
  }

  @Override
  public int getServerPort() {
    return 443;
  }
}
