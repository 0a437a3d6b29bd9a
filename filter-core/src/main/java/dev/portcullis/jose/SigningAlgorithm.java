package dev.portcullis.jose;

import java.util.Optional;

/**
 * The JWS algorithms Portcullis can be configured to accept (RFC 7518 §3, RFC 8037), with the key
 * type each needs. {@code none} is deliberately absent.
 */
public enum SigningAlgorithm {
  /** RSASSA-PKCS1-v1_5 with SHA-256. */
  RS256("RSA", null, 0),
  /** RSASSA-PKCS1-v1_5 with SHA-384. */
  RS384("RSA", null, 0),
  /** RSASSA-PKCS1-v1_5 with SHA-512. */
  RS512("RSA", null, 0),
  /** RSASSA-PSS with SHA-256. */
  PS256("RSA", null, 0),
  /** RSASSA-PSS with SHA-384. */
  PS384("RSA", null, 0),
  /** RSASSA-PSS with SHA-512. */
  PS512("RSA", null, 0),
  /** ECDSA on P-256 with SHA-256. */
  ES256("EC", "P-256", 32),
  /** ECDSA on P-384 with SHA-384. */
  ES384("EC", "P-384", 48),
  /** ECDSA on P-521 with SHA-512. */
  ES512("EC", "P-521", 66),
  /** EdDSA (Ed25519 or Ed448, RFC 8037). */
  EdDSA("OKP", null, 0),
  /** HMAC with SHA-256. */
  HS256("oct", null, 32),
  /** HMAC with SHA-384. */
  HS384("oct", null, 48),
  /** HMAC with SHA-512. */
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
  public static Optional<SigningAlgorithm> byName(String name) {
    for (SigningAlgorithm a : values()) {
      if (a.name().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /**
   * The JWK {@code kty} this algorithm needs.
   *
   * @return {@code RSA}, {@code EC}, {@code OKP} or {@code oct}
   */
  public String keyType() {
    return keyType;
  }

  /**
   * The JWK {@code crv} of an ECDSA algorithm.
   *
   * @return the curve name, else null
   */
  public String curve() {
    return curve;
  }

  /**
   * Whether this is an HMAC algorithm that needs a configured shared secret.
   *
   * @return true for {@code HS*}
   */
  public boolean symmetric() {
    return "oct".equals(keyType);
  }

  /**
   * Whether this is ECDSA, whose signatures get range checks before verification.
   *
   * @return true for {@code ES*}
   */
  public boolean ecdsa() {
    return "EC".equals(keyType);
  }

  /**
   * For HMAC the minimum secret length in bytes (the hash length, RFC 7518 §3.2); for ECDSA the
   * length of each of r and s.
   *
   * @return the size in bytes, 0 for other algorithms
   */
  public int size() {
    return size;
  }
}
