package dev.portcullis.web;

import dev.portcullis.Identity;
import dev.portcullis.RequestAttributes;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.Config;
import dev.portcullis.config.DataSources;
import dev.portcullis.config.Environment;
import dev.portcullis.quota.Debit;
import dev.portcullis.quota.JdbcQuotaStore;
import dev.portcullis.quota.QuotaSettings;
import dev.portcullis.quota.QuotaStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Meters authenticated requests: takes the endpoint's cost from the subject's balance after
 * authentication and authorization, before the application runs. On success the answer carries
 * {@value #REMAINING_HEADER} and the request carries {@link dev.portcullis.quota.Credits}; out of
 * credits is 429 (or 402) {@code insufficient_quota}; a store that cannot be reached is 503, never
 * a free pass.
 */
final class QuotaStage {
  /** The response field with the balance left after the request's cost was taken. */
  static final String REMAINING_HEADER = "Credits-Remaining";

  private static final System.Logger LOG = System.getLogger(AuthenticationFilter.class.getName());

  /** The name under which the store's outages are audited and counted. */
  static final String MECHANISM = "quota";

  private final QuotaSettings settings;
  private final QuotaStore store;
  private final Duration retryAfter;

  QuotaStage(QuotaSettings settings, QuotaStore store, Duration retryAfter) {
    this.settings = settings;
    this.store = store;
    this.retryAfter = retryAfter;
  }

  /**
   * Reads the {@code quota.} settings and opens the store.
   *
   * @return the stage, or null when quotas are off
   */
  static QuotaStage create(Config config, Environment environment, Duration retryAfter) {
    Config quota = config.child(QuotaSettings.PREFIX);
    Optional<QuotaSettings> settings = QuotaSettings.from(quota);
    if (settings.isEmpty()) {
      return null;
    }
    QuotaSettings s = settings.get();
    LOG.log(
        System.Logger.Level.INFO,
        "Quotas: dataSource={0}, table={1}, per={2}, unlisted={3}, cost={4}, costs={5},"
            + " exhaustedStatus={6}, queryTimeout={7}s, maxWaiting={8}",
        s.dataSource(),
        s.table(),
        s.perPrincipal() ? "principal" : "key",
        s.refuseUnlisted() ? "refuse" : "allow",
        s.cost(),
        s.costs().size(),
        s.exhaustedStatus(),
        s.queryTimeoutSeconds(),
        s.maxWaiting());
    return new QuotaStage(
        s,
        JdbcQuotaStore.create(
            DataSources.lookup(quota, QuotaSettings.DATA_SOURCE, s.dataSource()),
            s,
            environment.clock()),
        retryAfter);
  }

  /** What the subject of an identity's balance is. */
  String subject(Identity identity) {
    Object keyId = identity.attributes().get(Identity.KEY_ID);
    if (!settings.perPrincipal() && keyId instanceof String id) {
      return "key:" + id;
    }
    return "principal:" + identity.getName();
  }

  /** The cost of a request by method and canonical path: the first matching entry, else default. */
  long cost(String method, String path) {
    for (QuotaSettings.EndpointCost entry : settings.costs()) {
      if ((entry.method() == null || entry.method().equalsIgnoreCase(method))
          && FilterSettings.matches(entry.path(), path)) {
        return entry.cost();
      }
    }
    return settings.cost();
  }

  /**
   * Meters a request the filter lets through, when this filter established its identity (a filter
   * that only authorizes an earlier filter's identity does not debit it again).
   *
   * @return whether to go on; when not, the refusal or the 503 has been written and audited
   */
  boolean meter(
      HttpServletRequest request,
      HttpServletResponse response,
      Decision.Proceed proceed,
      String path,
      Audit audit)
      throws IOException {
    Identity identity = proceed.identity();
    if (identity == null || proceed.established() == null) {
      return true;
    }
    try {
      Optional<Refusal> refusal = admit(request, response, identity, path);
      if (refusal.isEmpty()) {
        return true;
      }
      audit.exhausted(identity, refusal.get().status(), request);
      Responses.write(response, refusal.get());
    } catch (ServiceUnavailableException e) {
      audit.unavailable(
          new Decision.Unavailable(e, MECHANISM, identity.fingerprint().orElse(null)), request);
      Responses.unavailable(response, retryAfter);
    }
    return false;
  }

  /**
   * Takes the request's cost.
   *
   * @return empty to proceed (the header and attributes are set), else the refusal to send
   * @throws ServiceUnavailableException when the store cannot be reached in time
   */
  Optional<Refusal> admit(
      HttpServletRequest request, HttpServletResponse response, Identity identity, String path)
      throws ServiceUnavailableException {
    String subject = subject(identity);
    long cost = cost(request.getMethod(), path);
    Debit debit = store.debit(subject, cost);
    Optional<Refusal> refusal = judge(debit);
    if (refusal.isEmpty() && debit.outcome() == Debit.Outcome.DEBITED) {
      response.setHeader(REMAINING_HEADER, Long.toString(debit.remaining()));
      request.setAttribute(
          RequestAttributes.CREDITS, new RequestCredits(store, subject, debit.remaining(), cost));
      request.setAttribute(RequestAttributes.QUOTA, this);
    }
    return refusal;
  }

  /**
   * Raises the credits a request has spent to {@code cost} (an endpoint's annotated cost), taking
   * only what the filter did not take already; never gives credits back.
   */
  Optional<Refusal> raise(RequestCredits credits, long cost) throws ServiceUnavailableException {
    long more = cost - credits.spent();
    return more <= 0 ? Optional.empty() : judge(credits.take(more));
  }

  /** The refusal a debit's outcome calls for, if any. */
  private Optional<Refusal> judge(Debit debit) {
    boolean refused =
        debit.outcome() == Debit.Outcome.INSUFFICIENT
            || debit.outcome() == Debit.Outcome.UNMETERED && settings.refuseUnlisted();
    if (!refused) {
      return Optional.empty();
    }
    long remaining = Math.max(0, debit.remaining());
    Long retryAfter = debit.retryAfter().map(QuotaStage::seconds).orElse(null);
    return Optional.of(
        Refusal.insufficientQuota(settings.exhaustedStatus(), remaining, retryAfter));
  }

  /** The 503 of a store that cannot be reached from an endpoint check. */
  Refusal unavailable() {
    return Refusal.unavailable(retryAfter.toSeconds());
  }

  /** Whole seconds, rounded up, at least 1 (RFC 9110 §10.2.3 has no fractions). */
  private static long seconds(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }
}
