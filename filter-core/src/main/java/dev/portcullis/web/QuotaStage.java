package dev.portcullis.web;

import dev.portcullis.Identity;
import dev.portcullis.RequestAttributes;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.limit.Admission;
import dev.portcullis.limit.CredentialId;
import dev.portcullis.limit.LimitStage;
import dev.portcullis.quota.Debit;
import dev.portcullis.quota.QuotaSettings;
import dev.portcullis.quota.QuotaStore;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Map;

/**
 * The quota limit stage: takes the endpoint's cost from the subject's balance after authentication,
 * authorization and rate limits, before the application runs. Admitted answers carry {@value
 * #REMAINING_HEADER} and the request carries {@link dev.portcullis.quota.Credits}; out of credits
 * is 429 (or 402) {@code insufficient_quota}; a store that cannot be reached is a {@link
 * ServiceUnavailableException} (503), never a free pass.
 */
final class QuotaStage implements LimitStage {
  /** The response field with the balance left after the request's cost was taken. */
  static final String REMAINING_HEADER = "Credits-Remaining";

  /** The body's error code and the audit reason of a refusal. */
  static final String INSUFFICIENT_QUOTA = "insufficient_quota";

  private final QuotaSettings settings;
  private final QuotaStore store;

  QuotaStage(QuotaSettings settings, QuotaStore store) {
    this.settings = settings;
    this.store = store;
  }

  /** What the subject of an identity's balance is. */
  String subject(Identity identity) {
    return settings.perPrincipal() ? "principal:" + identity.getName() : CredentialId.of(identity);
  }

  /** The cost of a request: the first {@code quota.costs} entry that matches, else the default. */
  long cost(HttpServletRequest request) {
    if (settings.costs().isEmpty()) {
      return settings.cost();
    }
    // the filter refused ambiguous paths before; the canonical path is the one it decided on
    String path = CanonicalPath.of(request.getRequestURI(), request.getContextPath());
    for (QuotaSettings.EndpointCost entry : settings.costs()) {
      if ((entry.method() == null || entry.method().equalsIgnoreCase(request.getMethod()))
          && path != null
          && FilterSettings.matches(entry.path(), path)) {
        return entry.cost();
      }
    }
    return settings.cost();
  }

  @Override
  public Admission admit(HttpServletRequest request, Identity identity)
      throws ServiceUnavailableException {
    String subject = subject(identity);
    long cost = cost(request);
    Debit debit = store.debit(subject, cost);
    if (debit.outcome() == Debit.Outcome.DEBITED) {
      request.setAttribute(
          RequestAttributes.CREDITS, new RequestCredits(store, subject, debit.remaining(), cost));
      request.setAttribute(RequestAttributes.QUOTA, this);
      return new Admission.Admitted(Map.of(REMAINING_HEADER, Long.toString(debit.remaining())));
    }
    return judge(debit);
  }

  /**
   * Raises the credits a request has spent to {@code cost} (an endpoint's annotated cost), taking
   * only what the filter did not take already; never gives credits back.
   */
  Admission raise(RequestCredits credits, long cost) throws ServiceUnavailableException {
    long more = cost - credits.spent();
    return more <= 0 ? Admission.ADMITTED : judge(credits.take(more));
  }

  /** Admitted, or the refusal of a debit that took nothing. */
  private Admission judge(Debit debit) {
    if (debit.outcome() == Debit.Outcome.DEBITED
        || debit.outcome() == Debit.Outcome.UNMETERED && !settings.refuseUnlisted()) {
      return Admission.ADMITTED;
    }
    long retryAfter = debit.retryAfter().map(QuotaStage::seconds).orElse(0L);
    return new Admission.Refused(
        settings.exhaustedStatus(),
        INSUFFICIENT_QUOTA,
        INSUFFICIENT_QUOTA,
        retryAfter,
        Map.of(REMAINING_HEADER, Long.toString(Math.max(0, debit.remaining()))));
  }

  /** Whole seconds, rounded up, at least 1 (RFC 9110 §10.2.3 has no fractions). */
  private static long seconds(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  @Override
  public void close() {
    store.close();
  }
}
