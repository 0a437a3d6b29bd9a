package dev.portcullis.introspection;

import static dev.portcullis.introspection.Fixture.active;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.Flood;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of distinct random opaque tokens against a loopback authorization server (calls counted
 * there): one introspection call per distinct token and none for a repeated one; tokens that fail
 * the syntax check cost no call; the retained heap stays within the verdict cache's bound (a tenth
 * of the flood, so the flood overruns it); a valid token keeps working throughout. Each distinct
 * token is a real HTTP call, so the size is {@code -Dportcullis.flood.opaque=N} (default 5,000);
 * RELIABILITY.md records a 100,000 run.
 */
class OpaqueTokenFloodTest {
  private static final int SIZE = Integer.getInteger("portcullis.flood.opaque", 5_000);
  private static final int CACHE_SIZE = SIZE / 10;
  private static final String VALID = "valid-opaque-token";

  private final FakeTime time = new FakeTime();
  private final AtomicInteger validCalls = new AtomicInteger();
  private KeepAliveAs as;
  private AuthenticationFilter filter;

  @BeforeEach
  void start() throws Exception {
    as =
        new KeepAliveAs(
            token -> {
              if (VALID.equals(token)) {
                validCalls.incrementAndGet();
                return active(time, 3600, "");
              }
              return "{\"active\":false}";
            });
    filter =
        AuthenticationFilter.builder()
            .mechanisms("introspection")
            .set("introspection.endpoint", as.url("/introspect"))
            .set("introspection.clientId", Fixture.CLIENT_ID)
            .set("introspection.clientSecret", Fixture.CLIENT_SECRET)
            .set("introspection.audience", Fixture.AUDIENCE)
            .set("introspection.cacheMaximumSize", String.valueOf(CACHE_SIZE))
            .time(time, time)
            .build();
    filter.init(new FakeFilterConfig());
  }

  @AfterEach
  void stop() {
    filter.destroy();
    as.close();
  }

  @Test
  void doFilterWhenFloodedWithDistinctRandomTokensThenOneCallEachAndHeapBounded() throws Exception {
    assertThat(send(VALID)).isEqualTo(200);
    long before = Flood.retainedHeap();
    int start = as.calls();
    int wellFormed = 0;
    for (int i = 0; i < SIZE; i++) {
      boolean token68 = i % 4 != 0;
      String token = token68 ? opaqueToken() : Flood.randomBase64Url(12) + "\"{}";
      wellFormed += token68 ? 1 : 0;
      assertThat(send(token)).isIn(400, 401);
      if (i % 1_000 == 0) {
        time.advance(Duration.ofSeconds(1));
        assertThat(send(VALID)).isEqualTo(200);
      }
    }
    long after = Flood.retainedHeap();
    int calls = as.calls() - start - validCalls.get() + 1;

    String repeated = opaqueToken();
    int beforeRepeat = as.calls();
    for (int i = 0; i < 10_000; i++) {
      assertThat(send(repeated)).isEqualTo(401);
    }

    long retained = after - before;
    Flood.report(
        "introspection",
        "tokens=%d token68=%d asCallsForFlood=%d asCallsForValid=%d repeatedTokenCalls=%d"
            + " retainedBytes=%d"
            + " bytesPerFloodToken=%.1f cacheMaximumSize=%d",
        SIZE,
        wellFormed,
        calls,
        validCalls.get(),
        as.calls() - beforeRepeat,
        retained,
        (double) retained / SIZE,
        CACHE_SIZE);
    assertThat(calls).isEqualTo(wellFormed);
    // the valid token's verdict may be evicted by the flood: at most one call per check
    assertThat(validCalls.get()).isLessThanOrEqualTo(SIZE / 1_000 + 2);
    assertThat(as.calls() - beforeRepeat).isEqualTo(1);
    assertThat(retained).isLessThan(CACHE_SIZE * 1_024L);
  }

  /**
   * A random token68 that never has an API key's shape: a random string starting {@code pc_} is the
   * API-key mechanism's (never introspected), which would make the call count off by one.
   */
  private static String opaqueToken() {
    return "t" + Flood.randomBase64Url(24);
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
