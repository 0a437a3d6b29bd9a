package dev.portcullis.grid;

import java.time.Duration;
import java.util.Objects;

/** Checks the arguments of {@link Grid} methods alike for every implementation. */
final class Names {
  private Names() {}

  static String name(String what, String name) {
    Objects.requireNonNull(name, what);
    if (name.isEmpty()
        || name.length() > Grid.MAX_NAME
        || !name.chars()
            .allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || ".-_".indexOf(c) >= 0))) {
      throw new IllegalArgumentException(
          "A grid "
              + what
              + " name is 1 to "
              + Grid.MAX_NAME
              + " of A-Z a-z 0-9 . _ -: ["
              + name
              + "]");
    }
    return name;
  }

  static String key(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > Grid.MAX_KEY) {
      throw new IllegalArgumentException("A grid key is 1 to " + Grid.MAX_KEY + " characters");
    }
    return key;
  }

  static String message(String message) {
    Objects.requireNonNull(message, "message");
    if (message.length() > Grid.MAX_MESSAGE) {
      throw new IllegalArgumentException(
          "A grid message is at most " + Grid.MAX_MESSAGE + " characters");
    }
    return message;
  }

  static Duration ttl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("A grid ttl is positive: [" + ttl + "]");
    }
    return ttl;
  }

  static IllegalArgumentException otherTtl(String space, Duration first, Duration ttl) {
    return new IllegalArgumentException(
        "Grid space [" + space + "] is used with ttl [" + first + "], not [" + ttl + "]");
  }
}
