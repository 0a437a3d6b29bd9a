package dev.portcullis;

/**
 * Cheap recognition of credential formats by their first characters, for {@link
 * Authenticator#claims}: no parsing, hashing or allocation.
 */
public final class CredentialShapes {
  /** The prefix of a Portcullis API key ({@code pc_<id>_<secret>}). */
  public static final String API_KEY_PREFIX = "pc_";

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
}
