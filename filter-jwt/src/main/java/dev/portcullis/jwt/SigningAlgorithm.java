package dev.portcullis.jwt;

import java.util.Optional;

/**
 * The JWS algorithms Portcullis can be configured to accept (RFC 7518 §3, RFC 8037), with the key
 * type each needs. {@code none} is deliberately absent.
 */
enum SigningAlgorithm {
  RS256("RSA", null, 0),
  RS384("RSA", null, 0),
  RS512("RSA", null, 0),
  PS256("RSA", null, 0),
  PS384("RSA", null, 0),
  PS512("RSA", null, 0),
  ES256("EC", "P-256", 32),
  ES384("EC", "P-384", 48),
  ES512("EC", "P-521", 66),
  EdDSA("OKP", null, 0),
  HS256("oct", null, 32),
  HS384("oct", null, 48),
  HS512("oct", null, 64);

  private final String keyType;
  private final String curve;
  private final int size;

  SigningAlgorithm(String keyType, String curve, int size) {
    this.keyType = keyType;
    this.curve = curve;
    this.size = size;
  }

  /**
   * Finds an algorithm by its exact JWS name.
   *
   * @param name for example {@code RS256}
   * @return the algorithm, empty for unknown names and {@code none}
   */
  static Optional<SigningAlgorithm> byName(String name) {
    for (SigningAlgorithm a : values()) {
      if (a.name().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The JWK {@code kty} this algorithm needs. */
  String keyType() {
    return keyType;
  }

  /** The JWK {@code crv} of an ECDSA algorithm, else null. */
  String curve() {
    return curve;
  }

  /** Whether this is an HMAC algorithm that needs a configured shared secret. */
  boolean symmetric() {
    return "oct".equals(keyType);
  }

  /** Whether this is ECDSA, whose signatures get range checks before verification. */
  boolean ecdsa() {
    return "EC".equals(keyType);
  }

  /**
   * For HMAC the minimum secret length in bytes (the hash length, RFC 7518 §3.2); for ECDSA the
   * length of each of r and s.
   */
  int size() {
    return size;
  }
}
