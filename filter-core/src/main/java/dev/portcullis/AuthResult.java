package dev.portcullis;

import java.util.Objects;

/**
 * The outcome of {@link Authenticator#authenticate}: authenticated, not attempted (the request
 * carries no credential for this mechanism), or rejected (a credential was presented and is not
 * acceptable).
 */
public sealed interface AuthResult {

  /**
   * The credential is valid.
   *
   * @param identity who the request acts as
   */
  record Authenticated(Identity identity) implements AuthResult {
    /**
     * Checks the identity is present.
     *
     * @param identity who the request acts as
     */
    public Authenticated {
      Objects.requireNonNull(identity, "identity");
    }
  }

  /** The request carries no credential for this mechanism; the next one may try. */
  record NotAttempted() implements AuthResult {}

  /**
   * The credential was examined and refused.
   *
   * @param error the status and challenge error to respond with
   */
  record Rejected(AuthError error) implements AuthResult {
    /**
     * Checks the error is present.
     *
     * @param error the status and challenge error to respond with
     */
    public Rejected {
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * Shorthand for {@code new Authenticated(identity)}.
   *
   * @param identity the identity
   * @return an authenticated result
   */
  static AuthResult authenticated(Identity identity) {
    return new Authenticated(identity);
  }

  /**
   * The shared not-attempted result.
   *
   * @return a not-attempted result
   */
  static AuthResult notAttempted() {
    return NotAttemptedHolder.INSTANCE;
  }

  /**
   * Shorthand for {@code new Rejected(error)}.
   *
   * @param error the error
   * @return a rejected result
   */
  static AuthResult rejected(AuthError error) {
    return new Rejected(error);
  }
}

/** Holds the single {@link AuthResult.NotAttempted} instance. */
final class NotAttemptedHolder {
  static final AuthResult INSTANCE = new AuthResult.NotAttempted();

  private NotAttemptedHolder() {}
}
