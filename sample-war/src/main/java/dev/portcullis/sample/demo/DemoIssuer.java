package dev.portcullis.sample.demo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * DEMO ONLY: an in-memory token issuer so the sample runs with nothing else installed. It mints
 * RS256 access tokens ({@code typ: at+jwt}) and opaque tokens for anyone who asks, publishes its
 * JWKS and answers RFC 7662 introspection. Keys live in memory and change at every start. Never
 * enable it in a real deployment.
 */
final class DemoIssuer {
  static final String AUDIENCE = "portcullis-sample";
  static final String CLIENT_ID = "demo-client";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String issuer;
  private final RsaJsonWebKey key;
  private final Cache<String, Map<String, Object>> opaqueTokens =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofHours(1)).build();

  DemoIssuer(String issuer) throws JoseException {
    this.issuer = issuer;
    this.key = RsaJwkGenerator.generateJwk(2048);
    key.setKeyId(UUID.randomUUID().toString());
    key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
    key.setUse("sig");
  }

  String issuer() {
    return issuer;
  }

  String jwksJson() {
    return new JsonWebKeySet(key).toJson(); // public parts only
  }

  /** A signed access token; {@code lifetime} is capped at one hour. */
  String mintJwt(String subject, String scope, List<String> roles, Duration lifetime)
      throws JoseException {
    Instant now = Instant.now();
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer);
    claims.setSubject(subject);
    claims.setAudience(AUDIENCE);
    claims.setClaim("client_id", CLIENT_ID);
    claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now.getEpochSecond()));
    claims.setExpirationTime(
        org.jose4j.jwt.NumericDate.fromSeconds(now.plus(lifetime).getEpochSecond()));
    claims.setJwtId(UUID.randomUUID().toString());
    if (!scope.isEmpty()) {
      claims.setClaim("scope", scope);
    }
    if (!roles.isEmpty()) {
      claims.setStringListClaim("groups", roles);
    }
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key.getPrivateKey());
    jws.setKeyIdHeaderValue(key.getKeyId());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "at+jwt");
    return jws.getCompactSerialization();
  }

  /** An opaque token remembered for introspection. */
  String mintOpaque(String subject, String scope, List<String> roles, Duration lifetime) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = Instant.now();
    opaqueTokens.put(
        token,
        Map.of(
            "sub", subject,
            "scope", scope,
            "groups", roles,
            "client_id", CLIENT_ID,
            "iss", issuer,
            "aud", AUDIENCE,
            "iat", now.getEpochSecond(),
            "exp", now.plus(lifetime).getEpochSecond()));
    return token;
  }

  /** The introspection claims of an active opaque token, or null when unknown or expired. */
  Map<String, Object> introspect(String token) {
    Map<String, Object> claims = opaqueTokens.getIfPresent(token);
    if (claims == null || (Long) claims.get("exp") <= Instant.now().getEpochSecond()) {
      return null;
    }
    return claims;
  }
}
