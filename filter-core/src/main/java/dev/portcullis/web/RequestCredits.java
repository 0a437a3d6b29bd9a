package dev.portcullis.web;

import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.quota.Credits;
import dev.portcullis.quota.Debit;
import dev.portcullis.quota.QuotaStore;

/** The {@link Credits} of one metered request; requests are handled by one thread at a time. */
final class RequestCredits implements Credits {
  private final QuotaStore store;
  private final String subject;
  private volatile long remaining;
  private volatile long spent;

  RequestCredits(QuotaStore store, String subject, long remaining, long spent) {
    this.store = store;
    this.subject = subject;
    this.remaining = remaining;
    this.spent = spent;
  }

  @Override
  public String subject() {
    return subject;
  }

  @Override
  public long remaining() {
    return remaining;
  }

  @Override
  public long spent() {
    return spent;
  }

  @Override
  public boolean tryDebit(long cost) throws ServiceUnavailableException {
    return take(cost).outcome() == Debit.Outcome.DEBITED;
  }

  @Override
  public synchronized long charge(long cost) throws ServiceUnavailableException {
    return record(store.charge(subject, cost), cost).remaining();
  }

  /** Takes {@code cost} if the balance covers it; the outcome tells why not. */
  synchronized Debit take(long cost) throws ServiceUnavailableException {
    return record(store.debit(subject, cost), cost);
  }

  private Debit record(Debit debit, long cost) {
    if (debit.outcome() == Debit.Outcome.DEBITED) {
      remaining = debit.remaining();
      spent += cost;
    }
    return debit;
  }

  @Override
  public String toString() {
    return "Credits[" + subject + ", remaining=" + remaining + ", spent=" + spent + "]";
  }
}
