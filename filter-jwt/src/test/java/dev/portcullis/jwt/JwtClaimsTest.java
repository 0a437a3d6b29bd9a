package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.EXPIRED;
import static dev.portcullis.jwt.Fixture.REJECTED;
import static dev.portcullis.jwt.Fixture.authenticate;
import static dev.portcullis.jwt.Fixture.header;
import static dev.portcullis.jwt.Fixture.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SECURITY-CASES "JWT path", claims; and the identity built from valid claims. */
class JwtClaimsTest {
  private Fixture f;
  private Authenticator jwt;
  private long now;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    jwt = f.authenticator();
    now = f.time.instant().getEpochSecond();
  }

  @AfterEach
  void stop() {
    jwt.close();
    f.close();
  }

  private AuthResult with(String claim, Object value) throws Exception {
    Map<String, Object> c = f.claims();
    c.put(claim, value);
    return authenticate(jwt, f.token(c));
  }

  private AuthResult without(String claim) throws Exception {
    Map<String, Object> c = f.claims();
    c.remove(claim);
    return authenticate(jwt, f.token(c));
  }

  /** Claims as raw JSON text, for numbers jose4j would not write. */
  private AuthResult rawExp(String exp) throws Exception {
    String payload = JsonUtil.toJson(f.claims()).replaceFirst("\"exp\":\\d+", "\"exp\":" + exp);
    return authenticate(
        jwt, sign(JsonUtil.toJson(header("RS256", "k1")), payload, "RS256", f.rsa.getPrivate()));
  }

  @Test
  void authenticateWhenExpPastOrNowThenExpired() throws Exception {
    assertThat(with("exp", now - 1)).isEqualTo(EXPIRED);
    assertThat(with("exp", now)).isEqualTo(EXPIRED);
  }

  @Test
  void authenticateWhenExpMissingOrMalformedThenInvalidToken() throws Exception {
    assertThat(without("exp")).isEqualTo(REJECTED);
    assertThat(with("exp", String.valueOf(now + 300))).isEqualTo(REJECTED);
    assertThat(with("exp", true)).isEqualTo(REJECTED);
    assertThat(rawExp("1e400")).isEqualTo(REJECTED);
    assertThat(rawExp("-1")).isEqualTo(REJECTED);
    assertThat(rawExp("99999999999999999999999")).isEqualTo(REJECTED);
    assertThat(rawExp(String.valueOf(Long.MAX_VALUE))).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenNbfInFutureBeyondSkewThenInvalidToken() throws Exception {
    assertThat(with("nbf", now + 61)).isEqualTo(REJECTED);
    assertThat(with("nbf", now + 60)).isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void authenticateWhenIatInFutureBeyondSkewThenInvalidToken() throws Exception {
    assertThat(with("iat", now + 61)).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenLifetimeBeyondMaximumThenInvalidToken() throws Exception {
    f.config.put("maxLifetime", "10m");
    try (Authenticator a = f.authenticator()) {
      Map<String, Object> c = f.claims();
      c.put("exp", now + 601);
      assertThat(authenticate(a, f.token(c))).isEqualTo(REJECTED);
      c.put("exp", now + 600);
      assertThat(authenticate(a, f.token(c))).isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void authenticateWhenIssuerDiffersSlightlyThenInvalidToken() throws Exception {
    assertThat(with("iss", Fixture.ISSUER + "/")).isEqualTo(REJECTED);
    assertThat(with("iss", "https://ISSUER.example")).isEqualTo(REJECTED);
    assertThat(with("iss", "http://issuer.example")).isEqualTo(REJECTED);
    assertThat(without("iss")).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenAudienceMissingOtherEmptyOrNumberThenInvalidToken() throws Exception {
    assertThat(without("aud")).isEqualTo(REJECTED);
    assertThat(with("aud", "other")).isEqualTo(REJECTED);
    assertThat(with("aud", List.of())).isEqualTo(REJECTED);
    assertThat(with("aud", 42)).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenAudienceArrayContainsUsThenAuthenticated() throws Exception {
    assertThat(with("aud", List.of("other", "api"))).isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void authenticateWhenRequiredClaimMissingThenInvalidToken() throws Exception {
    for (String claim : List.of("iss", "exp", "aud", "sub", "client_id", "iat", "jti")) {
      assertThat(without(claim)).as(claim).isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenUnknownExtraClaimsThenAuthenticated() throws Exception {
    assertThat(with("https://example.com/tenant", Map.of("id", 7)))
        .isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void authenticateWhenRequiredNestedClaimMissingThenInvalidToken() throws Exception {
    f.config.put("requiredClaims", "sub,cnf.x5t#S256");
    try (Authenticator a = f.authenticator()) {
      Map<String, Object> c = f.claims();
      c.put("cnf", Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"));
      assertThat(authenticate(a, f.token(c))).isEqualTo(REJECTED);
      c.put("cnf", Map.of("x5t#S256", "A4DtL2JmUMhAsvJj5tKyn64SqzmuXbMrJa0n761y5v0"));
      assertThat(authenticate(a, f.token(c))).isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void authenticateWhenRequiredClaimValueDiffersThenInvalidToken() throws Exception {
    f.config.put("claimValues", "client_id=client-1,groups=admins");
    try (Authenticator a = f.authenticator()) {
      Map<String, Object> c = f.claims();
      c.put("groups", List.of("users", "admins"));
      assertThat(authenticate(a, f.token(c))).isInstanceOf(AuthResult.Authenticated.class);
      c.put("groups", List.of("users"));
      assertThat(authenticate(a, f.token(c))).isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenValidThenIdentityCarriesClaimsScopesRolesAndExpiry() throws Exception {
    f.config.put("rolesClaim", "realm_access.roles");
    f.config.put("principalClaim", "preferred_username");
    try (Authenticator a = f.authenticator()) {
      Map<String, Object> c = f.claims();
      c.put("preferred_username", "alice@example");
      c.put("realm_access", Map.of("roles", List.of("admin", "user")));
      c.put("cnf", Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"));
      Identity id = ((AuthResult.Authenticated) authenticate(a, f.token(c))).identity();
      assertThat(id.getName()).isEqualTo("alice@example");
      assertThat(id.authType()).isEqualTo("Bearer");
      assertThat(id.mechanism()).isEqualTo("jwt");
      assertThat(id.scopes()).containsExactlyInAnyOrder("read", "write");
      assertThat(id.roles()).containsExactlyInAnyOrder("admin", "user");
      assertThat(id.expiresAt()).contains(Instant.ofEpochSecond(now + 300));
      assertThat(id.certificateThumbprint())
          .contains("bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2");
      @SuppressWarnings("unchecked")
      Map<String, Object> claims = (Map<String, Object>) id.attributes().get("claims");
      assertThat(claims).containsEntry("client_id", "client-1");
    }
  }

  @Test
  void authenticateWhenScpArrayThenScopesFromArray() throws Exception {
    Map<String, Object> c = f.claims();
    c.remove("scope");
    c.put("scp", List.of("orders.read", "orders.write"));
    Identity id = ((AuthResult.Authenticated) authenticate(jwt, f.token(c))).identity();
    assertThat(id.scopes()).containsExactlyInAnyOrder("orders.read", "orders.write");
  }

  @Test
  void authenticateWhenScopeOrCnfMalformedThenInvalidToken() throws Exception {
    assertThat(with("scope", List.of(1, 2))).isEqualTo(REJECTED);
    assertThat(with("cnf", "x")).isEqualTo(REJECTED);
    assertThat(with("cnf", Map.of("x5t#S256", 5))).isEqualTo(REJECTED);
  }
}
