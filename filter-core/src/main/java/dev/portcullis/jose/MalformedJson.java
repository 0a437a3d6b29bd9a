package dev.portcullis.jose;

/**
 * The input is not acceptable JSON for {@link StrictJson}; the message is ours, never the input.
 */
public final class MalformedJson extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the failure.
   *
   * @param why our own description, never the input
   */
  public MalformedJson(String why) {
    super(why, null, false, false);
  }
}
