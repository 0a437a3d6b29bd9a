package dev.portcullis.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.limit.Admission;
import dev.portcullis.limit.CredentialId;
import dev.portcullis.limit.LimitStage;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.VerboseResult;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Takes one token per request from the bucket of the identity's partition (its credential by
 * default). Admitted answers carry {@code RateLimit}; refusals are 429 {@code rate_limit_exceeded}
 * with {@code Retry-After}, {@code RateLimit-Policy} and {@code RateLimit}.
 */
final class RateLimitStage implements LimitStage {
  /** The body's error code. */
  static final String ERROR = "rate_limit_exceeded";

  /** The audit and metric reason. */
  static final String REASON = "rate_limited";

  private static final System.Logger LOG = System.getLogger(RateLimitStage.class.getName());
  private static final int MAX_OVERRIDES = 1_000;

  /** Names the key in the message of a malformed credential limit; resolves nothing. */
  private static final Config NO_SETTINGS = Config.of(Map.of());

  private final RateLimitSettings settings;
  private final Buckets buckets;
  private final Buckets local;
  private final BooleanSupplier localOnLoss;
  private final AtomicBoolean lost = new AtomicBoolean();
  private final Cache<String, Optional<Policy>> overrides =
      Caffeine.newBuilder().maximumSize(MAX_OVERRIDES).build();

  /**
   * A stage.
   *
   * @param settings the parsed settings
   * @param buckets where buckets live
   * @param local this process's buckets: {@code buckets} itself on a single node, else where they
   *     live while the grid cannot be reached and {@code localOnLoss} says so
   * @param localOnLoss whether a lost grid falls back to {@code local} (the grid's {@code
   *     grid.onLoss=local}) rather than answering 503
   */
  RateLimitStage(
      RateLimitSettings settings, Buckets buckets, Buckets local, BooleanSupplier localOnLoss) {
    this.settings = settings;
    this.buckets = buckets;
    this.local = local;
    this.localOnLoss = localOnLoss;
  }

  @Override
  public Admission admit(HttpServletRequest request, Identity identity)
      throws ServiceUnavailableException {
    Policy policy = policy(identity);
    String key = policy.id() + '|' + partition(identity);
    if (local == buckets) {
      return buckets.take(key, policy, RateLimitStage::take);
    }
    try {
      Admission admission = buckets.take(key, policy, RateLimitStage::take);
      if (lost.compareAndSet(true, false)) {
        LOG.log(System.Logger.Level.WARNING, "Rate-limit grid reachable again");
      }
      return admission;
    } catch (RuntimeException e) {
      boolean fallBack = localOnLoss.getAsBoolean();
      if (lost.compareAndSet(false, true)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Rate-limit grid unreachable ("
                + e.getClass().getName()
                + "): "
                + (fallBack ? "limiting on this node only" : "answering 503"));
      }
      if (!fallBack) {
        throw new ServiceUnavailableException("The rate-limit grid cannot be reached", e);
      }
      return local.take(key, policy, RateLimitStage::take);
    }
  }

  /** Takes one token and says how to answer. */
  private static Admission take(Bucket bucket, Policy policy) {
    if (policy.size() == 1) {
      ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
      Band band = policy.band(0);
      if (probe.isConsumed()) {
        long reset = RateLimitFields.ceilSeconds(probe.getNanosToWaitForReset());
        return admitted(band, probe.getRemainingTokens(), reset);
      }
      return refused(policy, band, probe.getNanosToWaitForRefill());
    }
    VerboseResult<ConsumptionProbe> result = bucket.asVerbose().tryConsumeAndReturnRemaining(1);
    long[] remaining = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
    long now = result.getOperationTimeNanos();
    int lowest = 0;
    for (int i = 1; i < remaining.length; i++) {
      if (remaining[i] < remaining[lowest]
          || remaining[i] == remaining[lowest]
              && untilReset(policy.band(i), now) > untilReset(policy.band(lowest), now)) {
        lowest = i;
      }
    }
    ConsumptionProbe probe = result.getValue();
    Band band = policy.band(lowest);
    if (probe.isConsumed()) {
      long reset = RateLimitFields.ceilSeconds(untilReset(band, now));
      return admitted(band, Math.max(0, remaining[lowest]), reset);
    }
    return refused(policy, band, probe.getNanosToWaitForRefill());
  }

  private static Admission admitted(Band band, long remaining, long reset) {
    return new Admission.Admitted(
        Map.of(RateLimitFields.RATE_LIMIT, RateLimitFields.current(band, remaining, reset)));
  }

  private static Admission refused(Policy policy, Band band, long waitNanos) {
    long retryAfter = Math.max(1, RateLimitFields.ceilSeconds(waitNanos));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(RateLimitFields.POLICY, policy.header());
    headers.put(RateLimitFields.RATE_LIMIT, RateLimitFields.current(band, 0, retryAfter));
    return new Admission.Refused(429, ERROR, REASON, retryAfter, headers);
  }

  /** Nanoseconds from {@code now} (epoch nanos) to the end of the band's aligned window. */
  private static long untilReset(Band band, long now) {
    long window = band.window().toNanos();
    return window - Math.floorMod(now, window);
  }

  private Policy policy(Identity identity) {
    String own = settings.overrides() ? own(identity) : null;
    if (own != null) {
      Optional<Policy> override = overrides.get(own, this::parseOverride);
      if (override.isPresent()) {
        return override.get();
      }
    }
    for (RateLimitSettings.Tier tier : settings.tiers()) {
      if (identity.scopes().contains(tier.scope())) {
        return tier.policy();
      }
    }
    return settings.defaultPolicy();
  }

  /**
   * A credential's own limit: the identity attribute {@value
   * RateLimitStageFactory#RATE_LIMIT_ATTRIBUTE}, or the entry of that name in an API key's metadata
   * (attribute {@value RateLimitStageFactory#KEY_METADATA_ATTRIBUTE}).
   */
  private static String own(Identity identity) {
    Map<String, Object> attributes = identity.attributes();
    if (attributes.get(RateLimitStageFactory.RATE_LIMIT_ATTRIBUTE) instanceof String own) {
      return own;
    }
    return attributes.get(RateLimitStageFactory.KEY_METADATA_ATTRIBUTE) instanceof Map<?, ?> meta
            && meta.get(RateLimitStageFactory.RATE_LIMIT_ATTRIBUTE) instanceof String own
        ? own
        : null;
  }

  /**
   * Parses a credential's own limit, as stored (no placeholders resolved); a malformed one falls
   * back to the settings' limit, logged once per value.
   */
  private Optional<Policy> parseOverride(String text) {
    try {
      return Optional.of(
          new Policy(
              "own:" + text,
              Band.parseAll(NO_SETTINGS, RateLimitStageFactory.RATE_LIMIT_ATTRIBUTE, text)));
    } catch (ConfigurationException e) {
      LOG.log(System.Logger.Level.WARNING, "Credential rate limit ignored: " + e.getMessage());
      return Optional.empty();
    }
  }

  private String partition(Identity identity) {
    RateLimitSettings.Key key = settings.key();
    if (key.kind().equals(RateLimitSettings.Key.PRINCIPAL)) {
      return "principal:" + identity.getName();
    }
    if (key.claim() != null) {
      return Optional.ofNullable(CredentialId.claim(identity, key.claim()))
          .map(v -> "claim:" + v)
          .orElseGet(() -> CredentialId.of(identity));
    }
    return CredentialId.of(identity);
  }

  @Override
  public void close() {
    buckets.close();
    if (local != buckets) {
      local.close();
    }
  }
}
