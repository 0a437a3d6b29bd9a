package dev.portcullis.quota;

import dev.portcullis.ServiceUnavailableException;
import java.util.Optional;

/**
 * Where credit balances live. Implementations must be thread-safe and must make each {@link #debit}
 * atomic across every node that shares the balances: two requests can never both spend the same
 * credit. A failing back end raises {@link ServiceUnavailableException}; it is never a free pass.
 */
public interface QuotaStore extends AutoCloseable {

  /**
   * Takes {@code cost} credits from the subject's balance if the balance (refills included) covers
   * it, else takes nothing.
   *
   * @param subject {@code key:<id>} or {@code principal:<name>}
   * @param cost the credits to take, 0 to {@link Balance#MAX_AMOUNT}
   * @return debited with the balance left, insufficient, or unmetered when the subject has none
   * @throws ServiceUnavailableException when the store cannot be reached in time
   */
  Debit debit(String subject, long cost) throws ServiceUnavailableException;

  /**
   * Takes {@code cost} credits whatever the balance, which may go negative (down to {@code -}{@link
   * Balance#MAX_AMOUNT}): for work already done, such as tokens generated for a response that has
   * been sent. A negative balance refuses requests until refills cover it.
   *
   * @param subject {@code key:<id>} or {@code principal:<name>}
   * @param cost the credits to take, 0 to {@link Balance#MAX_AMOUNT}
   * @return debited with the balance left, or unmetered when the subject has no balance
   * @throws ServiceUnavailableException when the store cannot be reached in time
   */
  Debit charge(String subject, long cost) throws ServiceUnavailableException;

  /**
   * Reads a subject's balance as stored, without refilling it.
   *
   * @param subject {@code key:<id>} or {@code principal:<name>}
   * @return the balance, empty when the subject is not metered
   * @throws ServiceUnavailableException when the store cannot be reached in time
   */
  Optional<Balance> balance(String subject) throws ServiceUnavailableException;

  /** Releases resources. The default does nothing. */
  @Override
  default void close() {}
}
