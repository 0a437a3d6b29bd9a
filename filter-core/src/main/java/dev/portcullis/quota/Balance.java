package dev.portcullis.quota;

import java.time.Duration;
import java.util.Optional;

/**
 * One subject's stored balance, as the table holds it. The refill arithmetic here is the same as
 * the SQL's in {@link QuotaTable} and serves what is not on the debit's path: the {@code
 * Retry-After} of a refusal and what the key tool shows.
 *
 * @param remaining credits left at {@code refilledAtMillis}; negative after charges beyond it
 * @param capacity the most credits refills add up to
 * @param refillAmount credits added per interval, 0 for none
 * @param refillIntervalMillis the refill interval in milliseconds, 0 for none
 * @param refilledAtMillis the epoch millisecond of the last refill boundary
 */
public record Balance(
    long remaining,
    long capacity,
    long refillAmount,
    long refillIntervalMillis,
    long refilledAtMillis) {

  /** The largest absolute amount a balance, capacity, refill or cost may have. */
  public static final long MAX_AMOUNT = 1_000_000_000_000_000L;

  /**
   * The credits available at {@code nowMillis}: the stored remainder plus the refills due since the
   * last boundary, up to the capacity (a remainder above the capacity is kept).
   *
   * @param nowMillis the epoch millisecond
   * @return the available credits, negative while a debt is not refilled
   */
  public long available(long nowMillis) {
    return availableAfter(periods(nowMillis));
  }

  /**
   * How long until {@code cost} credits are available, when refills ever make them so.
   *
   * @param cost the credits wanted
   * @param nowMillis the epoch millisecond
   * @return zero when available now; empty when refills never reach {@code cost}
   */
  public Optional<Duration> timeUntil(long cost, long nowMillis) {
    long due = periods(nowMillis);
    if (availableAfter(due) >= cost) {
      return Optional.of(Duration.ZERO);
    }
    if (refillAmount == 0 || refillIntervalMillis == 0 || capacity < cost) {
      return Optional.empty();
    }
    long missing = cost - availableAfter(due);
    long more = (missing + refillAmount - 1) / refillAmount;
    long at = refilledAtMillis + refillIntervalMillis * (due + more);
    return Optional.of(Duration.ofMillis(at - nowMillis));
  }

  private long periods(long nowMillis) {
    if (refillIntervalMillis <= 0 || refillAmount <= 0 || nowMillis <= refilledAtMillis) {
      return 0;
    }
    return (nowMillis - refilledAtMillis) / refillIntervalMillis;
  }

  private long availableAfter(long periods) {
    long credited = Math.min(periods, 2 * MAX_AMOUNT / Math.max(refillAmount, 1) + 1);
    return Math.max(remaining, Math.min(capacity, remaining + refillAmount * credited));
  }
}
