package dev.portcullis;

import java.util.Objects;

/**
 * A parsed {@code Authorization} field (RFC 9110 §11.6.2): the scheme and the credentials after it.
 * The filter parses the field once; authenticators read it through {@link
 * AuthenticationRequest#credentials(String)}.
 *
 * @param scheme the scheme as sent
 * @param credentials the text after the scheme and its separating space, possibly empty
 */
public record Authorization(String scheme, String credentials) {

  /**
   * Checks both parts are present.
   *
   * @param scheme the scheme as sent
   * @param credentials the text after the scheme, possibly empty
   */
  public Authorization {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(credentials, "credentials");
  }

  /**
   * Whether {@code value} is an RFC 9110 {@code token68}: ASCII letters, digits, {@code -._~+/} and
   * trailing {@code =} only.
   *
   * @param value a credential
   * @return true when it has token68 syntax
   */
  public static boolean isToken68(String value) {
    int n = value.length();
    int end = n;
    while (end > 0 && value.charAt(end - 1) == '=') {
      end--;
    }
    if (end == 0) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || c == '+'
              || c == '/';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses one field value: the scheme is the text before the first space, the credentials the rest
   * without surrounding spaces.
   *
   * @param value the field value
   * @return the parts
   */
  public static Authorization parse(String value) {
    String v = value.strip();
    int space = v.indexOf(' ');
    if (space < 0) {
      return new Authorization(v, "");
    }
    return new Authorization(v.substring(0, space), v.substring(space + 1).strip());
  }
}
