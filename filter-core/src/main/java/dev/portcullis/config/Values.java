package dev.portcullis.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The syntax of setting values: durations, booleans, bounded integers. */
final class Values {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  private Values() {}

  /** Parses a non-negative duration; errors name {@code config.key(key)} and the text. */
  static Duration parse(Config config, String key, String text) {
    Matcher m = SHORT_DURATION.matcher(text);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
    } else {
      try {
        d = Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw config.invalid(key, text, "expected a duration such as 30s, 5m, 1h or PT30S");
      }
    }
    if (d.isNegative()) {
      throw config.invalid(key, text, "must not be negative");
    }
    return d;
  }

  /** Exactly {@code true} or {@code false}. */
  static boolean bool(Config config, String key, String text) {
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw config.invalid(key, text, "expected true or false");
    };
  }

  /** A whole number from {@code min} to {@code max}. */
  static int integer(Config config, String key, String text, int min, int max) {
    try {
      int n = Integer.parseInt(text);
      if (n < min || n > max) {
        throw config.invalid(key, text, "expected a number from " + min + " to " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw config.invalid(key, text, "expected a whole number");
    }
  }
}
