package dev.portcullis.cache;

import dev.portcullis.AuthResult;
import dev.portcullis.ServiceUnavailableException;
import java.util.function.UnaryOperator;

/**
 * The one-method verification step of a mechanism: a credential that passed the mechanism's cheap
 * pre-checks, and the key it is cached under, in; a verdict out. Caching, outage tolerance and
 * checks that must run on every use are decorators around it, assembled by the mechanism's factory,
 * so that a mechanism reads as "extract, pre-check, verify".
 *
 * @param <C> the credential, for example a token string or a certificate chain
 */
@FunctionalInterface
public interface Verifier<C> {

  /**
   * Verifies a credential.
   *
   * @param credential the credential, already pre-checked
   * @param key the credential's fingerprint (plus issuer or endpoint where it matters); the cache
   *     key, also usable for logs
   * @return authenticated, rejected, or not attempted (the credential is another mechanism's)
   * @throws ServiceUnavailableException when a back end needed to decide is unreachable
   */
  AuthResult verify(C credential, String key) throws ServiceUnavailableException;

  /**
   * Caches the verdicts of {@code next} in {@code cache}: one call per key at a time, verdicts
   * bounded by the credential's expiry, outages never cached. A hit costs the cache lookup only.
   *
   * @param <C> the credential type
   * @param cache the cache
   * @param next the verification to cache
   * @return the caching verifier
   */
  static <C> Verifier<C> cached(VerdictCache cache, Verifier<C> next) {
    return (credential, key) -> cache.get(key, () -> next.verify(credential, key));
  }

  /**
   * Applies a check to every verdict of {@code next}, cached or not, for conditions that change
   * with time while a verdict is cached (a token that is not valid yet, for example).
   *
   * @param <C> the credential type
   * @param next the verification whose verdicts are checked
   * @param check maps a verdict to itself or to a rejection
   * @return the rechecking verifier
   */
  static <C> Verifier<C> rechecked(Verifier<C> next, UnaryOperator<AuthResult> check) {
    return (credential, key) -> check.apply(next.verify(credential, key));
  }
}
