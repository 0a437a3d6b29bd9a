package dev.portcullis.grid;

/**
 * The cluster's data grid could not be reached, or could not take another entry safely. Callers
 * fail closed: the filter answers 503 with {@code Retry-After}. Unchecked, because every grid
 * operation can fail this way and nothing but the filter can handle it.
 *
 * <p>Messages never contain a key or a message.
 */
public final class GridUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, without keys or messages
   * @param cause the underlying failure, or null
   */
  public GridUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
