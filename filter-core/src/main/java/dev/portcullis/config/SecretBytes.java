package dev.portcullis.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Secrets used as key material: the UTF-8 bytes of the resolved secret, or any bytes written as
 * {@code base64url:<RFC 4648 §5 without padding>}. A bad encoding is named, never shown.
 */
public final class SecretBytes {
  /** Marks a secret given as base64url (RFC 4648 §5) rather than as UTF-8 text. */
  public static final String BASE64URL_PREFIX = "base64url:";

  private SecretBytes() {}

  /**
   * Reads the secret {@code key} of {@code config} as bytes.
   *
   * @param config the settings
   * @param key the relative key of a secret ({@code env:NAME}, {@code file:/path} or literal)
   * @return the bytes, empty when the key is absent
   * @throws ConfigurationException when the value after {@value #BASE64URL_PREFIX} is not canonical
   *     unpadded base64url
   */
  public static Optional<byte[]> of(Config config, String key) {
    return config.secret(key).map(secret -> bytes(config, key, secret));
  }

  private static byte[] bytes(Config config, String key, String secret) {
    if (!secret.startsWith(BASE64URL_PREFIX)) {
      return secret.getBytes(StandardCharsets.UTF_8);
    }
    String text = secret.substring(BASE64URL_PREFIX.length());
    try {
      if (text.indexOf('=') < 0) {
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        if (Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
          return bytes;
        }
      }
    } catch (IllegalArgumentException e) {
      // named below, without the value
    }
    throw new ConfigurationException(
        "Setting "
            + config.key(key)
            + " is not valid base64url after "
            + BASE64URL_PREFIX
            + " (RFC 4648 §5, without padding)");
  }
}
