package dev.portcullis.ratelimit;

/**
 * The {@code RateLimit-Policy} and {@code RateLimit} field values of
 * draft-ietf-httpapi-ratelimit-headers (Structured Field Lists, RFC 9651): each policy is a String
 * item naming the band as configured, with the parameters {@code q} (quota) and {@code w} (window,
 * seconds) in the policy field, {@code r} (remaining) and {@code t} (seconds until the window
 * resets) in the other. For example {@code "100/1m";q=100;w=60} and {@code "100/1m";r=99;t=60}.
 * Band texts are ASCII letters, digits and {@code /} by construction, so they need no escaping.
 */
final class RateLimitFields {
  /** The policy field's name. */
  static final String POLICY = "RateLimit-Policy";

  /** The current-limit field's name. */
  static final String RATE_LIMIT = "RateLimit";

  private RateLimitFields() {}

  static String policy(Band band) {
    return "\"" + band.text() + "\";q=" + band.quota() + ";w=" + band.window().toSeconds();
  }

  static String current(Band band, long remaining, long resetSeconds) {
    return "\"" + band.text() + "\";r=" + remaining + ";t=" + resetSeconds;
  }

  /** Whole seconds, rounded up: a client that waits this long finds the tokens back. */
  static long ceilSeconds(long nanos) {
    return (nanos + 999_999_999L) / 1_000_000_000L;
  }
}
