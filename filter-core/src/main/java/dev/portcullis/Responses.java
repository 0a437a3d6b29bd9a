package dev.portcullis;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Writes refusals: status, challenges, {@code Cache-Control: no-store} and a fixed JSON body. */
final class Responses {
  private Responses() {}

  static void refuse(HttpServletResponse response, Decision.Refuse refusal) throws IOException {
    AuthError error = refusal.error();
    for (String challenge : refusal.challenges()) {
      response.addHeader("WWW-Authenticate", challenge);
    }
    String code = error.code().orElse(error.status() == 401 ? "unauthorized" : "forbidden");
    write(response, error.status(), code);
  }

  static void unavailable(HttpServletResponse response, Duration retryAfter) throws IOException {
    response.setHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
    write(response, 503, "temporarily_unavailable");
  }

  private static void write(HttpServletResponse response, int status, String code)
      throws IOException {
    byte[] body = ("{\"error\":\"" + code + "\"}").getBytes(StandardCharsets.US_ASCII);
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
