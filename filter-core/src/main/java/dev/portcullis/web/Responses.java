package dev.portcullis.web;

import dev.portcullis.limit.Admission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Writes refusals: status, challenges, {@code Cache-Control: no-store} and a fixed JSON body. */
final class Responses {
  private Responses() {}

  static void refuse(HttpServletResponse response, Decision.Refuse refusal) throws IOException {
    write(response, Refusal.of(refusal));
  }

  static void unavailable(HttpServletResponse response, Duration retryAfter) throws IOException {
    write(response, Refusal.unavailable(retryAfter.toSeconds()));
  }

  static void limited(HttpServletResponse response, Admission.Refused refused) throws IOException {
    write(response, Refusal.limited(refused));
  }

  static void write(HttpServletResponse response, Refusal refusal) throws IOException {
    byte[] body = refusal.body().getBytes(StandardCharsets.US_ASCII);
    response.setStatus(refusal.status());
    for (Map.Entry<String, List<String>> header : refusal.headers().entrySet()) {
      String name = header.getKey();
      if (name.equals("WWW-Authenticate")) {
        header.getValue().forEach(v -> response.addHeader(name, v));
      } else if (name.equals("Content-Type")) {
        response.setContentType(header.getValue().get(0));
      } else {
        response.setHeader(name, header.getValue().get(0));
      }
    }
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
