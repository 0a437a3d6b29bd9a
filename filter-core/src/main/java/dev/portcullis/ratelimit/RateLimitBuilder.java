package dev.portcullis.ratelimit;

import dev.portcullis.config.MechanismSettings;

/**
 * The rate-limit stage's settings in code: one method per key of {@code rateLimit.}, named as the
 * key (defaults and meaning in docs/configuration.md). The filter validates the result exactly as
 * it validates {@code web.xml}. Each method throws {@link IllegalStateException} when its key was
 * already set.
 */
public final class RateLimitBuilder extends MechanismSettings<RateLimitBuilder> {

  /** Starts with every key at its default (no limit). */
  public RateLimitBuilder() {
    super(RateLimitStageFactory.NAME);
  }

  /**
   * Sets {@code rateLimit.limit}, for example {@code 100/1m} or {@code 10/1s,1000/1h}.
   *
   * @param value the bands
   * @return this builder
   */
  public RateLimitBuilder limit(String value) {
    return put(RateLimitStageFactory.LIMIT, value);
  }

  /**
   * Sets {@code rateLimit.tiers}, for example {@code gold=1000/1m;silver=100/1m}.
   *
   * @param value the tiers
   * @return this builder
   */
  public RateLimitBuilder tiers(String value) {
    return put(RateLimitStageFactory.TIERS, value);
  }

  /**
   * Sets {@code rateLimit.key}: {@code credential}, {@code principal} or {@code claim:<name>}.
   *
   * @param value who shares a bucket
   * @return this builder
   */
  public RateLimitBuilder key(String value) {
    return put(RateLimitStageFactory.KEY, value);
  }

  /**
   * Sets {@code rateLimit.overrides}.
   *
   * @param value whether a credential's own limit replaces the settings'
   * @return this builder
   */
  public RateLimitBuilder overrides(boolean value) {
    return put(RateLimitStageFactory.OVERRIDES, value);
  }
}
