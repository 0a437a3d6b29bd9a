package dev.portcullis.apikey;

import dev.portcullis.AuthResult;
import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.cache.Verifier;
import java.time.Clock;
import java.util.Optional;

/**
 * The verification step of {@code apiKey}: the key's record from the store (by id, or an imported
 * key by its hash), compared by hash in constant time, then revocation, disabling and expiry. The
 * credential is the key's id, the cache key its hash.
 */
final class StoredKeyVerifier implements Verifier<Optional<String>> {
  private static final System.Logger LOG = System.getLogger(ApiKeyAuthenticator.class.getName());

  private final ApiKeyStore store;
  private final Clock clock;

  StoredKeyVerifier(ApiKeyStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * The step as the factory decorates it: verdicts cached in {@code cache}, which is dropped
   * whenever the store reports a change.
   */
  static Verifier<Optional<String>> cached(ApiKeyStore store, VerdictCache cache, Clock clock) {
    store.onChange(cache::invalidateAll);
    return Verifier.cached(cache, new StoredKeyVerifier(store, clock));
  }

  /** Looks a key up by its id, or an imported key (no id) by its hash. */
  @Override
  public AuthResult verify(Optional<String> id, String hash) throws ServiceUnavailableException {
    return check(
        id.isPresent() ? store.findById(id.get()) : store.findByHash(hash),
        id.orElse("imported"),
        hash);
  }

  private AuthResult check(Optional<ApiKeyRecord> found, String id, String hash) {
    if (found.isEmpty() || !ApiKeyHasher.matches(found.get().hash(), hash)) {
      return reject(id, hash, "unknown");
    }
    ApiKeyRecord record = found.get();
    if (record.revoked()) {
      return reject(id, hash, "revoked");
    }
    if (record.disabled()) {
      return reject(id, hash, "disabled");
    }
    if (record.expiresAt() != null && !clock.instant().isBefore(record.expiresAt())) {
      return reject(id, hash, "expired");
    }
    return AuthResult.authenticated(
        ApiKeyAttributes.apply(
                record,
                Identity.builder(record.principal(), "apiKey", ApiKeyAuthenticator.SCHEME)
                    .scopes(record.scopes())
                    .roles(record.roles())
                    .expiresAt(record.expiresAt())
                    .fingerprint(Fingerprint.forLog(Fingerprint.of(hash))))
            .build());
  }

  private static AuthResult reject(String id, String hash, String why) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "API key refused ({0}): id={1} fingerprint={2}",
        why,
        id,
        Fingerprint.forLog(Fingerprint.of(hash)));
    return AuthResult.rejected(ApiKeyAuthenticator.INVALID);
  }
}
