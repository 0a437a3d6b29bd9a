package dev.portcullis.jose;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * RFC 7519 §2 NumericDate values, possibly fractional, as instants. A value is rounded only below
 * the nanosecond, and only in the direction that never widens a token's validity: an expiry down, a
 * not-before up.
 */
public final class NumericDate {
  private NumericDate() {}

  /**
   * An expiry ({@code exp}): never later than the value.
   *
   * @param seconds seconds since the epoch, in [0, 253402300799]
   * @return the instant, rounded down to the nanosecond
   */
  public static Instant expiry(BigDecimal seconds) {
    return instant(seconds, RoundingMode.FLOOR);
  }

  /**
   * A start of validity ({@code nbf}): never earlier than the value.
   *
   * @param seconds seconds since the epoch, in [0, 253402300799]
   * @return the instant, rounded up to the nanosecond
   */
  public static Instant notBefore(BigDecimal seconds) {
    return instant(seconds, RoundingMode.CEILING);
  }

  private static Instant instant(BigDecimal seconds, RoundingMode rounding) {
    BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
    long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, rounding).longValueExact();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }
}
