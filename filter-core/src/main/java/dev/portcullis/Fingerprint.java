package dev.portcullis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SHA-256 fingerprints of credentials: cache keys and log values that never reveal the secret. */
public final class Fingerprint {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final int LOG_LENGTH = 12;

  private Fingerprint() {}

  /**
   * The base64url SHA-256 of the UTF-8 bytes of {@code credential}.
   *
   * @param credential a secret
   * @return 43 base64url characters
   */
  public static String of(String credential) {
    return of(credential.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The base64url SHA-256 of {@code bytes}.
   *
   * @param bytes the input
   * @return 43 base64url characters
   */
  public static String of(byte[] bytes) {
    return BASE64URL.encodeToString(sha256(bytes));
  }

  /**
   * A short prefix of a fingerprint for log lines.
   *
   * @param fingerprint a value from {@link #of(String)}
   * @return the first 12 characters
   */
  public static String forLog(String fingerprint) {
    return fingerprint.substring(0, Math.min(LOG_LENGTH, fingerprint.length()));
  }

  /**
   * SHA-256 of {@code bytes}.
   *
   * @param bytes the input
   * @return the 32-byte digest
   */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
