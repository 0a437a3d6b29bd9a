package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.REJECTED;
import static dev.portcullis.jwt.Fixture.authenticate;
import static dev.portcullis.jwt.Fixture.b64;
import static dev.portcullis.jwt.Fixture.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.ServiceUnavailableException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SECURITY-CASES "Reliability" and the kid flood, against a loopback JWKS server. */
class JwksReliabilityTest {
  private static final JwksServer.Reply DOWN = new JwksServer.Reply(503, "{}", Map.of());
  private Fixture f;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
  }

  @AfterEach
  void stop() {
    f.close();
  }

  private String tokenWithKid(String kid, KeyPair key) {
    return Fixture.sign(
        JsonUtil.toJson(header("RS256", kid)),
        JsonUtil.toJson(f.claims()),
        "RS256",
        key.getPrivate());
  }

  /** A token with a fresh jti, so the verdict cache cannot answer. */
  private String freshToken() {
    Map<String, Object> c = f.claims();
    c.put("jti", UUID.randomUUID().toString());
    return f.token(c);
  }

  @Test
  void createWhenIdentityProviderDownThenDeploysWithoutFetching() {
    f.server.serve("/jwks", DOWN);
    try (Authenticator a = f.authenticator()) {
      assertThat(a).isNotNull();
    }
    assertThat(f.server.count("/jwks")).isZero();
  }

  @Test
  void authenticateWhenNothingCachedAndEndpointDownThenUnavailableUntilItRecovers()
      throws Exception {
    f.server.serve("/jwks", DOWN);
    try (Authenticator a = f.authenticator()) {
      String token = f.token();
      assertThatThrownBy(() -> authenticate(a, token))
          .isInstanceOf(ServiceUnavailableException.class);
      f.server.serve("/jwks", Fixture.jwks(Fixture.rsaJwk(f.rsa, "k1", "RS256")));
      assertThatThrownBy(() -> authenticate(a, token))
          .isInstanceOf(ServiceUnavailableException.class);
      assertThat(f.server.count("/jwks")).isEqualTo(1);
      f.time.advance(Duration.ofSeconds(30));
      assertThat(authenticate(a, token)).isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void authenticateWhenEndpointDownWithKeysCachedThenKnownKidPassesUnknownKidUnavailable()
      throws Exception {
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, freshToken())).isInstanceOf(AuthResult.Authenticated.class);
      f.server.serve("/jwks", DOWN);
      f.time.advance(Duration.ofHours(2));
      assertThat(authenticate(a, freshToken())).isInstanceOf(AuthResult.Authenticated.class);
      KeyPair rotated = Fixture.generate("RSA", 2048);
      assertThatThrownBy(() -> authenticate(a, tokenWithKid("k9", rotated)))
          .isInstanceOf(ServiceUnavailableException.class);
      f.time.advance(Duration.ofHours(22));
      assertThat(authenticate(a, freshToken())).isInstanceOf(AuthResult.Authenticated.class);
      f.time.advance(Duration.ofMinutes(6));
      assertThatThrownBy(() -> authenticate(a, freshToken()))
          .isInstanceOf(ServiceUnavailableException.class);
    }
  }

  @Test
  void authenticateWhenEndpointDownBeyondStaleWindowThenUnavailable() throws Exception {
    f.config.put("jwksMaxStale", "1h");
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, freshToken())).isInstanceOf(AuthResult.Authenticated.class);
      f.server.serve("/jwks", DOWN);
      f.time.advance(Duration.ofMinutes(5 + 61));
      assertThatThrownBy(() -> authenticate(a, freshToken()))
          .isInstanceOf(ServiceUnavailableException.class);
      f.server.serve("/jwks", Fixture.jwks(Fixture.rsaJwk(f.rsa, "k1", "RS256")));
      f.time.advance(Duration.ofSeconds(30));
      assertThat(authenticate(a, freshToken())).isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void authenticateWhenKeysRotateThenNewKidFetchedWithoutRestart() throws Exception {
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, freshToken())).isInstanceOf(AuthResult.Authenticated.class);
      KeyPair next = Fixture.generate("RSA", 2048);
      f.server.serve("/jwks", Fixture.jwks(Fixture.rsaJwk(next, "k2", "RS256")));
      f.time.advance(Duration.ofSeconds(30));
      assertThat(authenticate(a, tokenWithKid("k2", next)))
          .isInstanceOf(AuthResult.Authenticated.class);
      assertThat(f.server.count("/jwks")).isEqualTo(2);
    }
  }

  @Test
  void authenticateWhenTenThousandRandomKidsThenInvalidTokenAndOneRefetchPerCooldown()
      throws Exception {
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, freshToken())).isInstanceOf(AuthResult.Authenticated.class);
      f.time.advance(Duration.ofSeconds(30));
      String payload = b64(JsonUtil.toJson(f.claims()));
      String signature = b64(new byte[256]);
      for (int i = 0; i < 10_000; i++) {
        String h = b64(JsonUtil.toJson(header("RS256", UUID.randomUUID().toString())));
        assertThat(authenticate(a, h + "." + payload + "." + signature)).isEqualTo(REJECTED);
      }
      assertThat(f.server.count("/jwks")).isEqualTo(2);
      f.time.advance(Duration.ofSeconds(30));
      String h = b64(JsonUtil.toJson(header("RS256", "another")));
      assertThat(authenticate(a, h + "." + payload + "." + signature)).isEqualTo(REJECTED);
      assertThat(f.server.count("/jwks")).isEqualTo(3);
    }
  }

  @Test
  void authenticateWhenJwksContentBadThenUnavailable() throws Exception {
    for (JwksServer.Reply bad :
        new JwksServer.Reply[] {
          new JwksServer.Reply(200, "not json", Map.of()),
          new JwksServer.Reply(200, "{\"keys\":[]} trailing", Map.of()),
          new JwksServer.Reply(200, "{\"keys\":[" + "{},".repeat(60_000) + "{}]}", Map.of()),
          new JwksServer.Reply(302, "", Map.of("Location", f.server.url("/jwks"))),
        }) {
      f.server.serve("/bad", bad);
      f.config.put("jwksUri", f.server.url("/bad"));
      try (Authenticator a = f.authenticator()) {
        assertThatThrownBy(() -> authenticate(a, f.token()))
            .isInstanceOf(ServiceUnavailableException.class);
      }
    }
  }

  @Test
  void authenticateWhenEndpointUnreachableThenUnavailableWithinTimeouts() throws Exception {
    JwksServer gone = new JwksServer();
    String url = gone.url("/jwks");
    gone.close();
    f.config.put("jwksUri", url);
    try (Authenticator a = f.authenticator()) {
      assertThatThrownBy(() -> authenticate(a, f.token()))
          .isInstanceOf(ServiceUnavailableException.class);
    }
  }

  @Test
  void authenticateWhenEndpointSlowThenUnavailableWithinReadTimeout() throws Exception {
    f.server.serve("/slow", new JwksServer.Reply(200, Fixture.jwks(), Map.of(), 5_000));
    f.config.put("jwksUri", f.server.url("/slow"));
    f.config.put("readTimeout", "300ms");
    try (Authenticator a = f.authenticator()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> authenticate(a, f.token()))
          .isInstanceOf(ServiceUnavailableException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void authenticateWhenManyThreadsPresentUnknownKidsAtOnceThenOneFetch() throws Exception {
    f.server.serve(
        "/jwks",
        new JwksServer.Reply(
            200, Fixture.jwks(Fixture.rsaJwk(f.rsa, "k1", "RS256")), Map.of(), 200));
    try (Authenticator a = f.authenticator()) {
      String payload = b64(JsonUtil.toJson(f.claims()));
      String signature = b64(new byte[256]);
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(16);
      java.util.List<java.util.concurrent.Future<AuthResult>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String h = b64(JsonUtil.toJson(header("RS256", "kid-" + i)));
        results.add(pool.submit(() -> authenticate(a, h + "." + payload + "." + signature)));
      }
      for (java.util.concurrent.Future<AuthResult> r : results) {
        assertThat(r.get()).isEqualTo(REJECTED);
      }
      pool.shutdown();
      assertThat(f.server.count("/jwks")).isEqualTo(1);
    }
  }
}
