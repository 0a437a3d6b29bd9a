package dev.portcullis.testing;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A hand-written request fake: set what a test needs, then call {@link #build()}. */
public final class FakeRequest {
  private String method = "GET";
  private String servletPath = "/api/me";
  private String pathInfo;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private final Map<String, List<String>> parameters = new LinkedHashMap<>();
  private final Map<String, Object> attributes = new HashMap<>();
  private String remoteAddr = "127.0.0.1";
  private boolean secure;
  private String serverName = "localhost";
  private int serverPort;
  private String queryString;
  private String requestUri;
  private String contextPath = "";

  public static FakeRequest get(String servletPath) {
    return new FakeRequest().path(servletPath);
  }

  public FakeRequest method(String value) {
    method = value;
    return this;
  }

  public FakeRequest path(String value) {
    servletPath = value;
    return this;
  }

  public FakeRequest pathInfo(String value) {
    pathInfo = value;
    return this;
  }

  public FakeRequest header(String name, String value) {
    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
    return this;
  }

  public FakeRequest query(String value) {
    queryString = value;
    return this;
  }

  public FakeRequest parameter(String name, String value) {
    parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    return this;
  }

  public FakeRequest attribute(String name, Object value) {
    attributes.put(name, value);
    return this;
  }

  /** The raw request URI, context path included; by default the servlet path and path info. */
  public FakeRequest requestUri(String value) {
    requestUri = value;
    return this;
  }

  public FakeRequest contextPath(String value) {
    contextPath = value;
    return this;
  }

  public FakeRequest remoteAddr(String value) {
    remoteAddr = value;
    return this;
  }

  public FakeRequest host(String name, int port) {
    serverName = name;
    serverPort = port;
    return this;
  }

  public FakeRequest secure(boolean value) {
    secure = value;
    return this;
  }

  public HttpServletRequest build() {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            HttpServletRequest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, m, args) -> {
              switch (m.getName()) {
                case "getMethod":
                  return method;
                case "getServletPath":
                  return servletPath;
                case "getPathInfo":
                  return pathInfo;
                case "getRequestURI":
                  return requestUri != null
                      ? requestUri
                      : contextPath + servletPath + (pathInfo == null ? "" : pathInfo);
                case "getContextPath":
                  return contextPath;
                case "getContentLengthLong":
                  List<String> length = headers.get("content-length");
                  return length == null ? -1L : Long.parseLong(length.get(0));
                case "getHeader":
                  List<String> h = headers.get(((String) args[0]).toLowerCase(Locale.ROOT));
                  return h == null ? null : h.get(0);
                case "getHeaders":
                  return Collections.enumeration(
                      headers.getOrDefault(((String) args[0]).toLowerCase(Locale.ROOT), List.of()));
                case "getHeaderNames":
                  return Collections.enumeration(headers.keySet());
                case "getParameter":
                  List<String> p = parameters.get((String) args[0]);
                  return p == null ? null : p.get(0);
                case "getParameterValues":
                  List<String> v = parameters.get((String) args[0]);
                  return v == null ? null : v.toArray(String[]::new);
                case "getParameterNames":
                  return Collections.enumeration(parameters.keySet());
                case "getQueryString":
                  return queryString;
                case "getAttribute":
                  return attributes.get((String) args[0]);
                case "setAttribute":
                  attributes.put((String) args[0], args[1]);
                  return null;
                case "removeAttribute":
                  attributes.remove((String) args[0]);
                  return null;
                case "getAttributeNames":
                  return Collections.enumeration(List.copyOf(attributes.keySet()));
                case "getRemoteAddr":
                  return remoteAddr;
                case "isSecure":
                  return secure;
                case "getScheme":
                  return secure ? "https" : "http";
                case "getServerName":
                  return serverName;
                case "getServerPort":
                  return serverPort > 0 ? serverPort : secure ? 443 : 80;
                case "getUserPrincipal":
                case "getRemoteUser":
                case "getAuthType":
                  return null;
                case "isUserInRole":
                  return false;
                case "toString":
                  return "FakeRequest[" + method + " " + servletPath + "]";
                case "hashCode":
                  return System.identityHashCode(proxy);
                case "equals":
                  return proxy == args[0];
                default:
                  throw new UnsupportedOperationException(m.getName());
              }
            });
  }
}
