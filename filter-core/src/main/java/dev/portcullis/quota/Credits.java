package dev.portcullis.quota;

import dev.portcullis.RequestAttributes;
import dev.portcullis.ServiceUnavailableException;

/**
 * The credit balance of a metered request, as the request attribute {@value #ATTRIBUTE}. The filter
 * has already taken the request's cost when the application sees it; a metered endpoint takes more
 * with {@link #charge} once it knows what the work cost (for example tokens generated), after or
 * while writing its response. Absent on requests whose subject is not metered and on filters
 * without quotas.
 *
 * <pre>
 * Credits credits = (Credits) request.getAttribute(Credits.ATTRIBUTE);
 * if (credits != null) {
 *   credits.charge(tokensGenerated);
 * }
 * </pre>
 */
public interface Credits {

  /** The request attribute under which the filter stores the request's credits. */
  String ATTRIBUTE = RequestAttributes.CREDITS;

  /**
   * What the balance belongs to.
   *
   * @return {@code key:<id>} or {@code principal:<name>}
   */
  String subject();

  /**
   * The balance after this request's last debit, as the database answered it.
   *
   * @return the credits left; negative after charges beyond the balance
   */
  long remaining();

  /**
   * The credits this request has taken so far, the filter's cost included.
   *
   * @return the credits taken
   */
  long spent();

  /**
   * Takes {@code cost} more credits only if the balance covers them, in one atomic statement.
   *
   * @param cost the credits, 0 to {@link Balance#MAX_AMOUNT}
   * @return whether they were taken
   * @throws ServiceUnavailableException when the database cannot be reached in time
   * @throws IllegalArgumentException when {@code cost} is out of range
   */
  boolean tryDebit(long cost) throws ServiceUnavailableException;

  /**
   * Takes {@code cost} more credits whatever the balance, for work already done: the balance may go
   * negative, and then refuses later requests until refills cover it.
   *
   * @param cost the credits, 0 to {@link Balance#MAX_AMOUNT}
   * @return the balance left
   * @throws ServiceUnavailableException when the database cannot be reached in time
   * @throws IllegalArgumentException when {@code cost} is out of range
   */
  long charge(long cost) throws ServiceUnavailableException;
}
