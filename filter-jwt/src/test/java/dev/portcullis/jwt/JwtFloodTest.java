package dev.portcullis.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.Flood;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.AuthenticationFilterBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of distinct JWTs with random {@code kid}s (and random bearer garbage) through the whole
 * filter, on fake time advancing one second per thousand tokens: the JWKS endpoint (counted at the
 * loopback server) sees at most one fetch per refresh cooldown, the retained heap stays within the
 * verdict cache's bound, and fresh valid tokens keep passing throughout.
 */
class JwtFloodTest {
  private static final int CACHE_SIZE = 10_000;
  private static final Duration COOLDOWN = Duration.ofSeconds(30);
  private Fixture f;
  private AuthenticationFilter filter;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    f.config.put("cacheMaximumSize", String.valueOf(CACHE_SIZE));
    f.config.put("jwksRefreshCooldown", "30s");
    AuthenticationFilterBuilder b =
        AuthenticationFilter.builder().mechanisms("jwt").time(f.time, f.time);
    f.config.forEach((k, v) -> b.set("jwt." + k, v));
    filter = b.build();
    filter.init(new FakeFilterConfig());
  }

  @AfterEach
  void stop() {
    filter.destroy();
    f.close();
  }

  @Test
  void doFilterWhenFloodedWithRandomKidsThenJwksFetchesBoundedByCooldownAndHeapBounded()
      throws Exception {
    assertThat(send(valid())).isEqualTo(200);
    String payload = Fixture.b64(JsonUtil.toJson(f.claims()));
    String signature = Fixture.b64(new byte[256]);
    long before = Flood.retainedHeap();
    int fetches = f.server.count("/jwks");
    for (int i = 0; i < Flood.SIZE; i++) {
      String token =
          i % 10 == 0
              ? Flood.randomBase64Url(40)
              : Fixture.b64(JsonUtil.toJson(Fixture.header("RS256", Flood.randomBase64Url(12))))
                  + "."
                  + payload
                  + "."
                  + signature;
      assertThat(send(token)).isEqualTo(401);
      if (i % 1_000 == 0) {
        f.time.advance(Duration.ofSeconds(1));
        assertThat(send(valid())).isEqualTo(200);
      }
    }
    long after = Flood.retainedHeap();
    fetches = f.server.count("/jwks") - fetches;
    long elapsedSeconds = Flood.SIZE / 1_000 + 1;
    long retained = after - before;
    Flood.report(
        "jwt",
        "tokens=%d fakeSeconds=%d jwksFetches=%d retainedBytes=%d bytesPerFloodToken=%.1f"
            + " cacheMaximumSize=%d",
        Flood.SIZE,
        elapsedSeconds,
        fetches,
        retained,
        (double) retained / Flood.SIZE,
        CACHE_SIZE);
    assertThat((long) fetches).isLessThanOrEqualTo(elapsedSeconds / COOLDOWN.toSeconds() + 1);
    assertThat(retained).isLessThan(CACHE_SIZE * 1_024L);
  }

  /** A valid token with a new jti, so it is verified, not answered from the cache. */
  private String valid() {
    Map<String, Object> claims = f.claims();
    claims.put("jti", UUID.randomUUID().toString());
    return f.token(claims);
  }

  private int send(String token) throws Exception {
    FakeResponse response = new FakeResponse();
    RecordingChain chain = new RecordingChain();
    filter.doFilter(
        FakeRequest.get("/api/me").header("Authorization", "Bearer " + token).build(),
        response.servlet(),
        chain);
    return response.status();
  }
}
