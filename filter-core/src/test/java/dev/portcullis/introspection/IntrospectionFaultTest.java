package dev.portcullis.introspection;

import static dev.portcullis.introspection.Fixture.active;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fault injection at the authorization server, through the whole filter: down, slow beyond the read
 * timeout, garbage, and flapping between them. Cached answers keep serving within their window,
 * uncached tokens get 503 with {@code Retry-After}, nothing is cached from a failure, and the
 * filter recovers by itself. Calls are counted at the loopback server.
 */
class IntrospectionFaultTest {
  private static final String CACHED = "cached-token";
  private static final String TEMPORARILY_UNAVAILABLE = "{\"error\":\"temporarily_unavailable\"}";

  private final FakeTime time = new FakeTime();
  private LoopbackAs as;
  private AuthenticationFilter filter;

  @BeforeEach
  void start() throws Exception {
    as = LoopbackAs.http();
    filter =
        AuthenticationFilter.builder()
            .mechanisms("introspection")
            .set("introspection.endpoint", as.url("/introspect"))
            .set("introspection.clientId", Fixture.CLIENT_ID)
            .set("introspection.clientSecret", Fixture.CLIENT_SECRET)
            .set("introspection.audience", Fixture.AUDIENCE)
            .set("introspection.connectTimeout", "1s")
            .set("introspection.readTimeout", "1s")
            .set("introspection.cacheTtl", "60s")
            .time(time, time)
            .build();
    filter.init(new FakeFilterConfig());
    as.answer(LoopbackAs.json(200, active(time, 3600, "")));
    assertThat(send(CACHED).status()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    filter.destroy();
    as.close();
  }

  /** The failures the authorization server is made to show, by name. */
  private Map<String, LoopbackAs.Answer> failures() {
    Map<String, LoopbackAs.Answer> failures = new LinkedHashMap<>();
    failures.put("500", LoopbackAs.json(500, "{\"error\":\"server_error\"}"));
    failures.put("garbage", LoopbackAs.raw(200, "application/json", "\u0000{\"active\":tru"));
    failures.put("html", LoopbackAs.raw(200, "text/html", "<html>maintenance</html>"));
    failures.put("dropped", exchange -> exchange.getResponseBody().close());
    failures.put(
        "slow",
        exchange -> {
          pause(3_000); // the peer answers after our 1 s read timeout
          LoopbackAs.json(200, active(time, 3600, "")).write(exchange);
        });
    return failures;
  }

  @Test
  void doFilterWhenServerFailsEachWayThen503UncachedCachedServesAndRecovers() throws Exception {
    for (Map.Entry<String, LoopbackAs.Answer> failure : failures().entrySet()) {
      String token = "new-token-" + failure.getKey();
      as.answer(failure.getValue());
      int before = as.calls();

      assertUnavailable(send(token));
      assertUnavailable(send(token));
      assertThat(send(CACHED).status()).as(failure.getKey()).isEqualTo(200);
      assertThat(as.calls()).as("nothing cached from " + failure.getKey()).isEqualTo(before + 2);

      as.answer(LoopbackAs.json(200, active(time, 3600, "")));
      assertThat(send(token).status()).as("recovered after " + failure.getKey()).isEqualTo(200);
      assertThat(send(token).status()).isEqualTo(200);
      assertThat(as.calls()).isEqualTo(before + 3);
    }
  }

  @Test
  void doFilterWhenServerFlapsThenEveryAnswerFollowsTheServerAtThatMoment() throws Exception {
    int before = as.calls();
    for (int i = 0; i < 20; i++) {
      boolean up = i % 2 == 1;
      as.answer(up ? LoopbackAs.json(200, active(time, 3600, "")) : LoopbackAs.json(503, "{}"));
      FakeResponse response = send("flap-" + i);
      if (up) {
        assertThat(response.status()).as("request %d", i).isEqualTo(200);
      } else {
        assertUnavailable(response);
      }
      assertThat(send(CACHED).status()).isEqualTo(200);
    }
    assertThat(as.calls()).isEqualTo(before + 20);

    as.answer(LoopbackAs.json(200, active(time, 3600, "")));
    for (int i = 0; i < 20; i += 2) {
      assertThat(send("flap-" + i).status()).as("token %d once the server is up", i).isEqualTo(200);
    }
    assertThat(as.calls()).isEqualTo(before + 30);
  }

  @Test
  void doFilterWhenCachedAnswerOutlivesItsWindowDuringOutageThen503() throws Exception {
    as.answer(LoopbackAs.json(500, "{}"));
    time.advance(Duration.ofSeconds(59));
    assertThat(send(CACHED).status()).isEqualTo(200);

    time.advance(Duration.ofSeconds(2));
    assertUnavailable(send(CACHED));

    as.answer(LoopbackAs.json(200, active(time, 3600, "")));
    assertThat(send(CACHED).status()).isEqualTo(200);
  }

  private static void assertUnavailable(FakeResponse response) {
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("5");
    assertThat(response.headers("WWW-Authenticate")).isEmpty();
    assertThat(response.body()).isEqualTo(TEMPORARILY_UNAVAILABLE);
  }

  private FakeResponse send(String token) throws Exception {
    FakeResponse response = new FakeResponse();
    RecordingChain chain = new RecordingChain();
    filter.doFilter(
        FakeRequest.get("/api/me").header("Authorization", "Bearer " + token).build(),
        response.servlet(),
        chain);
    assertThat(chain.called()).isEqualTo(response.status() == 200);
    return response;
  }

  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
