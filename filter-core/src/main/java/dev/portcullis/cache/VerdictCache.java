package dev.portcullis.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.Fingerprint;
import dev.portcullis.ServiceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Caches the verdicts of a costly or remote credential check, keyed by the credential's {@link
 * Fingerprint} (never the credential itself).
 *
 * <ul>
 *   <li>Accepted credentials stay for {@code min(positiveTtl, expiry - now)} and are re-checked
 *       against their expiry on every hit, so nothing is served past a credential's end.
 *   <li>Rejected credentials stay for the short {@code negativeTtl}, so a flood of garbage costs a
 *       hash and a map lookup, not a back-end call.
 *   <li>Concurrent requests for the same uncached credential make one back-end call; the others
 *       wait for its answer. Failures ({@link ServiceUnavailableException}) are never cached.
 *   <li>Size-bounded (W-TinyLFU), statistics recorded, time from an injectable ticker and clock.
 * </ul>
 */
public final class VerdictCache {

  /** Computes a verdict on a cache miss. */
  @FunctionalInterface
  public interface Loader {
    /**
     * Checks the credential.
     *
     * @return authenticated or rejected; a not-attempted result is passed through uncached
     * @throws ServiceUnavailableException when the back end is unreachable
     */
    AuthResult load() throws ServiceUnavailableException;
  }

  private final AsyncCache<String, AuthResult> cache;
  private final Clock clock;
  private final AuthError expired;

  private VerdictCache(Builder b) {
    this.clock = b.clock;
    this.expired = b.expired;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(b.maximumSize)
            .ticker(b.ticker)
            .executor(Runnable::run)
            .expireAfter(new VerdictExpiry(b.positiveTtl, b.negativeTtl, b.clock))
            .recordStats()
            .buildAsync();
  }

  /**
   * Starts a cache configuration.
   *
   * @param expired the error answered when a cached credential is found past its expiry
   * @return a builder with defaults: 10,000 entries, positive TTL 5 minutes, negative TTL 30
   *     seconds, system time
   */
  public static Builder builder(AuthError expired) {
    return new Builder(expired);
  }

  /**
   * Returns the cached verdict or loads it, one load per fingerprint at a time.
   *
   * @param fingerprint the credential's fingerprint, plus issuer or endpoint where it matters
   * @param loader the check to run on a miss
   * @return the verdict
   * @throws ServiceUnavailableException when the load fails; nothing is cached then
   */
  public AuthResult get(String fingerprint, Loader loader) throws ServiceUnavailableException {
    CompletableFuture<AuthResult> mine = new CompletableFuture<>();
    // cache.get (not asMap().putIfAbsent) so that hits and misses are counted in stats().
    CompletableFuture<AuthResult> current = cache.get(fingerprint, (key, executor) -> mine);
    AuthResult result = current == mine ? load(fingerprint, mine, loader) : await(current);
    if (result instanceof AuthResult.Authenticated ok
        && ok.identity().expiresAt().map(this::passed).orElse(false)) {
      return AuthResult.rejected(expired);
    }
    return result;
  }

  private AuthResult load(String fingerprint, CompletableFuture<AuthResult> mine, Loader loader)
      throws ServiceUnavailableException {
    AuthResult result;
    try {
      result = Objects.requireNonNull(loader.load(), "verdict");
    } catch (ServiceUnavailableException | RuntimeException | Error e) {
      // Completing with null removes the entry without Caffeine logging a failed load; waiters
      // read null as "the check failed" (see await).
      cache.asMap().remove(fingerprint, mine);
      mine.complete(null);
      throw e;
    }
    mine.complete(result);
    if (result instanceof AuthResult.NotAttempted) {
      cache.asMap().remove(fingerprint, mine);
    }
    return result;
  }

  private static AuthResult await(CompletableFuture<AuthResult> future)
      throws ServiceUnavailableException {
    AuthResult result;
    try {
      result = future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("Interrupted while waiting for a credential check", e);
    } catch (ExecutionException e) {
      throw new ServiceUnavailableException("Credential check failed", e.getCause());
    }
    if (result == null) {
      throw new ServiceUnavailableException("A concurrent check of the same credential failed");
    }
    return result;
  }

