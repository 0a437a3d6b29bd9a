package dev.portcullis.config;

/**
 * A setting is unknown, missing, malformed or contradicts another. Thrown while a filter starts, so
 * deployment stops. The message names the key and shows the value in brackets, except for secrets,
 * which are never echoed.
 */
public final class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message names the key and the value in brackets, never a secret
   */
  public ConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message names the key and the value in brackets, never a secret
   * @param cause the underlying failure
   */
  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
