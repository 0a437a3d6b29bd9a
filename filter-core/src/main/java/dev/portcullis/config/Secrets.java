package dev.portcullis.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Secret references: {@code env:NAME}, {@code file:/path}, or the literal value. */
final class Secrets {
  private Secrets() {}

  /** Resolves the secret {@code value} of the full key {@code key}; errors never show a secret. */
  static String resolve(String key, String value, UnaryOperator<String> lookup) {
    if (value.startsWith("env:")) {
      String secret = lookup.apply(value.substring(4));
      if (secret == null || secret.isEmpty()) {
        throw new ConfigurationException(
            "Setting " + key + " refers to [" + value + "], which is not set");
      }
      return secret;
    }
    if (value.startsWith("file:")) {
      try {
        return Files.readString(Path.of(value.substring(5)), StandardCharsets.UTF_8).strip();
      } catch (IOException | RuntimeException e) {
        throw new ConfigurationException(
            "Setting " + key + " refers to [" + value + "], which cannot be read", e);
      }
    }
    return value;
  }
}
