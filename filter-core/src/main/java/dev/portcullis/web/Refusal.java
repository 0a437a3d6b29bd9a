package dev.portcullis.web;

import dev.portcullis.AuthError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal as it goes on the wire: status, header fields ({@code WWW-Authenticate} challenges,
 * {@code Cache-Control: no-store}, {@code Content-Type: application/json}) and the fixed JSON body
 * {@code {"error":"<code>"}}. The filter writes these to the servlet response; integrations such as
 * {@link dev.portcullis.jaxrs.PortcullisFeature} copy them into their own response type, so every
 * refusal has the same bytes wherever it is decided.
 */
public final class Refusal {
  private final int status;
  private final Map<String, List<String>> headers;
  private final String body;

  private Refusal(int status, Map<String, List<String>> headers, String code) {
    this.status = status;
    this.headers = Collections.unmodifiableMap(headers);
    this.body = "{\"error\":\"" + code + "\"}";
  }

  static Refusal of(Decision.Refuse refusal) {
    AuthError error = refusal.error();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (!refusal.challenges().isEmpty()) {
      headers.put("WWW-Authenticate", List.copyOf(refusal.challenges()));
    }
    String code = error.code().orElse(error.status() == 401 ? "unauthorized" : "forbidden");
    return new Refusal(error.status(), common(headers), code);
  }

  static Refusal unavailable(long retryAfterSeconds) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Retry-After", List.of(Long.toString(retryAfterSeconds)));
    return new Refusal(503, common(headers), "temporarily_unavailable");
  }

  /**
   * Out of credits: 429 (or 402 by setting) {@code insufficient_quota}, with the credits left and,
   * when refills will cover the cost, {@code Retry-After}.
   */
  static Refusal insufficientQuota(int status, long remaining, Long retryAfterSeconds) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (retryAfterSeconds != null) {
      headers.put("Retry-After", List.of(Long.toString(retryAfterSeconds)));
    }
    headers.put(QuotaStage.REMAINING_HEADER, List.of(Long.toString(remaining)));
    return new Refusal(status, common(headers), "insufficient_quota");
  }

  static Refusal serverError() {
    return new Refusal(500, common(new LinkedHashMap<>()), "server_error");
  }

  private static Map<String, List<String>> common(Map<String, List<String>> headers) {
    headers.put("Cache-Control", List.of("no-store"));
    headers.put("Content-Type", List.of("application/json"));
    return headers;
  }

  /**
   * The HTTP status.
   *
   * @return 400, 401, 402, 403, 429, 500 or 503
   */
  public int status() {
    return status;
  }

  /**
   * The header fields in the order they are written; a name with several values (challenges) is
   * written once per value.
   *
   * @return an unmodifiable map of unmodifiable lists
   */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /**
   * The {@code WWW-Authenticate} values, possibly none.
   *
   * @return the challenges
   */
  public List<String> challenges() {
    return headers.getOrDefault("WWW-Authenticate", List.of());
  }

  /**
   * The JSON body, ASCII, for example {@code {"error":"insufficient_scope"}}.
   *
   * @return the body
   */
  public String body() {
    return body;
  }
}
