package dev.portcullis;

import jakarta.servlet.ServletContext;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cheap recognition of credential formats by their first characters, for {@link
 * Authenticator#claims}: no parsing, hashing or allocation.
 */
public final class CredentialShapes {
  /** The prefix of a Portcullis API key ({@code pc_<id>_<secret>}). */
  public static final String API_KEY_PREFIX = "pc_";

  private static final int SHA256_BASE64URL_LENGTH = 43;
  private static final String LAST_WITHOUT_UNUSED_BITS = "AEIMQUYcgkosw048";

  /** The servlet context attribute holding the application's {@link KeyShapes}. */
  public static final String KEY_SHAPES = "dev.portcullis.keyShapes";

  private CredentialShapes() {}

  /**
   * The API-key shapes of one web application, shared by all its filters: every prefix that an
   * {@code apiKey} mechanism of any filter accepts (its own, imported and ephemeral keys), plus
   * {@value #API_KEY_PREFIX}. A mechanism that must never be handed a key ({@code jwt}, {@code
   * introspection}) asks it, so a key with an operator's prefix is not sent to an authorization
   * server by a filter that has no {@code apiKey} mechanism itself (a later filter of a layered
   * application, for one). Filters add to it as they start, in any order; a request reads it.
   */
  public static final class KeyShapes {
    private volatile String[] prefixes = {API_KEY_PREFIX};

    private KeyShapes() {}

    /**
     * Adds prefixes of API keys.
     *
     * @param more the prefixes
     */
    public synchronized void add(Collection<String> more) {
      Set<String> all = new LinkedHashSet<>(List.of(prefixes));
      all.addAll(more);
      prefixes = all.toArray(String[]::new);
    }

    /**
     * Whether the credential has the shape of an API key of this application.
     *
     * @param credential the credential as sent
     * @return true when it starts with one of the prefixes
     */
    public boolean recognises(String credential) {
      for (String prefix : prefixes) {
        if (credential.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The key shapes of a web application, created on first use; outside a container, shapes of their
   * own holding only {@value #API_KEY_PREFIX}.
   *
   * @param context the web application, if any
   * @return its key shapes
   */
  public static KeyShapes keyShapes(Optional<ServletContext> context) {
    if (context.isEmpty()) {
      return new KeyShapes();
    }
    synchronized (CredentialShapes.class) {
      if (context.get().getAttribute(KEY_SHAPES) instanceof KeyShapes shapes) {
        return shapes;
      }
      KeyShapes shapes = new KeyShapes();
      context.get().setAttribute(KEY_SHAPES, shapes);
      return shapes;
    }
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
