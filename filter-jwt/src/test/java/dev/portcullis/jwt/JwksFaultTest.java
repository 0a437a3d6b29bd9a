package dev.portcullis.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.AuthenticationFilterBuilder;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fault injection at the JWKS endpoint, through the whole filter and on fake time: down, slow
 * beyond the read timeout, garbage, and flapping. The cached key set keeps serving known keys
 * within its lifetime plus {@code jwksMaxStale}; a key the cache cannot vouch for gets 503 with
 * {@code Retry-After} (never a cached 401); the filter recovers by itself once the endpoint is
 * back. Fetches are counted at the loopback server.
 */
class JwksFaultTest {
  private static final Duration COOLDOWN = Duration.ofSeconds(31);
  private Fixture f;
  private AuthenticationFilter filter;
  private final List<Map<String, Object>> published = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    f.config.put("readTimeout", "1s");
    f.config.put("connectTimeout", "1s");
    f.config.put("jwksMinTtl", "5m");
    f.config.put("jwksMaxTtl", "5m");
    f.config.put("jwksMaxStale", "10m");
    f.config.put("jwksRefreshCooldown", "30s");
    AuthenticationFilterBuilder b =
        AuthenticationFilter.builder().mechanisms("jwt").time(f.time, f.time);
    f.config.forEach((k, v) -> b.set("jwt." + k, v));
    filter = b.build();
    filter.init(new FakeFilterConfig());
    published.add(Fixture.rsaJwk(f.rsa, "k1", "RS256"));
    publish();
    assertThat(send(fresh("k1", f.rsa)).status()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    filter.destroy();
    f.close();
  }

  private Map<String, JwksServer.Reply> failures() {
    Map<String, JwksServer.Reply> failures = new LinkedHashMap<>();
    failures.put("500", new JwksServer.Reply(500, "{}", Map.of()));
    failures.put("garbage", new JwksServer.Reply(200, "{\"keys\":[{\"kty\":", Map.of()));
    failures.put("not a key set", new JwksServer.Reply(200, "<html>login</html>", Map.of()));
    failures.put(
        "slow", new JwksServer.Reply(200, Fixture.jwks(published.toArray()), Map.of(), 3_000));
    return failures;
  }

  @Test
  void doFilterWhenEndpointFailsEachWayThenKnownKeysServeNewKid503AndRecovery() throws Exception {
    int phase = 0;
    for (Map.Entry<String, JwksServer.Reply> failure : failures().entrySet()) {
      KeyPair rotated = Fixture.generate("RSA", 2048);
      String kid = "rotated-" + phase++;
      f.server.serve("/jwks", failure.getValue());
      f.time.advance(COOLDOWN);
      int before = f.server.count("/jwks");

      String newToken = fresh(kid, rotated);
      assertUnavailable(send(newToken));
      assertUnavailable(send(newToken));
      assertThat(send(fresh("k1", f.rsa)).status()).as(failure.getKey()).isEqualTo(200);
      assertThat(f.server.count("/jwks")).as(failure.getKey()).isEqualTo(before + 1);

      published.add(Fixture.rsaJwk(rotated, kid, "RS256"));
      publish();
      f.time.advance(COOLDOWN);
      assertThat(send(newToken).status()).as("recovered after " + failure.getKey()).isEqualTo(200);
      assertThat(f.server.count("/jwks")).isEqualTo(before + 2);
    }
  }

  @Test
  void doFilterWhenEndpointFlapsThenNewKidsFollowTheEndpointAtThatMoment() throws Exception {
    int before = f.server.count("/jwks");
    for (int i = 0; i < 10; i++) {
      boolean up = i % 2 == 1;
      KeyPair rotated = Fixture.generate("RSA", 2048);
      published.add(Fixture.rsaJwk(rotated, "flap-" + i, "RS256"));
      if (up) {
        publish();
      } else {
        f.server.serve("/jwks", new JwksServer.Reply(503, "{}", Map.of()));
      }
      f.time.advance(COOLDOWN);
      FakeResponse response = send(fresh("flap-" + i, rotated));
      if (up) {
        assertThat(response.status()).as("request %d", i).isEqualTo(200);
      } else {
        assertUnavailable(response);
      }
      assertThat(send(fresh("k1", f.rsa)).status()).isEqualTo(200);
    }
    assertThat(f.server.count("/jwks")).isEqualTo(before + 10);
  }

  @Test
  void doFilterWhenEndpointDownPastLifetimePlusMaxStaleThen503UntilItIsBack() throws Exception {
    f.server.serve("/jwks", new JwksServer.Reply(503, "{}", Map.of()));
    f.time.advance(Duration.ofMinutes(14));
    assertThat(send(fresh("k1", f.rsa)).status()).isEqualTo(200);

    f.time.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertUnavailable(send(fresh("k1", f.rsa)));

    publish();
    f.time.advance(COOLDOWN);
    assertThat(send(fresh("k1", f.rsa)).status()).isEqualTo(200);
  }

  private void publish() {
    f.server.serve("/jwks", Fixture.jwks(published.toArray()));
  }

  /** A valid token signed by {@code key} under {@code kid}, with a new jti (so never cached). */
  private String fresh(String kid, KeyPair key) {
    Map<String, Object> claims = f.claims();
    claims.put("jti", UUID.randomUUID().toString());
    return Fixture.sign(
        JsonUtil.toJson(Fixture.header("RS256", kid)),
        JsonUtil.toJson(claims),
        "RS256",
        key.getPrivate());
  }

  private static void assertUnavailable(FakeResponse response) {
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("5");
    assertThat(response.headers("WWW-Authenticate")).isEmpty();
  }

  private FakeResponse send(String token) throws Exception {
    FakeResponse response = new FakeResponse();
    RecordingChain chain = new RecordingChain();
    filter.doFilter(
        FakeRequest.get("/api/me").header("Authorization", "Bearer " + token).build(),
        response.servlet(),
        chain);
    return response;
  }
}
