package dev.portcullis.apikey;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.EphemeralKeys;
import dev.portcullis.Identity;
import dev.portcullis.grid.Grid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Verifies ephemeral keys on any node, with the shared secret only: the MAC, the expiry, the bound
 * {@code Origin} and, last, single use through the filter's {@link Grid} (cluster-wide on a
 * clustered grid; so that a refused request never uses the key up, it is checked last). A grid that
 * cannot be reached throws {@code GridUnavailableException}: 503, never a 401. The identity carries
 * the parent's principal, the narrowed scopes and no roles; its fingerprint is the parent's, so
 * audit lines name the credential that minted the key.
 */
final class EphemeralKeyCheck {
  static final AuthError EXPIRED =
      AuthError.invalidToken("The API key has expired").withReason("expired");

  /** The first-use namespace of single-use keys. */
  static final String SPACE = "apiKey.ephemeral";

  /** The identity attribute {@code keyId} of every ephemeral key. */
  static final String KEY_ID = "ephemeral";

  private static final System.Logger LOG = System.getLogger(EphemeralKeyCheck.class.getName());

  private final EphemeralKeyFormat format;
  private final Grid grid;
  private final Duration singleUseTtl;
  private final Clock clock;

  /**
   * @param maxLifetime the longest lifetime of a key: single-use marks last that long (plus a
   *     second), one ttl for the whole space as the grid requires
   */
  EphemeralKeyCheck(EphemeralKeyFormat format, Grid grid, Duration maxLifetime, Clock clock) {
    this.format = format;
    this.grid = grid;
    this.singleUseTtl = maxLifetime.plusSeconds(1);
    this.clock = clock;
  }

  boolean recognises(String credential) {
    return format.recognises(credential);
  }

  /** The parent's fingerprint of a key whose MAC verifies, for audit lines of refusals. */
  Optional<String> parent(String key) {
    return format.decode(key).map(EphemeralClaims::parent);
  }

  AuthResult authenticate(String key, AuthenticationRequest request) {
    Optional<EphemeralClaims> decoded = format.decode(key);
    if (decoded.isEmpty()) {
      return reject("invalid_key", ApiKeyAuthenticator.INVALID, "-");
    }
    EphemeralClaims claims = decoded.get();
    Instant now = clock.instant();
    if (!now.isBefore(claims.expiresAt())) {
      return reject("expired", EXPIRED, claims.parent());
    }
    if (claims.origin() != null && !fromOrigin(request, claims.origin())) {
      return reject(
          "origin_mismatch",
          ApiKeyAuthenticator.INVALID.withReason("origin_mismatch"),
          claims.parent());
    }
    if (claims.singleUse()) {
      if (Duration.between(now, claims.expiresAt()).compareTo(singleUseTtl) >= 0) {
        // minted where the cap is longer: its mark would be forgotten before it expires
        return reject("beyond_cap", ApiKeyAuthenticator.INVALID, claims.parent());
      }
      if (!grid.firstUse(SPACE, claims.nonce(), singleUseTtl)) { // cluster-wide on a clustered grid
        return reject(
            "used", ApiKeyAuthenticator.INVALID.withReason("ephemeral_reused"), claims.parent());
      }
    }
    return AuthResult.authenticated(
        Identity.builder(claims.principal(), "apiKey", ApiKeyAuthenticator.SCHEME)
            .scopes(claims.scopes())
            .attribute(ApiKeyAttributes.KEY_ID, KEY_ID)
            .auditField(ApiKeyAttributes.KEY_ID, KEY_ID)
            .attribute(EphemeralKeys.PARENT_ATTRIBUTE, claims.parent())
            .expiresAt(claims.expiresAt())
            .fingerprint(claims.parent())
            .build());
  }

  /** Exactly one {@code Origin} field, equal to the bound origin. */
  private static boolean fromOrigin(AuthenticationRequest request, String origin) {
    List<String> origins = Collections.list(request.servletRequest().getHeaders("Origin"));
    return origins.size() == 1 && origins.get(0).equals(origin);
  }

  private static AuthResult reject(String why, AuthError error, String parent) {
    LOG.log(System.Logger.Level.DEBUG, "Ephemeral API key refused ({0}): parent={1}", why, parent);
    return AuthResult.rejected(error);
  }
}
