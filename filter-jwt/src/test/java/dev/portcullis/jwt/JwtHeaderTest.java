package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.REJECTED;
import static dev.portcullis.jwt.Fixture.authenticate;
import static dev.portcullis.jwt.Fixture.b64;
import static dev.portcullis.jwt.Fixture.header;
import static dev.portcullis.jwt.Fixture.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SECURITY-CASES "JWT path", header semantics and keys from the token. */
class JwtHeaderTest {
  private Fixture f;
  private Authenticator jwt;
  private JwksServer elsewhere;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    jwt = f.authenticator();
    elsewhere = new JwksServer();
    elsewhere.serve(
        "/evil", Fixture.jwks(Fixture.rsaJwk(Fixture.generate("RSA", 2048), "k1", "RS256")));
  }

  @AfterEach
  void stop() {
    jwt.close();
    f.close();
    elsewhere.close();
  }

  private AuthResult with(String member, Object value) throws Exception {
    Map<String, Object> h = header("RS256", "k1");
    h.put(member, value);
    return authenticate(
        jwt, sign(JsonUtil.toJson(h), JsonUtil.toJson(f.claims()), "RS256", f.rsa.getPrivate()));
  }

  private AuthResult typed(Object typ) throws Exception {
    Map<String, Object> h = new LinkedHashMap<>(header("RS256", "k1"));
    if (typ == null) {
      h.remove("typ");
    } else {
      h.put("typ", typ);
    }
    return authenticate(
        jwt, sign(JsonUtil.toJson(h), JsonUtil.toJson(f.claims()), "RS256", f.rsa.getPrivate()));
  }

  @Test
  void authenticateWhenCritUnknownOrMalformedThenInvalidToken() throws Exception {
    assertThat(with("crit", List.of("exp"))).isEqualTo(REJECTED);
    assertThat(with("crit", "b64")).isEqualTo(REJECTED);
    assertThat(with("crit", List.of())).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenB64FalseThenInvalidToken() throws Exception {
    assertThat(with("b64", false)).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenTypeNotAccessTokenThenInvalidToken() throws Exception {
    assertThat(typed(null)).isEqualTo(REJECTED);
    assertThat(typed("JWT")).isEqualTo(REJECTED);
    assertThat(typed("dpop+jwt")).isEqualTo(REJECTED);
    assertThat(typed("secevent+jwt")).isEqualTo(REJECTED);
    assertThat(typed(42)).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenTypeAccessTokenInAnySpellingThenAuthenticated() throws Exception {
    assertThat(typed("at+jwt")).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(typed("application/at+jwt")).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(typed("AT+JWT")).isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void authenticateWhenPlainJwtTypeConfiguredThenAuthenticated() throws Exception {
    f.config.put("types", "at+jwt,JWT");
    try (Authenticator a = f.authenticator()) {
      Map<String, Object> h = header("RS256", "k1");
      h.put("typ", "JWT");
      String t = sign(JsonUtil.toJson(h), JsonUtil.toJson(f.claims()), "RS256", f.rsa.getPrivate());
      assertThat(authenticate(a, t)).isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void authenticateWhenTypeMissingAndAllowedByIssuerThenAuthenticated() throws Exception {
    f.config.put("allowMissingType", "true");
    try (Authenticator a = f.authenticator()) {
      Map<String, Object> h = header("RS256", "k1");
      h.remove("typ");
      String t = sign(JsonUtil.toJson(h), JsonUtil.toJson(f.claims()), "RS256", f.rsa.getPrivate());
      assertThat(authenticate(a, t)).isInstanceOf(AuthResult.Authenticated.class);
      h.put("typ", "JWT");
      t = sign(JsonUtil.toJson(h), JsonUtil.toJson(f.claims()), "RS256", f.rsa.getPrivate());
      assertThat(authenticate(a, t)).isEqualTo(REJECTED);
    }
  }

  @Test
  void authenticateWhenIdTokenPresentedAsAccessTokenThenInvalidToken() throws Exception {
    Map<String, Object> h = header("RS256", "k1");
    h.put("typ", "JWT");
    Map<String, Object> c = f.claims();
    c.put("aud", "client-1");
    c.put("nonce", "n-0S6_WzA2Mj");
    c.put("auth_time", c.get("iat"));
    c.remove("scope");
    assertThat(
            authenticate(
                jwt, sign(JsonUtil.toJson(h), JsonUtil.toJson(c), "RS256", f.rsa.getPrivate())))
        .isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenDpopProofPresentedAsAccessTokenThenInvalidToken() throws Exception {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("typ", "dpop+jwt");
    h.put("alg", "ES256");
    h.put("jwk", Fixture.ecJwk(f.ec, null, null));
    String payload =
        "{\"jti\":\"e1j3V_bKic8-LAEB\",\"htm\":\"GET\",\"htu\":\"https://api.example/x\",\"iat\":"
            + f.time.instant().getEpochSecond()
            + "}";
    assertThat(authenticate(jwt, sign(JsonUtil.toJson(h), payload, "ES256", f.ec.getPrivate())))
        .isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenJweThenInvalidTokenWithoutDecryption() throws Exception {
    String pbes2 =
        b64(
            "{\"alg\":\"PBES2-HS512+A256KW\",\"enc\":\"A256GCM\",\"p2c\":2147483647,\"p2s\":\"AAAAAAAAAAA\",\"zip\":\"DEF\"}");
    long start = System.nanoTime();
    assertThat(authenticate(jwt, pbes2 + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"))
        .isEqualTo(REJECTED);
    String rsaOaep = b64("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"k1\"}");
    assertThat(authenticate(jwt, rsaOaep + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"))
        .isEqualTo(REJECTED);
    // 2^31 PBKDF2 iterations would take minutes; refusing takes well under a second.
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }

  @Test
  void authenticateWhenNestedJwtThenInvalidToken() throws Exception {
    assertThat(with("cty", "JWT")).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenZipOnJwsThenInvalidToken() throws Exception {
    assertThat(with("zip", "DEF")).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenEmbeddedJwkThenInvalidToken() throws Exception {
    assertThat(with("jwk", Fixture.rsaJwk(f.rsa, "k1", "RS256"))).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenJkuOrX5uPointsElsewhereThenInvalidTokenAndNoRequest() throws Exception {
    assertThat(with("jku", elsewhere.url("/evil"))).isEqualTo(REJECTED);
    assertThat(with("x5u", elsewhere.url("/evil"))).isEqualTo(REJECTED);
    assertThat(elsewhere.count("/evil")).isZero();
  }

  @Test
  void authenticateWhenX5cSelfSignedThenInvalidToken() throws Exception {
    assertThat(with("x5c", List.of("MIIBszCCAVmgAwIBAgIUQ2VydGlmaWNhdGU="))).isEqualTo(REJECTED);
  }

  @Test
  void authenticateWhenKidHostileThenInvalidToken() throws Exception {
    for (Object kid :
        new Object[] {
          "../../../../etc/passwd",
          "k1' OR '1'='1",
          "$(rm -rf /)",
          "K1",
          "k1 ",
          1,
          List.of("k1"),
          "x".repeat(65536)
        }) {
      Map<String, Object> h = header("RS256", null);
      h.put("kid", kid);
      String t = sign(JsonUtil.toJson(h), JsonUtil.toJson(f.claims()), "RS256", f.rsa.getPrivate());
      assertThat(authenticate(jwt, t))
          .as(String.valueOf(kid).substring(0, Math.min(20, String.valueOf(kid).length())))
          .isEqualTo(REJECTED);
    }
  }
}
