package dev.portcullis.ratelimit;

import dev.portcullis.config.Config;
import dev.portcullis.config.Lists;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parsed {@code rateLimit.*} settings.
 *
 * @param defaultPolicy the limit of identities in no tier
 * @param tiers per-scope limits, the first whose scope the identity holds applies
 * @param key what identities share one bucket
 * @param overrides whether a credential's own {@value RateLimitStageFactory#RATE_LIMIT_ATTRIBUTE}
 *     attribute replaces the settings' limit
 */
record RateLimitSettings(Policy defaultPolicy, List<Tier> tiers, Key key, boolean overrides) {

  /**
   * A limit for the holders of a scope.
   *
   * @param scope the scope
   * @param policy its limit
   */
  record Tier(String scope, Policy policy) {}

  /**
   * What identities share one bucket.
   *
   * @param kind {@code credential}, {@code principal} or {@code claim}
   * @param claim the claim or attribute name for {@code claim}, else null
   */
  record Key(String kind, String claim) {
    static final String CREDENTIAL = "credential";
    static final String PRINCIPAL = "principal";
    static final String CLAIM = "claim:";
  }

  /** Reads the settings; empty when {@code rateLimit.limit} is absent and nothing else is set. */
  static Optional<RateLimitSettings> from(Config config) {
    Optional<String> defaults = config.string(RateLimitStageFactory.LIMIT);
    Optional<String> tiers = config.string(RateLimitStageFactory.TIERS);
    Optional<String> key = config.string(RateLimitStageFactory.KEY);
    boolean overrides =
        config.bool(RateLimitStageFactory.OVERRIDES, RateLimitStageFactory.DEFAULT_OVERRIDES);
    if (defaults.isEmpty()) {
      if (tiers.isPresent() || key.isPresent()) {
        throw config.invalid(
            RateLimitStageFactory.LIMIT,
            "",
            "required when "
                + config.key(RateLimitStageFactory.TIERS)
                + " or "
                + config.key(RateLimitStageFactory.KEY)
                + " is set");
      }
      return Optional.empty();
    }
    Policy policy =
        new Policy("default", Band.parseAll(config, RateLimitStageFactory.LIMIT, defaults.get()));
    return Optional.of(
        new RateLimitSettings(
            policy, tiers(config, tiers.orElse(null)), key(config, key.orElse(null)), overrides));
  }

  private static List<Tier> tiers(Config config, String value) {
    List<Tier> tiers = new ArrayList<>();
    for (String item : Lists.split(value, ';')) {
      int eq = item.indexOf('=');
      String scope = eq < 0 ? "" : item.substring(0, eq).trim();
      if (scope.isEmpty() || !scope.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '"')) {
        throw config.invalid(
            RateLimitStageFactory.TIERS,
            item,
            "expected <scope>=<bands>, for example gold=1000/1m");
      }
      if (tiers.stream().anyMatch(t -> t.scope().equals(scope))) {
        throw config.invalid(RateLimitStageFactory.TIERS, item, "the scope is listed twice");
      }
      List<Band> bands = Band.parseAll(config, RateLimitStageFactory.TIERS, item.substring(eq + 1));
      tiers.add(new Tier(scope, new Policy("tier:" + scope, bands)));
    }
    return List.copyOf(tiers);
  }

  private static Key key(Config config, String value) {
    if (value == null || value.equals(Key.CREDENTIAL)) {
      return new Key(Key.CREDENTIAL, null);
    }
    if (value.equals(Key.PRINCIPAL)) {
      return new Key(Key.PRINCIPAL, null);
    }
    if (value.startsWith(Key.CLAIM) && value.length() > Key.CLAIM.length()) {
      return new Key(Key.CLAIM, value.substring(Key.CLAIM.length()));
    }
    throw config.invalid(
        RateLimitStageFactory.KEY, value, "expected credential, principal or claim:<name>");
  }
}
