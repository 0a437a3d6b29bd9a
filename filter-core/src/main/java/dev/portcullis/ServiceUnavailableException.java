package dev.portcullis;

/**
 * A back end needed to decide about a credential (authorization server, JWKS endpoint, key store)
 * could not be reached or gave an unusable answer. The filter answers {@code 503} with {@code
 * Retry-After} and no {@code WWW-Authenticate} error: an outage is never the client's fault.
 *
 * <p>Messages must never contain a credential.
 */
public final class ServiceUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was unavailable, without any credential
   */
  public ServiceUnavailableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was unavailable, without any credential
   * @param cause the underlying failure
   */
  public ServiceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
