package dev.portcullis.config;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ${NAME}}, {@code ${NAME:default}} and {@code ${NAME:+value}} in setting values. */
final class Placeholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

  private Placeholders() {}

  /** Resolves every placeholder of {@code raw}, the value of the full key {@code key}. */
  static String resolve(String key, String raw, UnaryOperator<String> lookup) {
    Matcher m = PLACEHOLDER.matcher(raw);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = lookup.apply(m.group(1));
      String fallback = m.group(2);
      if (fallback != null && fallback.startsWith("+")) {
        value = value == null || value.isEmpty() ? "" : fallback.substring(1);
      } else if (value == null) {
        value = fallback;
      }
      if (value == null) {
        throw new ConfigurationException(
            "Setting " + key + " refers to [${" + m.group(1) + "}], which is not set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
