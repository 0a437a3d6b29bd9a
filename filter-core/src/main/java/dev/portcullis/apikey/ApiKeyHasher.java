package dev.portcullis.apikey;

import dev.portcullis.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes keys for storage and comparison: {@code sha256:<base64url>} by default, or {@code
 * hmac-sha256:<base64url>} with a server-side pepper, so a stolen key file alone cannot be used to
 * test guesses offline.
 */
final class ApiKeyHasher {
  static final int MIN_PEPPER_LENGTH = 32;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecretKeySpec pepper;

  private ApiKeyHasher(byte[] pepper) {
    this.pepper = pepper == null ? null : new SecretKeySpec(pepper, "HmacSHA256");
  }

  static ApiKeyHasher sha256() {
    return new ApiKeyHasher(null);
  }

  static ApiKeyHasher hmac(String pepper) {
    return new ApiKeyHasher(pepper.getBytes(StandardCharsets.UTF_8));
  }

  /** The stored form of {@code key}. */
  String hash(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    if (pepper == null) {
      return "sha256:" + Fingerprint.of(bytes);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(pepper);
      return "hmac-sha256:" + BASE64URL.encodeToString(mac.doFinal(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }

  /** Constant-time comparison of two stored forms. */
  static boolean matches(String expected, String actual) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
  }
}
