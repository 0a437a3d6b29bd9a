package dev.portcullis.apikey;

import dev.portcullis.AuthenticationRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a request may carry an API key: {@code Authorization: ApiKey}, optionally {@code
 * Authorization: Bearer} and HTTP Basic with the key as user name and an empty password, any of
 * several key headers, and optionally a query parameter. Reading them does no I/O.
 *
 * @param headers the key headers, for example {@code X-API-Key} and {@code x-goog-api-key}
 * @param bearer whether {@code Authorization: Bearer <key>} is read
 * @param basic whether {@code Authorization: Basic base64(<key>:)} is read
 * @param queryParameter the query parameter, or null when off
 */
record ApiKeyTransports(
    List<String> headers, boolean bearer, boolean basic, String queryParameter) {
  static final String BEARER = "Bearer";
  static final String BASIC = "Basic";

  /** What a Basic credential that is not {@code <key>:} reads as: never a valid key. */
  private static final String NOT_A_KEY = "";

  ApiKeyTransports {
    headers = List.copyOf(headers);
  }

  /** The Authorization schemes read, {@code ApiKey} first. */
  Set<String> schemes() {
    Set<String> schemes = new LinkedHashSet<>();
    schemes.add(ApiKeyAuthenticator.SCHEME);
    if (bearer) {
      schemes.add(BEARER);
    }
    if (basic) {
      schemes.add(BASIC);
    }
    return Set.copyOf(schemes);
  }

  /** The scheme of the request's Authorization field when it is one read here, else null. */
  String scheme(AuthenticationRequest request) {
    return request
        .authorization()
        .map(a -> a.scheme())
        .filter(
            s ->
                s.equalsIgnoreCase(ApiKeyAuthenticator.SCHEME)
                    || (bearer && s.equalsIgnoreCase(BEARER))
                    || (basic && s.equalsIgnoreCase(BASIC)))
        .orElse(null);
  }

  /** The names of the sources present, for {@code presentedSources}. */
  Set<String> sources(AuthenticationRequest request) {
    Set<String> sources = new LinkedHashSet<>();
    if (scheme(request) != null) {
      sources.add("authorization");
    }
    for (String header : headers) {
      if (request.servletRequest().getHeader(header) != null) {
        sources.add("header:" + header);
      }
    }
    if (queryParameter != null && !queryValues(request.servletRequest()).isEmpty()) {
      sources.add("query:" + queryParameter);
    }
    return sources;
  }

  /** Every key presented, from every source (several mean a 400). */
  List<String> keys(AuthenticationRequest request) {
    List<String> keys = new ArrayList<>();
    String scheme = scheme(request);
    if (scheme != null) {
      String credentials = request.authorization().orElseThrow().credentials();
      keys.add(scheme.equalsIgnoreCase(BASIC) ? basicUser(credentials) : credentials);
    }
    for (String header : headers) {
      keys.addAll(Collections.list(request.servletRequest().getHeaders(header)));
    }
    if (queryParameter != null) {
      keys.addAll(queryValues(request.servletRequest()));
    }
    return keys;
  }

  /** The user name of {@code base64(<key>:)}; anything with a password or not base64 is no key. */
  private static String basicUser(String credentials) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(credentials);
    } catch (IllegalArgumentException e) {
      return NOT_A_KEY;
    }
    String text = new String(decoded, StandardCharsets.UTF_8);
    int colon = text.indexOf(':');
    return colon > 0 && colon == text.length() - 1 ? text.substring(0, colon) : NOT_A_KEY;
  }

  /** Values of the key parameter from the query string only; a form body is never read. */
  private List<String> queryValues(HttpServletRequest request) {
    String query = request.getQueryString();
    if (query == null) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (decode(name).equals(queryParameter)) {
        values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return values;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
