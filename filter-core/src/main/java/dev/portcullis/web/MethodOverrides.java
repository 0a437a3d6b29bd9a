package dev.portcullis.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Whether a request may be run as another method than its own: frameworks let a client name the
 * method in a header ({@code X-HTTP-Method-Override}, {@code X-HTTP-Method}, {@code
 * X-Method-Override}; Jersey's {@code HttpMethodOverrideFilter} among them), in a {@code _method}
 * query parameter, or in a {@code _method} field of a POST form (Spring's {@code
 * HiddenHttpMethodFilter}). Such an override is applied after the filter, so a filter whose {@code
 * methods} do not list the request's own method must not let it through on that ground: {@code POST
 * /orders/1} with {@code X-HTTP-Method-Override: DELETE} would run DELETE unauthenticated.
 */
final class MethodOverrides {
  private static final String[] HEADERS = {
    "X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"
  };
  private static final String PARAMETER = "_method";
  private static final String[] FORMS = {
    "application/x-www-form-urlencoded", "multipart/form-data"
  };

  private MethodOverrides() {}

  /**
   * Whether {@code request} may name another method; the body is never read.
   *
   * @param request the request as received
   * @return true when it carries an override header, a {@code _method} query parameter (any
   *     spelling that decodes to it, or a query that does not decode), or is a POST form
   */
  static boolean possible(HttpServletRequest request) {
    for (String header : HEADERS) {
      if (request.getHeader(header) != null) {
        return true;
      }
    }
    if ("POST".equalsIgnoreCase(request.getMethod()) && form(request.getHeader("Content-Type"))) {
      return true;
    }
    String query = request.getQueryString();
    if (query == null) {
      return false;
    }
    for (String field : query.split("[&;]")) {
      int equals = field.indexOf('=');
      String name = equals < 0 ? field : field.substring(0, equals);
      try {
        if (URLDecoder.decode(name, StandardCharsets.UTF_8).trim().equalsIgnoreCase(PARAMETER)) {
          return true;
        }
      } catch (IllegalArgumentException e) {
        return true; // a query some decode and others refuse: fail closed
      }
    }
    return false;
  }

  private static boolean form(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.toLowerCase(Locale.ROOT).trim();
    for (String form : FORMS) {
      if (type.startsWith(form)) {
        return true;
      }
    }
    return false;
  }
}
