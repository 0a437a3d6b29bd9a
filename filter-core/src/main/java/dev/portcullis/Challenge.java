package dev.portcullis;

import java.util.Objects;

/**
 * An HTTP authentication challenge ({@code WWW-Authenticate}, RFC 9110 §11.6.1): a scheme, its
 * realm, optionally the RFC 9728 {@code resource_metadata} URL and the RFC 9449 {@code algs} of a
 * DPoP challenge. This class is the only renderer of the header in Portcullis.
 *
 * @param scheme the authentication scheme, a token such as {@code Bearer} or {@code ApiKey}
 * @param realm the protection space, header-safe text
 * @param resourceMetadata the protected resource metadata URL (RFC 9728 §5.1), or null
 * @param algs space-separated JWS algorithm names (RFC 9449 §7.1), or null
 */
public record Challenge(String scheme, String realm, String resourceMetadata, String algs) {

  /**
   * Checks the scheme is an RFC 9110 token and the realm and URL are header-safe.
   *
   * @param scheme the authentication scheme
   * @param realm the protection space
   * @param resourceMetadata the protected resource metadata URL, or null
   * @param algs space-separated algorithm names, or null
   */
  public Challenge {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(realm, "realm");
    if (scheme.isEmpty() || !scheme.chars().allMatch(Challenge::isTokenChar)) {
      throw new IllegalArgumentException("Scheme is not an RFC 9110 token");
    }
    if (!quotable(realm)) {
      throw new IllegalArgumentException("Realm must be printable ASCII without '\"' or '\\'");
    }
    if (resourceMetadata != null && (resourceMetadata.isEmpty() || !quotable(resourceMetadata))) {
      throw new IllegalArgumentException(
          "Resource metadata URL must be printable ASCII without '\"' or '\\'");
    }
    if (algs != null
        && (algs.isEmpty()
            || !algs.chars().allMatch(c -> c == ' ' || isTokenChar(c))
            || algs.startsWith(" ")
            || algs.endsWith(" "))) {
      throw new IllegalArgumentException("algs must be space-separated tokens");
    }
  }

  /**
   * A challenge without resource metadata.
   *
   * @param scheme the authentication scheme
   * @param realm the protection space
   */
  public Challenge(String scheme, String realm) {
    this(scheme, realm, null, null);
  }

  /**
   * A challenge with resource metadata.
   *
   * @param scheme the authentication scheme
   * @param realm the protection space
   * @param resourceMetadata the protected resource metadata URL, or null
   */
  public Challenge(String scheme, String realm, String resourceMetadata) {
    this(scheme, realm, resourceMetadata, null);
  }

  /**
   * The same challenge announcing the accepted DPoP proof algorithms (RFC 9449 §7.1).
   *
   * @param names space-separated algorithm names
   * @return the challenge with {@code algs}
   */
  public Challenge withAlgorithms(String names) {
    return new Challenge(scheme, realm, resourceMetadata, names);
  }

  /**
   * The same challenge pointing at protected resource metadata (RFC 9728 §5.1).
   *
   * @param url the metadata URL
   * @return the challenge with {@code resource_metadata}
   */
  public Challenge withResourceMetadata(String url) {
    return new Challenge(scheme, realm, url, algs);
  }

  private static boolean quotable(String value) {
    return value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != '"' && c != '\\');
  }

  /**
   * Renders the plain challenge, for example {@code Bearer realm="api"}.
   *
   * @return the header value
   */
  public String render() {
    return render(AuthError.unauthorized());
  }

  /**
   * Renders the challenge with an error (RFC 6750 §3), for example {@code Bearer realm="api",
   * error="invalid_token", error_description="The access token is invalid"}.
   *
   * @param error the error; when it has no code the plain challenge is rendered
   * @return the header value
   */
  public String render(AuthError error) {
    StringBuilder value = new StringBuilder(scheme).append(" realm=\"").append(realm).append('"');
    error.code().ifPresent(c -> value.append(", error=\"").append(c).append('"'));
    error
        .description()
        .ifPresent(d -> value.append(", error_description=\"").append(d).append('"'));
    error.scope().ifPresent(s -> value.append(", scope=\"").append(s).append('"'));
    if (algs != null) {
      value.append(", algs=\"").append(algs).append('"');
    }
    if (resourceMetadata != null) {
      value.append(", resource_metadata=\"").append(resourceMetadata).append('"');
    }
    return value.toString();
  }

  /**
   * Whether {@code c} is an RFC 9110 {@code tchar}.
   *
   * @param c a character
   * @return true for token characters
   */
  public static boolean isTokenChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
