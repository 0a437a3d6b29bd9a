package dev.portcullis.introspection;

import static dev.portcullis.introspection.Fixture.active;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Identity;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: with {@code Bearer} enabled for API keys, a Bearer credential with a configured key
 * prefix is the API-key mechanism's alone (accepted or refused there, never introspected), while
 * opaque tokens on the same filter are still introspected.
 */
class BearerApiKeyRoutingTest {
  private static final String KEY =
      "sk_live_ccee55135635239as3sZ9p1KMOGSrnS34j34Tv54VcTg3AXswAwV1jtA0aT1oeTo7";
  private static final String KEY_LINE =
      "ccee55135635239a=hash=sha256:IMtAPuYIsvkBNqmh7IpdVZQLvetR-hcHoKm5ZqQTy30;principal=alice";
  private static final String UNKNOWN_KEY =
      "sk_live_5f0060a431e990a3M9RRxnMyTjfsSuMxudneyQDauNVVpAO7bkv1RJRDRdU0iZSLT";
  private static final String INVALID_KEY =
      "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The API key is invalid\"";

  @TempDir Path dir;
  private final FakeTime time = new FakeTime();
  private LoopbackAs as;
  private AuthenticationFilter filter;
  private FakeResponse response;
  private RecordingChain chain;

  @BeforeEach
  void start() throws Exception {
    as = LoopbackAs.http();
    as.answer(LoopbackAs.json(200, active(time, 300, "\"scope\":\"orders:read\"")));
    Path keys = dir.resolve("keys.properties");
    Files.writeString(keys, KEY_LINE + "\n");
    filter =
        AuthenticationFilter.builder()
            .mechanisms("apiKey,introspection")
            .set("apiKey.file", keys.toString())
            .set("apiKey.prefixes", "sk_live_")
            .set("apiKey.schemes", "ApiKey,Bearer")
            .set("introspection.endpoint", as.url("/introspect"))
            .set("introspection.clientId", Fixture.CLIENT_ID)
            .set("introspection.clientSecret", Fixture.CLIENT_SECRET)
            .set("introspection.audience", Fixture.AUDIENCE)
            .time(time, time)
            .build();
    filter.init(new FakeFilterConfig());
  }

  @AfterEach
  void stop() {
    filter.destroy();
    as.close();
  }

  private void send(FakeRequest request) throws Exception {
    response = new FakeResponse();
    chain = new RecordingChain();
    filter.doFilter(request.build(), response.servlet(), chain);
  }

  @Test
  void doFilterWhenKeyUnderBearerThenApiKeyIdentityAndNoCall() throws Exception {
    send(FakeRequest.get("/api").header("Authorization", "Bearer " + KEY));

    assertThat(response.status()).isEqualTo(200);
    Identity identity = (Identity) chain.request().getAttribute(Identity.REQUEST_ATTRIBUTE);
    assertThat(identity.getName()).isEqualTo("alice");
    assertThat(identity.mechanism()).isEqualTo("apiKey");
    assertThat(as.calls()).isZero();
  }

  @Test
  void doFilterWhenUnknownOrMistypedKeyUnderBearerThenBearerInvalidTokenAndNoCall()
      throws Exception {
    String typo = KEY.substring(0, 20) + (KEY.charAt(20) == 'x' ? 'y' : 'x') + KEY.substring(21);
    for (String key : new String[] {UNKNOWN_KEY, typo, "sk_live_short"}) {
      send(FakeRequest.get("/api").header("Authorization", "Bearer " + key));

      assertThat(response.status()).isEqualTo(401);
      assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID_KEY);
    }
    assertThat(as.calls()).isZero();
  }

  @Test
  void doFilterWhenOpaqueTokenThenStillIntrospected() throws Exception {
    send(FakeRequest.get("/api").header("Authorization", "Bearer 2YotnFZFEjr1zCsicMWpAA"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(as.calls()).isEqualTo(1);
  }

  @Test
  void doFilterWhenNoCredentialThenOneChallengePerScheme() throws Exception {
    send(FakeRequest.get("/api"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate"))
        .containsExactly("ApiKey realm=\"api\"", "Bearer realm=\"api\"");
  }
}
