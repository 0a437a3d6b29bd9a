package dev.portcullis.web;

import dev.portcullis.RequestAttributes;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.limit.Admission;
import java.util.Optional;
import java.util.function.Function;

/**
 * An endpoint's cost in credits, checked where the endpoint is known (a JAX-RS resource method):
 * the request's spend is raised to the cost, taking only what the filter did not take already, in
 * one atomic debit. The filter takes its configured cost before routing, so an endpoint's cost can
 * raise a request's price, never lower it (set lower costs in {@code quota.costs}). A request the
 * filter did not meter (quotas off, an unmetered subject) is let through.
 */
public final class EndpointCost {
  private final long cost;

  private EndpointCost(long cost) {
    this.cost = cost;
  }

  /**
   * The check for one endpoint.
   *
   * @param cost the credits the endpoint costs, 0 to {@link
   *     dev.portcullis.quota.Balance#MAX_AMOUNT}
   * @return the check
   * @throws IllegalArgumentException for a cost out of range
   */
  public static EndpointCost of(long cost) {
    if (cost < 0 || cost > dev.portcullis.quota.Balance.MAX_AMOUNT) {
      throw new IllegalArgumentException("cost out of range: [" + cost + "]");
    }
    return new EndpointCost(cost);
  }

  /**
   * Takes what is missing of the cost.
   *
   * @param attributes the request's attributes (or the JAX-RS request's properties)
   * @return empty to go on, else the refusal, as the filter renders it: 429 (or 402) {@code
   *     insufficient_quota}, or 503 with {@code Retry-After: 5} when the store is down
   */
  public Optional<Refusal> check(Function<String, Object> attributes) {
    if (!(attributes.apply(RequestAttributes.QUOTA) instanceof QuotaStage stage)
        || !(attributes.apply(RequestAttributes.CREDITS) instanceof RequestCredits credits)) {
      return Optional.empty();
    }
    try {
      Admission admission = stage.raise(credits, cost);
      return admission instanceof Admission.Refused refused
          ? Optional.of(Refusal.limited(refused))
          : Optional.empty();
    } catch (ServiceUnavailableException e) {
      return Optional.of(Refusal.unavailable(FilterSettings.DEFAULT_RETRY_AFTER.toSeconds()));
    }
  }
}