  private boolean passed(Instant expiresAt) {
    return !clock.instant().isBefore(expiresAt);
  }

  /**
   * Drops one entry, for example when a key is revoked.
   *
   * @param fingerprint the credential's fingerprint
   */
  public void invalidate(String fingerprint) {
    cache.synchronous().invalidate(fingerprint);
  }

  /** Drops every entry, for example when a key store reloads. */
  public void invalidateAll() {
    cache.synchronous().invalidateAll();
  }

  /**
   * Hit, miss and load statistics.
   *
   * @return a snapshot
   */
  public CacheStats stats() {
    return cache.synchronous().stats();
  }

  /**
   * The approximate number of entries, without forcing pending evictions; for gauges.
   *
   * @return the estimated entry count
   */
  public long estimatedSize() {
    return cache.synchronous().estimatedSize();
  }

  /**
   * The approximate number of entries, after pending evictions.
   *
   * @return the entry count
   */
  public long size() {
    cache.synchronous().cleanUp();
    return cache.synchronous().estimatedSize();
  }

  /** Expiry per entry: bounded by the credential's own expiry; short for rejections. */
  private record VerdictExpiry(Duration positiveTtl, Duration negativeTtl, Clock clock)
      implements Expiry<String, AuthResult> {

    @Override
    public long expireAfterCreate(String key, AuthResult value, long currentTime) {
      if (value instanceof AuthResult.Authenticated ok) {
        Duration ttl = positiveTtl;
        if (ok.identity().expiresAt().isPresent()) {
          Duration left = Duration.between(clock.instant(), ok.identity().expiresAt().get());
          ttl = left.compareTo(ttl) < 0 ? left : ttl;
        }
        return Math.max(0, ttl.toNanos());
      }
      return value instanceof AuthResult.Rejected ? negativeTtl.toNanos() : 0;
    }

    @Override
    public long expireAfterUpdate(
        String key, AuthResult value, long currentTime, long currentDuration) {
      return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(
        String key, AuthResult value, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }

  /** Configures a {@link VerdictCache}. */
  public static final class Builder {
    private final AuthError expired;
    private long maximumSize = 10_000;
    private Duration positiveTtl = Duration.ofMinutes(5);
    private Duration negativeTtl = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private Ticker ticker = Ticker.systemTicker();

    private Builder(AuthError expired) {
      this.expired = Objects.requireNonNull(expired, "expired");
    }

    /**
     * Bounds the number of entries, accepted and rejected together.
     *
     * @param value at least 1
     * @return this builder
     */
    public Builder maximumSize(long value) {
      if (value < 1) {
        throw new IllegalArgumentException("maximumSize must be at least 1: [" + value + "]");
      }
      maximumSize = value;
      return this;
    }

    /**
     * How long an accepted credential is trusted without a new check, at most.
     *
     * @param value not negative
     * @return this builder
     */
    public Builder positiveTtl(Duration value) {
      positiveTtl = requireNotNegative("positiveTtl", value);
      return this;
    }

    /**
     * How long a rejected credential stays rejected without a new check.
     *
     * @param value not negative
     * @return this builder
     */
    public Builder negativeTtl(Duration value) {
      negativeTtl = requireNotNegative("negativeTtl", value);
      return this;
    }

    /**
     * Takes time from the given sources (tests pass a fake).
     *
     * @param clock wall-clock time for credential expiry
     * @param ticker monotonic time for cache expiry
     * @return this builder
     */
    public Builder time(Clock clock, Ticker ticker) {
      this.clock = Objects.requireNonNull(clock, "clock");
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Builds the cache.
     *
     * @return the cache
     */
    public VerdictCache build() {
      return new VerdictCache(this);
    }

    private static Duration requireNotNegative(String name, Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: [" + value + "]");
      }
      return value;
    }
  }
}
