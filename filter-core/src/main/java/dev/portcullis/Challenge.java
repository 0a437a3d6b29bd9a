package dev.portcullis;

import java.util.Objects;

/**
 * An HTTP authentication challenge ({@code WWW-Authenticate}, RFC 9110 §11.6.1): a scheme and its
 * realm. This class is the only renderer of the header in Portcullis.
 *
 * @param scheme the authentication scheme, a token such as {@code Bearer} or {@code ApiKey}
 * @param realm the protection space, header-safe text
 */
public record Challenge(String scheme, String realm) {

  /** Checks the scheme is an RFC 9110 token and the realm is header-safe. */
  public Challenge {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(realm, "realm");
    if (scheme.isEmpty() || !scheme.chars().allMatch(Challenge::isTokenChar)) {
      throw new IllegalArgumentException("Scheme is not an RFC 9110 token");
    }
    if (!realm.chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != '"' && c != '\\')) {
      throw new IllegalArgumentException("Realm must be printable ASCII without '\"' or '\\'");
    }
  }

  /**
   * Renders the plain challenge, for example {@code Bearer realm="api"}.
   *
   * @return the header value
   */
  public String render() {
    return scheme + " realm=\"" + realm + "\"";
  }

  /**
   * Renders the challenge with an error (RFC 6750 §3), for example {@code Bearer realm="api",
   * error="invalid_token", error_description="The access token is invalid"}.
   *
   * @param error the error; when it has no code the plain challenge is rendered
   * @return the header value
   */
  public String render(AuthError error) {
    StringBuilder value = new StringBuilder(render());
    error.code().ifPresent(c -> value.append(", error=\"").append(c).append('"'));
    error
        .description()
        .ifPresent(d -> value.append(", error_description=\"").append(d).append('"'));
    error.scope().ifPresent(s -> value.append(", scope=\"").append(s).append('"'));
    return value.toString();
  }

  /**
   * Whether {@code c} is an RFC 9110 {@code tchar}.
   *
   * @param c a character
   * @return true for token characters
   */
  static boolean isTokenChar(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
