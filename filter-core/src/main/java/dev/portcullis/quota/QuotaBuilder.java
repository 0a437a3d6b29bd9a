package dev.portcullis.quota;

import dev.portcullis.config.MechanismSettings;
import java.time.Duration;

/**
 * The quota stage's settings in code: one method per key of {@code quota.}, named as the key
 * (defaults and meaning in {@link QuotaSettings} and docs/configuration.md). The filter validates
 * the result exactly as it validates {@code web.xml}. Each method throws {@link
 * IllegalStateException} when its key was already set.
 */
public final class QuotaBuilder extends MechanismSettings<QuotaBuilder> {

  /** Starts with every key at its default (quotas off until {@link #dataSource} is set). */
  public QuotaBuilder() {
    super(QuotaSettings.NAME);
  }

  /**
   * Sets {@code quota.dataSource}, which turns quotas on.
   *
   * @param jndiName the JNDI name of the data source, for example {@code java:app/jdbc/portcullis}
   * @return this builder
   */
  public QuotaBuilder dataSource(String jndiName) {
    return put(QuotaSettings.DATA_SOURCE, jndiName);
  }

  /**
   * Sets {@code quota.table}.
   *
   * @param name a plain SQL identifier, optionally schema-qualified
   * @return this builder
   */
  public QuotaBuilder table(String name) {
    return put(QuotaSettings.TABLE, name);
  }

  /**
   * Sets {@code quota.per}: {@code key} or {@code principal}.
   *
   * @param value what a balance belongs to
   * @return this builder
   */
  public QuotaBuilder per(String value) {
    return put(QuotaSettings.PER, value);
  }

  /**
   * Sets {@code quota.unlisted}: {@code allow} or {@code refuse}.
   *
   * @param value what happens to a subject without a balance
   * @return this builder
   */
  public QuotaBuilder unlisted(String value) {
    return put(QuotaSettings.UNLISTED, value);
  }

  /**
   * Sets {@code quota.cost}.
   *
   * @param credits the default cost of a request
   * @return this builder
   */
  public QuotaBuilder cost(int credits) {
    return put(QuotaSettings.COST, credits);
  }

  /**
   * Sets {@code quota.costs}.
   *
   * @param entries entries such as {@code POST /api/v1/chat/*=10}
   * @return this builder
   */
  public QuotaBuilder costs(String... entries) {
    return put(QuotaSettings.COSTS, entries);
  }

  /**
   * Sets {@code quota.exhaustedStatus}.
   *
   * @param status 429 or 402
   * @return this builder
   */
  public QuotaBuilder exhaustedStatus(int status) {
    return put(QuotaSettings.EXHAUSTED_STATUS, status);
  }

  /**
   * Sets {@code quota.queryTimeout}.
   *
   * @param timeout whole seconds from 1 to 60
   * @return this builder
   */
  public QuotaBuilder queryTimeout(Duration timeout) {
    return put(QuotaSettings.QUERY_TIMEOUT, timeout);
  }

  /**
   * Sets {@code quota.maxWaiting}.
   *
   * @param debits the most debits waiting for the database at once
   * @return this builder
   */
  public QuotaBuilder maxWaiting(int debits) {
    return put(QuotaSettings.MAX_WAITING, debits);
  }
}
