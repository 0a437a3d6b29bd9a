package dev.portcullis.ratelimit;

import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.grid.Grid;
import dev.portcullis.limit.LimitStage;
import dev.portcullis.limit.LimitStageFactory;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The {@value #NAME} stage. Keys (prefix {@code rateLimit.}):
 *
 * <ul>
 *   <li>{@value #LIMIT}: the limit, one band such as {@code 100/1m} or several such as {@code
 *       10/1s,1000/1h} (requests per window; windows whole seconds, 1s to 1d, aligned to the
 *       clock). Absent: no rate limit.
 *   <li>{@value #TIERS}: limits per scope, {@code gold=1000/1m;silver=100/1m,5/1s}: the first tier
 *       whose scope the caller holds applies instead of the default.
 *   <li>{@value #KEY}: who shares a bucket: {@code credential} (default: each API key, OAuth client
 *       or certificate), {@code principal}, or {@code claim:<name>} (a token claim or identity
 *       attribute such as a tenant id; identities without it fall back to their credential).
 *   <li>{@value #OVERRIDES}: whether a credential's own limit (identity attribute {@value
 *       #RATE_LIMIT_ATTRIBUTE}, set by the API key stores) replaces the settings'; default {@code
 *       true}.
 * </ul>
 */
public final class RateLimitStageFactory implements LimitStageFactory {
  /** The key prefix. */
  public static final String NAME = "rateLimit";

  /** Key of the limit of every credential not in a tier. */
  public static final String LIMIT = "limit";

  /** Key of the per-scope tiers. */
  public static final String TIERS = "tiers";

  /** Key of the partition (who shares a bucket). */
  public static final String KEY = "key";

  /** Key of the per-credential override switch. */
  public static final String OVERRIDES = "overrides";

  /** Default of {@value #OVERRIDES}: a credential's own limit replaces the settings'. */
  public static final boolean DEFAULT_OVERRIDES = true;

  /** The identity attribute holding a credential's own limit, in the syntax of {@value #LIMIT}. */
  public static final String RATE_LIMIT_ATTRIBUTE = "rateLimit";

  /** The grid cache holding the buckets when the filter's {@code grid} is {@code jcache}. */
  static final String CACHE = "rate-limits";

  /**
   * The identity attribute of an API key's metadata map, whose entry {@value #RATE_LIMIT_ATTRIBUTE}
   * is the key's own limit.
   */
  public static final String KEY_METADATA_ATTRIBUTE = "keyMetadata";

  /** The stage's position: before quotas, so a rate-limited request spends no credits. */
  public static final int ORDER = 100;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int order() {
    return ORDER;
  }

  @Override
  public Optional<LimitStage> create(Config config, Environment environment) {
    return RateLimitSettings.from(config)
        .map(
            settings -> {
              TimeMeter clock = wallClock(environment.clock());
              Buckets local = new LocalBuckets(clock, environment.ticker());
              Grid grid = environment.grid();
              // only a clustered grid touches JCache types, which a plain servlet container lacks
              Buckets buckets =
                  grid.status().clustered()
                      ? grid.jcache(CACHE)
                          .<Buckets>map(c -> GridBuckets.measured(c, clock, environment.metrics()))
                          .orElse(local)
                      : local;
              return new RateLimitStage(settings, buckets, local, () -> grid.status().fallback());
            });
  }

  @Override
  public Set<String> settings() {
    return Set.of(LIMIT, TIERS, KEY, OVERRIDES);
  }

  /** Bucket4j's time from the filter's clock: aligned windows need wall-clock time. */
  static TimeMeter wallClock(Clock clock) {
    return new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }
}
