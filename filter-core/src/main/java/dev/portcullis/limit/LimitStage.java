package dev.portcullis.limit;

import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * One check of the limit stage, run for every authenticated request that passed authorization, in
 * the order of {@link LimitStageFactory#order()}. The first refusal ends the stage: later stages do
 * not run (so a rate-limited request spends no credits).
 */
public interface LimitStage extends AutoCloseable {

  /**
   * Admits or refuses a request. Must be thread-safe and must not block for longer than its back
   * end's bounded timeout.
   *
   * @param request the request, with the identity established; a stage may set request attributes
   *     (for example an API the application calls later)
   * @param identity who the request acts as, never null
   * @return {@link Admission.Admitted} with the header fields to add to the answer, or {@link
   *     Admission.Refused}
   * @throws ServiceUnavailableException when the stage's back end cannot be reached: the filter
   *     answers 503 with {@code Retry-After}, never lets the request through
   */
  Admission admit(HttpServletRequest request, Identity identity) throws ServiceUnavailableException;

  /** Releases what the stage holds; the default holds nothing. */
  @Override
  default void close() {}
}
