package dev.portcullis.jwt;

import dev.portcullis.AuthError;
import dev.portcullis.CredentialShapes;
import dev.portcullis.Identity;
import dev.portcullis.IdentityBuilder;
import dev.portcullis.jose.NumericDate;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The RFC 9068 §4 claim checks of one issuer and the mapping of valid claims to an {@link
 * Identity}. Every failure is {@code invalid_token} with one of two fixed descriptions.
 */
final class ClaimsCheck {
  static final AuthError INVALID =
      AuthError.invalidToken("The access token is invalid").withReason("invalid_jwt");
  static final AuthError EXPIRED =
      AuthError.invalidToken("The access token has expired").withReason("expired");

  /** Claims arrive as NumericDate seconds; later than 9999-12-31 is nonsense. */
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(253_402_300_799L);

  /** The one confirmation method (RFC 8705 §3.1) the pipeline verifies. */
  private static final String CERTIFICATE_BINDING = "x5t#S256";

  /** The DPoP key binding (RFC 9449 §6.1): the RFC 7638 thumbprint of the client's key. */
  private static final String KEY_BINDING = "jkt";

  /** The most fractional digits (and the largest negative scale) a NumericDate may carry. */
  private static final int MAX_SCALE = 64;

  /** The claims are not acceptable. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient AuthError error;

    Refused(AuthError error) {
      super(null, null, false, false);
      this.error = error;
    }

    AuthError error() {
      return error;
    }
  }

  private final IssuerSettings settings;
  private final Clock clock;

  ClaimsCheck(IssuerSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Checks the claims of a token whose signature is valid and builds its identity.
   *
   * @param claims the payload
   * @param fingerprint the token's fingerprint
   * @return the identity
   * @throws Refused when a claim is missing, malformed or unacceptable
   */
  Identity check(Map<String, Object> claims, String fingerprint) throws Refused {
    Instant instant = clock.instant();
    BigDecimal now =
        BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9));
    BigDecimal skewed = now.add(BigDecimal.valueOf(settings.clockSkew().toNanos(), 9));
    if (!settings.issuer().equals(claims.get("iss"))) {
      throw new Refused(INVALID);
    }
    BigDecimal exp = seconds(claims, "exp");
    // No leeway on exp: the verdict cache ends an entry at exp, so skew here would be dead text.
    if (now.compareTo(exp) >= 0) {
      throw new Refused(EXPIRED);
    }
    if (claims.containsKey("nbf") && seconds(claims, "nbf").compareTo(skewed) > 0) {
      throw new Refused(INVALID);
    }
    BigDecimal iat = claims.containsKey("iat") ? seconds(claims, "iat") : now;
    if (iat.compareTo(skewed) > 0) {
      throw new Refused(INVALID);
    }
    if (settings.maxLifetime().isPresent()
        && exp.subtract(iat.min(now))
                .compareTo(BigDecimal.valueOf(settings.maxLifetime().get().toNanos(), 9))
            > 0) {
      throw new Refused(INVALID);
    }
    if (!audienceMatches(claims.get("aud"))) {
      throw new Refused(INVALID);
    }
    for (String name : settings.requiredClaims()) {
      if (claims.get(name) == null && at(claims, name) == null) {
        throw new Refused(INVALID);
      }
    }
    for (Map.Entry<String, String> e : settings.claimValues().entrySet()) {
      Object v = claims.get(e.getKey());
      if (!(e.getValue().equals(v) || (v instanceof List<?> l && l.contains(e.getValue())))) {
        throw new Refused(INVALID);
      }
    }
    if (!(claims.get(settings.principalClaim()) instanceof String name) || name.isEmpty()) {
      throw new Refused(INVALID);
    }
    Object keyBinding = claims.get("cnf") instanceof Map<?, ?> c ? c.get(KEY_BINDING) : null;
    IdentityBuilder identity =
        Identity.builder(name, JwtAuthenticatorFactory.NAME, keyBinding == null ? "Bearer" : "DPoP")
            .scopes(scopes(claims))
            .roles(roles(claims))
            .attribute("claims", claims)
            .expiresAt(NumericDate.expiry(exp))
            .fingerprint(fingerprint);
    if (claims.containsKey("cnf")) {
      // RFC 7800 §3: a token bound to a key we do not check (a jwk, a kid...) is no bearer token.
      // The pipeline verifies the two we know: RFC 8705 certificates, RFC 9449 DPoP keys.
      if (!(claims.get("cnf") instanceof Map<?, ?> cnf) || cnf.size() != 1) {
        throw new Refused(INVALID);
      }
      if (cnf.get(CERTIFICATE_BINDING) instanceof String thumbprint) {
        identity.certificateThumbprint(thumbprint);
      } else if (keyBinding instanceof String jkt && CredentialShapes.sha256Thumbprint(jkt)) {
        identity.keyThumbprint(jkt);
      } else {
        throw new Refused(INVALID);
      }
    }
    return identity.build();
  }

  /**
   * A NumericDate (RFC 7519 §2): a non-negative number of seconds, possibly fractional, up to
   * 9999-12-31. The value is kept exact; a scale beyond {@link #MAX_SCALE} digits (after dropping
   * trailing zeros) is refused, so no comparison ever has to widen a number like {@code 1e-999999}.
   */
  private static BigDecimal seconds(Map<String, Object> claims, String name) throws Refused {
    Object v = claims.get(name);
    if (v instanceof Long n && n >= 0 && n <= MAX_SECONDS.longValue()) {
      return BigDecimal.valueOf(n);
    }
    if (v instanceof BigDecimal d) {
      BigDecimal exact = d.stripTrailingZeros();
      if (Math.abs(exact.scale()) <= MAX_SCALE
          && exact.signum() >= 0
          && exact.compareTo(MAX_SECONDS) <= 0) {
        return exact;
      }
    }
    throw new Refused(INVALID);
  }

  private boolean audienceMatches(Object aud) {
    if (aud instanceof String s) {
      return settings.audiences().contains(s);
    }
    return aud instanceof List<?> list
        && list.stream().allMatch(String.class::isInstance)
        && list.stream().anyMatch(settings.audiences()::contains);
  }

  private static Set<String> scopes(Map<String, Object> claims) throws Refused {
    Object v = claims.containsKey("scope") ? claims.get("scope") : claims.get("scp");
    if (v == null) {
      return Set.of();
    }
    if (v instanceof String s) {
      return Arrays.stream(s.split(" ")).filter(t -> !t.isEmpty()).collect(Collectors.toSet());
    }
    if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).collect(Collectors.toSet());
    }
    throw new Refused(INVALID);
  }

  /** Roles from a dotted path; anything but a string or an array of strings grants none. */
  private Set<String> roles(Map<String, Object> claims) {
    if (settings.rolesClaim() == null) {
      return Set.of();
    }
    Object v = at(claims, settings.rolesClaim());
    if (v instanceof String s) {
      return Set.of(s);
    }
    if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).collect(Collectors.toSet());
    }
    return Set.of();
  }

  /** The value at a dotted path such as {@code realm_access.roles} or {@code cnf.x5t#S256}. */
  private static Object at(Map<String, Object> claims, String path) {
    Object v = claims;
    for (String part : path.split("\\.")) {
      v = v instanceof Map<?, ?> m ? m.get(part) : null;
    }
    return v;
  }
}
