package dev.portcullis;

/**
 * Cheap recognition of credential formats by their first characters, for {@link
 * Authenticator#claims}: no parsing, hashing or allocation.
 */
public final class CredentialShapes {
  /** The prefix of a Portcullis API key ({@code pc_<id>_<secret>}). */
  public static final String API_KEY_PREFIX = "pc_";

  private static final int SHA256_BASE64URL_LENGTH = 43;
  private static final String LAST_WITHOUT_UNUSED_BITS = "AEIMQUYcgkosw048";

  private CredentialShapes() {}

  /**
   * Whether the credential has the form of a Portcullis API key: it starts with {@value
   * #API_KEY_PREFIX}. A malformed or truncated key counts too, so that it is never sent elsewhere.
   *
   * @param credential the credential as sent
   * @return true for an API-key-shaped credential
   */
  public static boolean apiKey(String credential) {
    return credential.startsWith(API_KEY_PREFIX);
  }

  /**
   * Whether a value has the form of a base64url SHA-256 thumbprint (RFC 7638, RFC 8705): 43
   * characters of the base64url alphabet, the last one with no unused bits set.
   *
   * @param value a {@code cnf} member's value
   * @return true for a canonical 32-byte base64url value
   */
  public static boolean sha256Thumbprint(String value) {
    if (value.length() != SHA256_BASE64URL_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_')) {
        return false;
      }
    }
    // 43 characters carry 258 bits: the last character's two low bits are unused and must be 0
    return LAST_WITHOUT_UNUSED_BITS.indexOf(value.charAt(value.length() - 1)) >= 0;
  }
}
