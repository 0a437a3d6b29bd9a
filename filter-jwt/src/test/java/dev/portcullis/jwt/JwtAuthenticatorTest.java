package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.EXPIRED;
import static dev.portcullis.jwt.Fixture.REJECTED;
import static dev.portcullis.jwt.Fixture.authenticate;
import static dev.portcullis.jwt.Fixture.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Authorization;
import dev.portcullis.testing.FakeRequest;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issuer routing and isolation, the verdict cache, opaque tokens and credential sources. */
class JwtAuthenticatorTest {
  private Fixture f;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private Map<String, String> twoIssuers(KeyPair b) {
    f.server.serve("/b/jwks", Fixture.jwks(Fixture.rsaJwk(b, "kb", "RS256")));
    Map<String, String> c = new LinkedHashMap<>();
    c.put("issuers", "a,b");
    c.put("a.issuer", Fixture.ISSUER);
    c.put("a.audience", "api");
    c.put("a.jwksUri", f.server.url("/jwks"));
    c.put("b.issuer", "https://b.example");
    c.put("b.audience", "api");
    c.put("b.jwksUri", f.server.url("/b/jwks"));
    return c;
  }

  private String signed(Map<String, Object> claims, String kid, KeyPair key) {
    return Fixture.sign(
        JsonUtil.toJson(header("RS256", kid)), JsonUtil.toJson(claims), "RS256", key.getPrivate());
  }

