package dev.portcullis.quota;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of a debit.
 *
 * @param outcome what happened
 * @param remaining the balance after the debit ({@link Outcome#DEBITED}) or the balance available
 *     that was not enough ({@link Outcome#INSUFFICIENT}); 0 for {@link Outcome#UNMETERED}
 * @param retryAfter for {@link Outcome#INSUFFICIENT}: when refills make the cost available; empty
 *     when they never do (or for the other outcomes)
 */
public record Debit(Outcome outcome, long remaining, Optional<Duration> retryAfter) {

  /** What a debit did. */
  public enum Outcome {
    /** The cost was taken from the balance. */
    DEBITED,
    /** The balance did not cover the cost; nothing was taken. */
    INSUFFICIENT,
    /** The subject has no balance: it is not metered. */
    UNMETERED
  }

  /** The outcome of a subject without a balance. */
  public static final Debit UNMETERED = new Debit(Outcome.UNMETERED, 0, Optional.empty());

  /**
   * A debit that was made.
   *
   * @param remaining the balance after it
   * @return the outcome
   */
  public static Debit debited(long remaining) {
    return new Debit(Outcome.DEBITED, remaining, Optional.empty());
  }

  /**
   * A debit refused for want of credits.
   *
   * @param available the credits that were available
   * @param retryAfter when refills make the cost available, empty for never
   * @return the outcome
   */
  public static Debit insufficient(long available, Optional<Duration> retryAfter) {
    return new Debit(Outcome.INSUFFICIENT, available, retryAfter);
  }
}
