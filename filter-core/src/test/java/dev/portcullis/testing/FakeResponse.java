package dev.portcullis.testing;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A hand-written response fake that records status, headers and body. */
public final class FakeResponse {
  private int status = 200;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private String contentType;
  private final HttpServletResponse servlet;

  public FakeResponse() {
    ServletOutputStream out =
        new ServletOutputStream() {
          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {}

          @Override
          public void write(int b) {
            body.write(b);
          }
        };
    servlet =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) -> {
                  switch (m.getName()) {
                    case "setStatus":
                      status = (Integer) args[0];
                      return null;
                    case "getStatus":
                      return status;
                    case "setHeader":
                      headers.put(key(args[0]), new ArrayList<>(List.of((String) args[1])));
                      return null;
                    case "addHeader":
                      headers
                          .computeIfAbsent(key(args[0]), k -> new ArrayList<>())
                          .add((String) args[1]);
                      return null;
                    case "setContentType":
                      contentType = (String) args[0];
                      return null;
                    case "setContentLength":
                    case "setCharacterEncoding":
                      return null;
                    case "getOutputStream":
                      return out;
                    case "isCommitted":
                      return false;
                    case "hashCode":
                      return System.identityHashCode(proxy);
                    case "equals":
                      return proxy == args[0];
                    case "toString":
                      return "FakeResponse[" + status + "]";
                    default:
                      throw new UnsupportedOperationException(m.getName());
                  }
                });
  }

  private static String key(Object name) {
    return ((String) name).toLowerCase(Locale.ROOT);
  }

  public HttpServletResponse servlet() {
    return servlet;
  }

  public int status() {
    return status;
  }

  public List<String> headers(String name) {
    return headers.getOrDefault(key(name), List.of());
  }

  public String header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * @return every header, names lower-cased, in first-set order
   */
  public Map<String, List<String>> allHeaders() {
    return Collections.unmodifiableMap(headers);
  }

  public String contentType() {
    return contentType;
  }

  public String body() {
    return body.toString(StandardCharsets.UTF_8);
  }
}
