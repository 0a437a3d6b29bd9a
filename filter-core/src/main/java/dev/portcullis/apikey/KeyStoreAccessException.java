package dev.portcullis.apikey;

/**
 * A key store could not be changed: the database refused a statement, or the key file could not be
 * locked, written or renamed. The message names what failed, never a key or a hash.
 */
public final class KeyStoreAccessException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying error
   */
  public KeyStoreAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
