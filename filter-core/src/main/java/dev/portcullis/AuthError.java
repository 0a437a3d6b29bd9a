package dev.portcullis;

import java.util.Objects;
import java.util.Optional;

/**
 * An immutable refusal: the HTTP status, the RFC 6750 §3.1 error code and our own fixed
 * description. Values are checked against the RFC 6750 character rules when the error is built, so
 * rendering never escapes and never reflects request data.
 *
 * <p>Use the static factories; they pin the status that belongs to each error code.
 */
public final class AuthError {
  private final int status;
  private final String code;
  private final String description;
  private final String scope;
  private final String reason;

  private AuthError(int status, String code, String description, String scope, String reason) {
    this.status = status;
    this.code = code == null ? null : checkQuoted("error", code, false);
    this.description =
        description == null ? null : checkQuoted("error_description", description, true);
    this.scope = scope == null ? null : checkScope(scope);
    this.reason = reason != null ? checkReason(reason) : defaultReason(status, code);
  }

  private static String defaultReason(int status, String code) {
    if (code != null) {
      return code;
    }
    return status == 401 ? "no_credentials" : "forbidden";
  }

  /**
   * The same error with a finer reason code for audit lines and metrics. The reason never reaches
   * the client.
   *
   * @param reason lower-case letters, digits and {@code _}, for example {@code expired}
   * @return a copy with the reason
   */
  public AuthError withReason(String reason) {
    return new AuthError(status, code, description, scope, reason);
  }

  /**
   * The reason code for audit lines and metrics: the one given with {@link #withReason(String)},
   * else the error code, else {@code no_credentials} (401) or {@code forbidden} (403).
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  private static String checkReason(String reason) {
    if (reason.isEmpty()
        || !reason
            .chars()
            .allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      throw new IllegalArgumentException("A reason is lower-case letters, digits and '_'");
    }
    return reason;
  }

  /**
   * {@code 400 invalid_request}: the request is malformed (two credentials, two {@code
   * Authorization} fields, an empty token).
   *
   * @param description fixed, ASCII, header-safe text
   * @return the error
   */
  public static AuthError invalidRequest(String description) {
    return new AuthError(400, "invalid_request", description, null, null);
  }

  /**
   * {@code 401 invalid_token}: the credential is bad, expired, revoked, unknown or unbound.
   *
   * @param description fixed, ASCII, header-safe text
   * @return the error
   */
  public static AuthError invalidToken(String description) {
    return new AuthError(401, "invalid_token", description, null, null);
  }

  /**
   * {@code 401 invalid_dpop_proof}: the DPoP proof is missing, malformed, stale, replayed or signed
   * by another key than the token's (RFC 9449 §7.1).
   *
   * @param description fixed, ASCII, header-safe text
   * @return the error
   */
  public static AuthError invalidDpopProof(String description) {
    return new AuthError(401, "invalid_dpop_proof", description, null, null);
  }

  /**
   * {@code 401 use_dpop_nonce}: the DPoP proof must carry the nonce the response supplies in {@code
   * DPoP-Nonce} (RFC 9449 §9).
   *
   * @param description fixed, ASCII, header-safe text
   * @return the error
   */
  public static AuthError useDpopNonce(String description) {
    return new AuthError(401, "use_dpop_nonce", description, null, null);
  }

  /**
   * {@code 401} without an error code: the request has no credential for any enabled mechanism (RFC
   * 6750 §3.1). Rendered as the plain challenge of every enabled scheme.
   *
   * @return the error
   */
  public static AuthError unauthorized() {
    return new AuthError(401, null, null, null, null);
  }

  /**
   * {@code 403 insufficient_scope} with the scopes the resource needs (RFC 6750 §3.1).
   *
   * @param scope space-delimited scope tokens
   * @return the error
   */
  public static AuthError insufficientScope(String scope) {
    return new AuthError(
        403, "insufficient_scope", null, Objects.requireNonNull(scope, "scope"), null);
  }

  /**
   * {@code 403} without a challenge: a missing role, or a client certificate that is missing or
   * unacceptable where no challenge scheme exists (RFC 9110 §15.5.4).
   *
   * @return the error
   */
  public static AuthError forbidden() {
    return new AuthError(403, null, null, null, null);
  }

  /**
   * The HTTP status.
   *
   * @return 400, 401 or 403
   */
  public int status() {
    return status;
  }

  /**
   * The RFC 6750 error code, empty for {@link #forbidden()} and {@link #unauthorized()}.
   *
   * @return the code
   */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /**
   * The fixed human-readable description.
   *
   * @return the description, if any
   */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /**
   * The required scopes of an {@code insufficient_scope} error.
   *
   * @return the scope value, if any
   */
  public Optional<String> scope() {
    return Optional.ofNullable(scope);
  }

  /**
   * Whether the response carries {@code WWW-Authenticate} challenges.
   *
   * @return false only for {@link #forbidden()}
   */
  public boolean hasChallenge() {
    return status == 401 || code != null;
  }

  private static String checkQuoted(String name, String value, boolean allowSpace) {
    // RFC 6750 §3: %x20-21 / %x23-5B / %x5D-7E -- printable ASCII without '"' and '\'.
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c == ' ' && allowSpace) || (c > 0x20 && c <= 0x7E && c != '"' && c != '\\');
      if (!ok) {
        throw new IllegalArgumentException("Character not allowed in " + name + " at index " + i);
      }
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }

  private static String checkScope(String scope) {
    for (String token : scope.split(" ", -1)) {
      checkQuoted("scope", token, false);
    }
    return scope;
  }

  /** Equal when rendered alike: the reason, which never reaches the client, is not compared. */
  @Override
  public boolean equals(Object o) {
    return o instanceof AuthError e
        && status == e.status
        && Objects.equals(code, e.code)
        && Objects.equals(description, e.description)
        && Objects.equals(scope, e.scope);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, code, description, scope);
  }

  @Override
  public String toString() {
    return "AuthError[" + status + (code == null ? "" : " " + code) + "]";
  }
}
