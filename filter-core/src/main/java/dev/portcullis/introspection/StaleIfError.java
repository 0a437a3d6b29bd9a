package dev.portcullis.introspection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.portcullis.AuthResult;
import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import java.time.Clock;

/**
 * Opt-in outage tolerance: the last active verdict the authorization server gave for a token may be
 * served for a bounded window after the cache would have dropped it, while the server is
 * unavailable, never past the token's {@code exp}. A later inactive answer forgets it at once.
 */
final class StaleIfError {
  private static final System.Logger LOG = System.getLogger(StaleIfError.class.getName());

  private final Cache<String, Identity> lastActive;
  private final Clock clock;

  /** Uses {@code staleIfError} (zero disables), {@code cacheTtl} and {@code cacheMaximumSize}. */
  StaleIfError(IntrospectionSettings settings, Clock clock, Ticker ticker) {
    this.clock = clock;
    this.lastActive =
        settings.staleIfError().isZero()
            ? null
            : Caffeine.newBuilder()
                .maximumSize(settings.cacheMaximumSize())
                .expireAfterWrite(settings.cacheTtl().plus(settings.staleIfError()))
                .ticker(ticker)
                .build();
  }

  /** Records what the authorization server just answered for {@code key}. */
  void remember(String key, AuthResult verdict) {
    if (lastActive == null) {
      return;
    }
    if (verdict instanceof AuthResult.Authenticated ok) {
      lastActive.put(key, ok.identity());
    } else {
      lastActive.invalidate(key);
    }
  }

  /**
   * The last active verdict for {@code key} when it is still within its window and {@code exp}.
   *
   * @throws ServiceUnavailableException {@code failure}, when there is none
   */
  AuthResult fallback(String key, ServiceUnavailableException failure)
      throws ServiceUnavailableException {
    Identity identity = lastActive == null ? null : lastActive.getIfPresent(key);
    if (identity == null
        || identity.expiresAt().map(exp -> !clock.instant().isBefore(exp)).orElse(false)) {
      throw failure;
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "Serving the last active verdict for token {0} while introspection is unavailable: {1}",
        identity.fingerprint().map(Fingerprint::forLog).orElse("-"),
        failure.getMessage());
    return AuthResult.authenticated(identity);
  }
}
