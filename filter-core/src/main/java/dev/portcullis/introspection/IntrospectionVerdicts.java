package dev.portcullis.introspection;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.CredentialShapes;
import dev.portcullis.Identity;
import dev.portcullis.IdentityBuilder;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.jose.NumericDate;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns an RFC 7662 answer into a verdict: only a JSON {@code true} in {@code active} is active;
 * then type, issuer, audience and subject are checked and the identity is built. The {@code exp}
 * becomes the identity's expiry, which the cache enforces on every hit; {@link #recheck}, applied
 * to every cached or fresh verdict, does the same for {@code nbf}.
 */
final class IntrospectionVerdicts {
  static final AuthError INACTIVE =
      AuthError.invalidToken("The access token is not active").withReason("inactive");
  static final AuthError EXPIRED =
      AuthError.invalidToken("The access token has expired").withReason("expired");
  static final AuthError NOT_YET_VALID =
      AuthError.invalidToken("The access token is not yet valid").withReason("not_yet_valid");

  /** Another issuer or audience answers as the JWT path does; only the audit reason names it. */
  static final AuthError WRONG_ISSUER =
      AuthError.invalidToken("The access token is invalid").withReason("wrong_issuer");

  static final AuthError WRONG_AUDIENCE =
      AuthError.invalidToken("The access token is invalid").withReason("wrong_audience");
  static final AuthError NOT_BEARER =
      AuthError.invalidToken("The access token is not a bearer token").withReason("not_bearer");
  static final AuthError NO_SUBJECT =
      AuthError.invalidToken("The access token names no subject").withReason("no_subject");
  static final AuthError MALFORMED_CONFIRMATION =
      AuthError.invalidToken("The access token is invalid").withReason("malformed_cnf");

  /** The one confirmation method (RFC 8705 §3.1) the filter verifies; any other is refused. */
  static final String CERTIFICATE_THUMBPRINT = "x5t#S256";

  /** The DPoP key binding (RFC 9449 §6.2), which the filter checks against the proof's key. */
  static final String KEY_THUMBPRINT = "jkt";

  /** The identity attribute holding the {@code nbf} instant, re-checked on every cache hit. */
  static final String NOT_BEFORE = "nbf";

  /** Largest accepted timestamp: 9999-12-31T23:59:59Z. */
  private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(253_402_300_799L);

  private final IntrospectionSettings settings;
  private final Clock clock;

