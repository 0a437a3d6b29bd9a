package dev.portcullis.web;

import dev.portcullis.AuthError;
import dev.portcullis.limit.Admission;
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
   * The answer of a limit stage's refusal: its status, {@code Retry-After}, its own fields (such as
   * {@code RateLimit-Policy} and {@code RateLimit}), then the common ones.
   */
  static Refusal limited(Admission.Refused refused) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Retry-After", List.of(Long.toString(refused.retryAfterSeconds())));
    refused.headers().forEach((name, value) -> headers.put(name, List.of(value)));
    return new Refusal(refused.status(), common(headers), refused.error());
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
   * @return 401, 403, 400, 402, 429, 500 or 503
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
