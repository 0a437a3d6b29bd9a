package dev.portcullis.web;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.AuthError;
import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.config.Metrics;
import dev.portcullis.limit.Admission;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * Reports each decision: one structured audit line per refusal and per 503 on the logger {@value
 * #LOGGER}, bounded per reason by a {@link LineBudget} (a summary line counts the lines
 * suppressed), one line per accepted request at {@code DEBUG} with the identity's {@link
 * Identity#auditFields() audit fields}, and a {@code decisions} counter per mechanism, outcome and
 * reason, never bounded. Lines carry a credential's fingerprint, never the credential; request
 * values are escaped so that a line stays one line.
 */
final class Audit {
  /** The audit logger's name. */
  static final String LOGGER = "dev.portcullis.audit";

  private static final System.Logger LOG = System.getLogger(LOGGER);
  private static final int MAX_FIELD = 256;

  private final String filter;
  private final Metrics metrics;
  private final LineBudget budget;

  Audit(String filter, Metrics metrics, Ticker ticker) {
    this.filter = filter;
    this.metrics = metrics;
    this.budget = new LineBudget(ticker);
  }

  void proceed(Decision.Proceed decision, HttpServletRequest request) {
    Identity identity = decision.identity();
    String mechanism = identity == null ? "none" : identity.mechanism();
    count(mechanism, identity == null ? "anonymous" : "authenticated", "ok");
    if (identity != null && LOG.isLoggable(System.Logger.Level.DEBUG)) {
      LOG.log(System.Logger.Level.DEBUG, accepted(identity) + tail(request));
    }
  }

  /** The line of an accepted request: the fingerprint and the identity's audit fields. */
  private String accepted(Identity identity) {
    StringBuilder line =
        new StringBuilder("event=accepted filter=")
            .append(clean(filter))
            .append(" mechanism=")
            .append(identity.mechanism())
            .append(" credential=")
            .append(
                identity.fingerprint().map(f -> "sha256:" + Fingerprint.forLog(f)).orElse("none"))
            .append(" principal=\"")
            .append(clean(identity.getName(), true))
            .append('"');
    identity
        .auditFields()
        .forEach(
            (name, value) ->
                line.append(' ')
                    .append(clean(name))
                    .append("=\"")
                    .append(clean(value, true))
                    .append('"'));
    return line.toString();
  }

  void refuse(Decision.Refuse refusal, HttpServletRequest request) {
    AuthError error = refusal.error();
    count(refusal.mechanism(), "refused", error.reason());
    if (LOG.isLoggable(System.Logger.Level.INFO) && admit(error.reason())) {
      LOG.log(
          System.Logger.Level.INFO,
          line(
                  "refused",
                  error.status(),
                  refusal.mechanism(),
                  error.reason(),
                  refusal.fingerprint())
              + " error="
              + error.code().orElse("none")
              + tail(request));
    }
  }

  /** A limit stage refused an authenticated request: outcome {@code limited}. */
  void limited(Admission.Refused refused, Identity identity, HttpServletRequest request) {
    count(identity.mechanism(), "limited", refused.reason());
    if (LOG.isLoggable(System.Logger.Level.INFO) && admit(refused.reason())) {
      LOG.log(
          System.Logger.Level.INFO,
          line(
                  "limited",
                  refused.status(),
                  identity.mechanism(),
                  refused.reason(),
                  identity.fingerprint().orElse(null))
              + " error="
              + refused.error()
              + tail(request));
    }
  }

  void unavailable(Decision.Unavailable unavailable, HttpServletRequest request) {
    count(unavailable.mechanism(), "unavailable", "backend_unavailable");
    if (!admit("backend_unavailable")) {
      return;
    }
    LOG.log(
        System.Logger.Level.WARNING,
        line(
                "unavailable",
                503,
                unavailable.mechanism(),
                "backend_unavailable",
                unavailable.fingerprint())
            + tail(request)
            + " cause=\""
            + clean(String.valueOf(unavailable.cause().getMessage()), true)
            + "\"");
  }

  /** Whether the line may be written; logs the summary of an ended interval first. */
  private boolean admit(String reason) {
    return budget.admit(
        reason,
        (r, suppressed) ->
            LOG.log(
                System.Logger.Level.INFO,
                "event=suppressed filter="
                    + clean(filter)
                    + " reason="
                    + r
                    + " count="
                    + suppressed
                    + " interval="
                    + LineBudget.INTERVAL));
  }

  private void count(String mechanism, String outcome, String reason) {
    if (metrics == Metrics.NONE) {
      return; // no tag map built on the request path when nobody counts
    }
    metrics.increment(
        "decisions", Map.of("mechanism", mechanism, "outcome", outcome, "reason", reason));
  }

  private String line(String event, int status, String mechanism, String reason, String print) {
    return "event="
        + event
        + " filter="
        + clean(filter)
        + " status="
        + status
        + " mechanism="
        + mechanism
        + " reason="
        + reason
        + " credential="
        + (print == null ? "none" : "sha256:" + Fingerprint.forLog(print));
  }

  private static String tail(HttpServletRequest request) {
    return " client=" + clean(request.getRemoteAddr()) + " path=" + clean(request.getRequestURI());
  }

  static String clean(String value) {
    return clean(value, false);
  }

  /** Printable ASCII without quotes (and spaces); anything else becomes {@code %XX}; capped. */
  static String clean(String value, boolean spaces) {
    if (value == null) {
      return "-";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && out.length() < MAX_FIELD; i++) {
      char c = value.charAt(i);
      if ((c > 0x20 || c == ' ' && spaces) && c < 0x7F && c != '"' && c != '\\') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", Math.min((int) c, 0xFF)));
      }
    }
    if (out.length() >= MAX_FIELD) {
      out.append("...");
    }
    return out.toString();
  }
}
