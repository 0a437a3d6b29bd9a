package dev.portcullis.limit;

import dev.portcullis.Identity;
import java.util.Map;

/**
 * The stable id of the credential behind an identity, for keying limits: the same credential gives
 * the same id on every request and every node, and two credentials never share one unless they are
 * the same client. In order of preference:
 *
 * <ol>
 *   <li>an API key's id (attribute {@value #KEY_ID}): {@code key:<id>};
 *   <li>an OAuth client: a JWT's {@code client_id} claim or an introspection answer's {@code
 *       client_id}: {@code client:<client_id>};
 *   <li>a JWT's {@code sub} claim: {@code sub:<sub>};
 *   <li>a client certificate's RFC 8705 thumbprint: {@code x5t:<thumbprint>};
 *   <li>otherwise the mechanism and principal name: {@code <mechanism>:<name>} (an opaque token
 *       without {@code client_id} is keyed by its subject).
 * </ol>
 */
public final class CredentialId {
  /** The identity attribute holding an API key's id. */
  public static final String KEY_ID = "keyId";

  /** The identity attribute holding a JWT's claims. */
  public static final String CLAIMS = "claims";

  /** The claim or attribute naming an OAuth client. */
  public static final String CLIENT_ID = "client_id";

  private CredentialId() {}

  /**
   * The stable id of {@code identity}'s credential.
   *
   * @param identity an authenticated identity
   * @return the id, prefixed by its kind
   */
  public static String of(Identity identity) {
    Map<String, Object> attributes = identity.attributes();
    if (attributes.get(KEY_ID) instanceof String id) {
      return "key:" + id;
    }
    Map<?, ?> claims = attributes.get(CLAIMS) instanceof Map<?, ?> m ? m : Map.of();
    if (claims.get(CLIENT_ID) instanceof String client) {
      return "client:" + client;
    }
    if (attributes.get(CLIENT_ID) instanceof String client) {
      return "client:" + client;
    }
    if (claims.get("sub") instanceof String sub) {
      return "sub:" + sub;
    }
    if (attributes.get(Identity.CERTIFICATE_THUMBPRINT) instanceof String thumbprint) {
      return "x5t:" + thumbprint;
    }
    return identity.mechanism() + ":" + identity.getName();
  }

  /**
   * A claim of a token identity, or else an attribute of that name, as text.
   *
   * @param identity an identity
   * @param name the claim or attribute name, for example {@code tenant_id}
   * @return the value, or null when absent or not a string or number
   */
  public static String claim(Identity identity, String name) {
    Object value =
        identity.attributes().get(CLAIMS) instanceof Map<?, ?> claims && claims.get(name) != null
            ? claims.get(name)
            : identity.attributes().get(name);
    return value instanceof String || value instanceof Number ? value.toString() : null;
  }
}
