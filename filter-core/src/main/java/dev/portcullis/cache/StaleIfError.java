package dev.portcullis.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.AuthResult;
import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import java.time.Clock;
import java.time.Duration;

/**
 * Opt-in outage tolerance: the last active verdict a back end gave for a credential may be served
 * for a bounded window after the cache would have dropped it, while the back end is unavailable,
 * never past the credential's expiry. A later refusal forgets it at once.
 *
 * <p>It decorates on both sides of the verdict cache, so that a cache hit costs nothing extra:
 * {@link #recording} goes inside (it sees each fresh answer of the back end) and {@link
 * #fallingBack} outside (it answers when the cached verification fails): {@code
 * stale.fallingBack(Verifier.cached(cache, stale.recording(verifier)))}.
 */
public final class StaleIfError {
  private static final System.Logger LOG = System.getLogger(StaleIfError.class.getName());

  private final Cache<String, Identity> lastActive;
  private final Clock clock;

  /**
   * Creates the store of last active verdicts.
   *
   * @param window how long past the cache TTL a verdict may be served; zero disables
   * @param cacheTtl the verdict cache's positive TTL
   * @param maximumSize the most verdicts kept
   * @param clock the time credentials' expiry is compared with
   * @param ticker the time entries expire by
   */
  public StaleIfError(
      Duration window, Duration cacheTtl, long maximumSize, Clock clock, Ticker ticker) {
    this.clock = clock;
    this.lastActive =
        window.isZero()
            ? null
            : Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(cacheTtl.plus(window))
                .ticker(ticker)
                .build();
  }

  /**
   * Remembers each fresh verdict of {@code next}; goes inside the cache.
   *
   * @param <C> the credential type
   * @param next the back-end verification
   * @return the recording verifier
   */
  public <C> Verifier<C> recording(Verifier<C> next) {
    if (lastActive == null) {
      return next;
    }
    return (credential, key) -> {
      AuthResult verdict = next.verify(credential, key);
      if (verdict instanceof AuthResult.Authenticated ok) {
        lastActive.put(key, ok.identity());
      } else {
        lastActive.invalidate(key);
      }
      return verdict;
    };
  }

  /**
   * Answers with the last active verdict when {@code next} fails and that verdict is within its
   * window and its expiry; goes outside the cache.
   *
   * @param <C> the credential type
   * @param next the cached verification
   * @return the falling-back verifier
   */
  public <C> Verifier<C> fallingBack(Verifier<C> next) {
    if (lastActive == null) {
      return next;
    }
    return (credential, key) -> {
      try {
        return next.verify(credential, key);
      } catch (ServiceUnavailableException e) {
        return fallback(key, e);
      }
    };
  }

  private AuthResult fallback(String key, ServiceUnavailableException failure)
      throws ServiceUnavailableException {
    Identity identity = lastActive.getIfPresent(key);
    if (identity == null
        || identity.expiresAt().map(exp -> !clock.instant().isBefore(exp)).orElse(false)) {
      throw failure;
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "Serving the last active verdict for credential {0} while its back end is unavailable: {1}",
        identity.fingerprint().map(Fingerprint::forLog).orElse("-"),
        failure.getMessage());
    return AuthResult.authenticated(identity);
  }
}