  @Test
  void authenticateWhenTwoIssuersThenEachTokenVerifiedByItsOwnIssuer() throws Exception {
    KeyPair b = Fixture.generate("RSA", 2048);
    try (Authenticator a = f.authenticator(twoIssuers(b))) {
      assertThat(authenticate(a, f.token())).isInstanceOf(AuthResult.Authenticated.class);
      Map<String, Object> claims = f.claims();
      claims.put("iss", "https://b.example");
      assertThat(authenticate(a, signed(claims, "kb", b)))
          .isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void authenticateWhenSignedByIssuerAKeyButClaimingIssuerBThenInvalidToken() throws Exception {
    KeyPair b = Fixture.generate("RSA", 2048);
    try (Authenticator a = f.authenticator(twoIssuers(b))) {
      Map<String, Object> claims = f.claims();
      claims.put("iss", "https://b.example");
      assertThat(authenticate(a, signed(claims, "k1", f.rsa))).isEqualTo(REJECTED);
      f.time.advance(Duration.ofSeconds(30));
      assertThat(authenticate(a, signed(claims, "kb", f.rsa))).isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenIssuerNotConfiguredThenInvalidTokenWithoutFetching() throws Exception {
    try (Authenticator a = f.authenticator()) {
      Map<String, Object> claims = f.claims();
      claims.put("iss", "https://elsewhere.example");
      assertThat(authenticate(a, f.token(claims))).isEqualTo(REJECTED);
      assertThat(f.server.count("/jwks")).isZero();
    }
  }

  @Test
  void authenticateWhenIssuerNotConfiguredAndPassModeThenNotAttemptedWithoutFetching()
      throws Exception {
    f.config.put("opaqueTokens", "pass");
    try (Authenticator a = f.authenticator()) {
      Map<String, Object> claims = f.claims();
      claims.put("iss", "https://elsewhere.example");
      String token = f.token(claims);
      assertThat(authenticate(a, token)).isEqualTo(AuthResult.notAttempted());
      assertThat(authenticate(a, token)).isEqualTo(AuthResult.notAttempted());
      assertThat(f.server.count("/jwks")).isZero();
    }
  }

  @Test
  void authenticateWhenSameTokenRepeatedThenServedFromCache() throws Exception {
    try (Authenticator a = f.authenticator()) {
      String token = f.token();
      assertThat(authenticate(a, token)).isInstanceOf(AuthResult.Authenticated.class);
      f.server.serve("/jwks", Fixture.jwks());
      f.time.advance(Duration.ofSeconds(30));
      // A fresh check would now find no key; the cached verdict answers without one.
      for (int i = 0; i < 5; i++) {
        assertThat(authenticate(a, token)).isInstanceOf(AuthResult.Authenticated.class);
      }
      assertThat(f.server.count("/jwks")).isEqualTo(1);
    }
  }

  @Test
  void authenticateWhenBadTokenRepeatedThenNegativeCachedBriefly() throws Exception {
    KeyPair next = Fixture.generate("RSA", 2048);
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, f.token())).isInstanceOf(AuthResult.Authenticated.class);
      String early = signed(f.claims(), "k2", next);
      assertThat(authenticate(a, early)).isEqualTo(REJECTED);
      f.server.serve("/jwks", Fixture.jwks(Fixture.rsaJwk(next, "k2", "RS256")));
      f.time.advance(Duration.ofSeconds(29));
      assertThat(authenticate(a, early)).isEqualTo(REJECTED);
      f.time.advance(Duration.ofSeconds(1));
      assertThat(authenticate(a, early)).isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void authenticateWhenCachedTokenReachesExpThenExpired() throws Exception {
    try (Authenticator a = f.authenticator()) {
      String token = f.token();
      assertThat(authenticate(a, token)).isInstanceOf(AuthResult.Authenticated.class);
      f.time.advance(Duration.ofSeconds(299));
      assertThat(authenticate(a, token)).isInstanceOf(AuthResult.Authenticated.class);
      f.time.advance(Duration.ofSeconds(1));
      assertThat(authenticate(a, token)).isEqualTo(EXPIRED);
    }
  }

  @Test
  void authenticateWhenOpaqueTokenAndRejectModeThenInvalidToken() throws Exception {
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, "2YotnFZFEjr1zCsicMWpAA")).isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenOpaqueTokenAndPassModeThenNotAttempted() throws Exception {
    f.config.put("opaqueTokens", "pass");
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, "2YotnFZFEjr1zCsicMWpAA")).isEqualTo(AuthResult.notAttempted());
      assertThat(authenticate(a, "a.b")).isEqualTo(AuthResult.notAttempted());
      assertThat(authenticate(a, "a.b.c")).isEqualTo(REJECTED);
      assertThat(authenticate(a, "a.b.c.d.e")).isEqualTo(REJECTED);
      assertThat(authenticate(a, "x".repeat(9000))).isEqualTo(REJECTED);
      // not a token68 at all: refused here rather than handed to introspection
      assertThat(authenticate(a, "opaque%2Ctoken")).isEqualTo(REJECTED);
      assertThat(authenticate(a, "a\u00e9b")).isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenMalformedTokenRepeatedThenRejectedFromTheNegativeCache() throws Exception {
    try (Authenticator a = f.authenticator()) {
      String malformed = f.token().replaceFirst("\\.", "?.");
      assertThat(authenticate(a, malformed)).isEqualTo(REJECTED);
      assertThat(authenticate(a, malformed)).isEqualTo(REJECTED);
      assertThat(((JwtAuthenticator) a).cache().stats().hitCount()).isEqualTo(1);
      assertThat(f.server.count("/jwks")).isZero();
    }
  }

  @Test
  void presentedSourcesWhenBearerThenAuthorizationElseNothing() {
    try (Authenticator a = f.authenticator()) {
      AuthenticationRequest bearer = Fixture.request("t");
      AuthenticationRequest basic =
          new AuthenticationRequest(
              FakeRequest.get("/").build(), new Authorization("Basic", "dTpw"));
      AuthenticationRequest none = new AuthenticationRequest(FakeRequest.get("/").build(), null);
      assertThat(a.presentedSources(bearer)).containsExactly("authorization");
      assertThat(a.presentedSources(basic)).isEmpty();
      assertThat(a.presentedSources(none)).isEmpty();
    }
  }

  @Test
  void authenticateWhenOtherSchemeOrNoneThenNotAttempted() throws Exception {
    try (Authenticator a = f.authenticator()) {
      AuthenticationRequest basic =
          new AuthenticationRequest(
              FakeRequest.get("/").build(), new Authorization("Basic", "dTpw"));
      assertThat(a.authenticate(basic)).isEqualTo(AuthResult.notAttempted());
    }
  }
}
