package dev.portcullis.jwt;

import dev.portcullis.AuthResult;
import dev.portcullis.Readiness;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.jose.ParsedToken;
import dev.portcullis.jose.Signatures;
import dev.portcullis.jose.SigningAlgorithm;
import java.security.Key;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jose4j.keys.HmacKey;

/** One trusted issuer: its settings, its own keys (never another issuer's) and its claim checks. */
final class Issuer {
  private final IssuerSettings settings;
  private final JwksSource keys;
  private final ClaimsCheck claims;

  Issuer(IssuerSettings settings, JwksSource keys, ClaimsCheck claims) {
    this.settings = settings;
    this.keys = keys;
    this.claims = claims;
  }

  String issuer() {
    return settings.issuer();
  }

  /**
   * Verifies a token routed to this issuer by its unverified {@code iss}.
   *
   * @param token the strictly parsed token
   * @param fingerprint the token's fingerprint
   * @return authenticated or rejected
   * @throws ServiceUnavailableException when the keys cannot be had
   */
  AuthResult verify(ParsedToken token, String fingerprint) throws ServiceUnavailableException {
    Optional<SigningAlgorithm> alg =
        SigningAlgorithm.byName(token.alg()).filter(settings.algorithms()::contains);
    if (alg.isEmpty() || !typeAccepted(token.header().get("typ"))) {
      return AuthResult.rejected(ClaimsCheck.INVALID);
    }
    Key key;
    if (alg.get().symmetric()) {
      key = new HmacKey(settings.sharedSecret());
    } else {
      List<KeySet.Key> candidates = keys.keys(token.kid(), alg.get());
      if (candidates.isEmpty()) {
        return AuthResult.rejected(ClaimsCheck.INVALID);
      }
      key = candidates.get(0).publicKey();
    }
    if (!Signatures.verify(token, alg.get(), key)) {
      return AuthResult.rejected(ClaimsCheck.INVALID);
    }
    try {
      return AuthResult.authenticated(claims.check(token.claims(), fingerprint));
    } catch (ClaimsCheck.Refused e) {
      return AuthResult.rejected(e.error());
    }
  }

  /** The readiness of this issuer's keys; a shared secret is always ready. */
  Readiness readiness() {
    if (settings.sharedSecret() != null && settings.jwksUri() == null) {
      return new Readiness("jwt " + issuer(), true, Map.of("keys", "shared secret"));
    }
    return keys.readiness();
  }

  /** RFC 9068 §4 explicit typing; {@code application/} is optional (RFC 7515 §4.1.9). */
  private boolean typeAccepted(Object typ) {
    if (typ == null) {
      return settings.allowMissingType();
    }
    String t = ((String) typ).toLowerCase(Locale.ROOT);
    t = t.startsWith("application/") ? t.substring("application/".length()) : t;
    return settings.types().contains(t);
  }
}
