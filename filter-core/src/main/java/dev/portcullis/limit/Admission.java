package dev.portcullis.limit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a {@link LimitStage} decided about one request. */
public sealed interface Admission {

  /** Admitted, adding nothing to the answer. */
  Admitted ADMITTED = new Admitted(Map.of());

  /**
   * The request goes on to the application.
   *
   * @param headers header fields to set on the answer (for example {@code RateLimit}), in order
   */
  record Admitted(Map<String, String> headers) implements Admission {
    /**
     * Copies the header fields, keeping their order.
     *
     * @param headers header fields to set on the answer
     */
    public Admitted {
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
  }

  /**
   * The request is answered at once. The filter writes {@code status}, {@code Retry-After: <retry
   * after>}, the given header fields, {@code Cache-Control: no-store}, {@code Content-Type:
   * application/json} and the body {@code {"error":"<error>"}}; it counts the refusal under {@code
   * reason} and writes one audit line.
   *
   * @param status 429, or 402 for a quota that says so
   * @param error the body's error code, for example {@code rate_limit_exceeded}
   * @param reason the audit and metric reason, for example {@code rate_limited}
   * @param retryAfterSeconds the {@code Retry-After} delay in seconds, at least 1
   * @param headers further header fields such as {@code RateLimit-Policy} and {@code RateLimit}
   */
  record Refused(
      int status, String error, String reason, long retryAfterSeconds, Map<String, String> headers)
      implements Admission {
    /**
     * Checks the values: codes are header- and JSON-safe, the delay is positive.
     *
     * @param status 429 or 402
     * @param error the body's error code
     * @param reason the audit and metric reason
     * @param retryAfterSeconds the {@code Retry-After} delay in seconds, at least 1
     * @param headers further header fields
     */
    public Refused {
      if (status != 429 && status != 402) {
        throw new IllegalArgumentException("A limit refuses with 429 or 402, not " + status);
      }
      if (!Objects.requireNonNull(error, "error").matches("[a-z_]{1,64}")
          || !Objects.requireNonNull(reason, "reason").matches("[a-z_]{1,64}")) {
        throw new IllegalArgumentException("Codes are lower-case letters and '_'");
      }
      if (retryAfterSeconds < 1) {
        throw new IllegalArgumentException("Retry-After is at least 1 second");
      }
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
  }
}