  IntrospectionVerdicts(IntrospectionSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  AuthResult judge(JsonObject answer, String fingerprint) throws ServiceUnavailableException {
    JsonValue active = answer.get("active");
    if (active == null || active.getValueType() != JsonValue.ValueType.TRUE) {
      return AuthResult.rejected(INACTIVE);
    }
    JsonValue cnf = answer.get("cnf");
    if (cnf != null && !(cnf instanceof JsonObject)
        || cnf instanceof JsonObject c
            && (c.containsKey(CERTIFICATE_THUMBPRINT)
                    && !(c.get(CERTIFICATE_THUMBPRINT) instanceof JsonString)
                || c.containsKey(KEY_THUMBPRINT)
                    && !(c.get(KEY_THUMBPRINT) instanceof JsonString jkt
                        && CredentialShapes.sha256Thumbprint(jkt.getString())))) {
      return AuthResult.rejected(MALFORMED_CONFIRMATION);
    }
    // RFC 7800 §3: one confirmation method the filter verifies (RFC 8705 or RFC 9449), or none
    Optional<String> keyThumbprint =
        cnf instanceof JsonObject c ? string(c, KEY_THUMBPRINT) : Optional.empty();
    if (cnf instanceof JsonObject c
        && (c.size() > 1
            || c.keySet().stream()
                .anyMatch(m -> !m.equals(CERTIFICATE_THUMBPRINT) && !m.equals(KEY_THUMBPRINT)))) {
      return AuthResult.rejected(NOT_BEARER);
    }
    // RFC 9449 §6.2: token_type DPoP names a DPoP-bound token, which must say to which key
    Optional<String> tokenType = string(answer, "token_type");
    if (tokenType.isPresent()
        && !tokenType.get().equalsIgnoreCase("Bearer")
        && !(tokenType.get().equalsIgnoreCase("DPoP") && keyThumbprint.isPresent())) {
      return AuthResult.rejected(NOT_BEARER);
    }
    if (settings.issuer().isPresent() && !settings.issuer().equals(string(answer, "iss"))) {
      return AuthResult.rejected(WRONG_ISSUER);
    }
    if (settings.audience().isPresent() && !audienceMatches(answer, settings.audience().get())) {
      return AuthResult.rejected(WRONG_AUDIENCE);
    }
    Optional<String> name = string(answer, settings.principalClaim());
    if (name.isEmpty() || name.get().isEmpty()) {
      return AuthResult.rejected(NO_SUBJECT);
    }
    IdentityBuilder identity =
        Identity.builder(
                name.get(),
                IntrospectionAuthenticatorFactory.NAME,
                keyThumbprint.isPresent() ? "DPoP" : "Bearer")
            .scopes(strings(answer, "scope"))
            .expiresAt(instant(answer, "exp", true))
            .fingerprint(fingerprint);
    settings.rolesClaim().ifPresent(claim -> identity.roles(strings(answer, claim)));
    string(answer, "client_id").ifPresent(id -> identity.attribute("client_id", id));
    Instant notBefore = instant(answer, "nbf", false);
    if (notBefore != null) {
      identity.attribute(NOT_BEFORE, notBefore);
    }
    if (cnf instanceof JsonObject c) {
      identity.certificateThumbprint(string(c, CERTIFICATE_THUMBPRINT).orElse(null));
      identity.keyThumbprint(keyThumbprint.orElse(null));
    }
    return AuthResult.authenticated(identity.build());
  }

  /** Refuses an identity whose {@code nbf} is still ahead, allowing the configured skew. */
  AuthResult recheck(AuthResult result) {
    if (result instanceof AuthResult.Authenticated ok
        && ok.identity().attributes().get(NOT_BEFORE) instanceof Instant notBefore
        && clock.instant().plus(settings.clockSkew()).isBefore(notBefore)) {
      return AuthResult.rejected(NOT_YET_VALID);
    }
    return result;
  }

  private static Optional<String> string(JsonObject object, String member) {
    return object.get(member) instanceof JsonString s
        ? Optional.of(s.getString())
        : Optional.empty();
  }

  /** A space-delimited string or an array of strings (other elements ignored). */
  private static List<String> strings(JsonObject object, String member) {
    if (object.get(member) instanceof JsonString s) {
      return Arrays.stream(s.getString().split(" ")).filter(t -> !t.isEmpty()).toList();
    }
    return array(object.get(member));
  }

  /**
   * RFC 7519 §4.1.3: one string, or an array of strings one of which is ours; an array holding
   * anything but strings is malformed and matches nothing, as on the JWT path.
   */
  private static boolean audienceMatches(JsonObject object, String audience) {
    JsonValue aud = object.get("aud");
    if (aud instanceof JsonString s) {
      return s.getString().equals(audience);
    }
    return aud instanceof JsonArray array
        && array.stream().allMatch(JsonString.class::isInstance)
        && array.getValuesAs(JsonString.class).stream()
            .anyMatch(s -> s.getString().equals(audience));
  }

  private static List<String> array(JsonValue value) {
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (JsonValue item : array) {
        if (item instanceof JsonString s) {
          out.add(s.getString());
        }
      }
    }
    return out;
  }

  /**
   * A NumericDate member, fractions kept (RFC 7519 §2): an expiry rounded down, a not-before up,
   * and only below the nanosecond, as the JWT path compares them.
   */
  private static Instant instant(JsonObject object, String member, boolean expiry)
      throws ServiceUnavailableException {
    JsonValue value = object.get(member);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (value instanceof JsonNumber n
        && n.bigDecimalValue().signum() >= 0
        && n.bigDecimalValue().compareTo(MAX_SECONDS) <= 0) {
      return expiry
          ? NumericDate.expiry(n.bigDecimalValue())
          : NumericDate.notBefore(n.bigDecimalValue());
    }
    throw new ServiceUnavailableException(
        "Introspection endpoint answered a malformed " + member + " member");
  }
}
