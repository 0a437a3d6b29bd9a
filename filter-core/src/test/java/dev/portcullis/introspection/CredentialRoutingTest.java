package dev.portcullis.introspection;

import static dev.portcullis.introspection.Fixture.active;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.AuthenticationFilterBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 items 7 and 8: an API key under {@code Bearer} and a JWT of an issuer not named in
 * {@code introspection.jwtIssuers} are refused {@code 401 invalid_token} with zero calls at a real
 * loopback authorization server.
 */
class CredentialRoutingTest {
  private static final String KEY =
      "pc_ec1903ce1d43aa67_x4KAVCkXNzQ9xRSIDuZyqh882eJ7vldJFvy0Az7coek";
  private static final String KEY_LINE =
      "ec1903ce1d43aa67=hash=sha256:ys6nlsDSZXrvWdgGQhOdCKX3WN5MLfNIOz3jJL79Rgg;principal=alice;"
          + "scopes=orders:read orders:write;roles=admin";
  private static final String FOREIGN =
      "Bearer realm=\"api\", error=\"invalid_token\","
          + " error_description=\"The credential is not accepted with this scheme\"";
  private static final String INVALID =
      "Bearer realm=\"api\", error=\"invalid_token\","
          + " error_description=\"The access token is invalid\"";
  private static final String TRUSTED = "https://as.example";

  @TempDir Path dir;
  private final FakeTime time = new FakeTime();
  private LoopbackAs as;
  private AuthenticationFilter filter;
  private FakeResponse response;
  private RecordingChain chain;

  @BeforeEach
  void start() {
    as = LoopbackAs.http();
    as.answer(LoopbackAs.json(200, active(time, 300, "\"scope\":\"orders:read\"")));
  }

  @AfterEach
  void stop() {
    if (filter != null) {
      filter.destroy();
    }
    as.close();
  }

  private void init(String mechanisms, String... more) throws Exception {
    init(new FakeFilterConfig(), mechanisms, more);
  }

  private void init(FakeFilterConfig config, String mechanisms, String... more) throws Exception {
    Path keys = dir.resolve("keys.properties");
    Files.writeString(keys, KEY_LINE + "\n");
    AuthenticationFilterBuilder builder =
        AuthenticationFilter.builder()
            .mechanisms(mechanisms)
            .set("introspection.endpoint", as.url("/introspect"))
            .set("introspection.clientId", Fixture.CLIENT_ID)
            .set("introspection.clientSecret", Fixture.CLIENT_SECRET)
            .set("introspection.audience", Fixture.AUDIENCE)
            .time(time, time);
    if (mechanisms.contains("apiKey")) {
      builder.set("apiKey.file", keys.toString());
    }
    for (int i = 0; i < more.length; i += 2) {
      builder.set(more[i], more[i + 1]);
    }
    filter = builder.build();
    filter.init(config);
  }

  private void send(String scheme, String credential) throws Exception {
    response = new FakeResponse();
    chain = new RecordingChain();
    filter.doFilter(
        FakeRequest.get("/api/me").header("Authorization", scheme + " " + credential).build(),
        response.servlet(),
        chain);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String jwt(String payload) {
    return b64("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}") + "." + b64(payload) + ".c2ln";
  }

  /**
   * A key with an operator's or an imported prefix, accepted by another filter of the application,
   * is not sent to the authorization server by a filter without {@code apiKey} (a later filter of a
   * layered application), whichever filter starts first.
   */
  @Test
  void doFilterWhenKeyOfAnotherFiltersPrefixAtIntrospectionFilterThenInvalidTokenAndNoCall()
      throws Exception {
    FakeFilterConfig application = new FakeFilterConfig();
    init(application.name("tokens"), "introspection");
    Path keys = dir.resolve("keys.properties");
    AuthenticationFilter keyFilter =
        AuthenticationFilter.builder()
            .mechanisms("apiKey")
            .set("apiKey.file", keys.toString())
            .set("apiKey.prefixes", "sk_live_")
            .set("apiKey.importedPrefixes", "sk-")
            .time(time, time)
            .build();
    keyFilter.init(application.name("keys"));
    try {
      for (String key : new String[] {"sk_live_0123456789abcdef", "sk-proj-0123456789", KEY}) {
        send("Bearer", key);

        assertThat(response.status()).as(key).isEqualTo(401);
        assertThat(response.headers("WWW-Authenticate")).as(key).containsExactly(FOREIGN);
        assertThat(chain.called()).isFalse();
      }
      assertThat(as.calls()).isZero();
      send("Bearer", "sk_test_opaque");
      assertThat(response.status()).isEqualTo(200);
      assertThat(as.calls()).isEqualTo(1);
    } finally {
      keyFilter.destroy();
    }
  }

  @Test
  void doFilterWhenValidApiKeyUnderBearerThenInvalidTokenAndNoCall() throws Exception {
    init("apiKey,introspection");

    send("Bearer", KEY);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(FOREIGN);
    assertThat(chain.called()).isFalse();
    assertThat(as.calls()).isZero();
  }

  @Test
  void doFilterWhenApiKeyUnderBearerAndNoApiKeyMechanismThenInvalidTokenAndNoCall()
      throws Exception {
    init("introspection");

    send("Bearer", KEY);
    send("bearer", "pc_truncated");

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(FOREIGN);
    assertThat(as.calls()).isZero();
  }

  @Test
  void doFilterWhenApiKeyUnderItsOwnSchemeThenAuthenticatedWithoutCall() throws Exception {
    init("apiKey,introspection");

    send("ApiKey", KEY);

    assertThat(response.status()).isEqualTo(200);
    assertThat(chain.called()).isTrue();
    assertThat(as.calls()).isZero();
  }

  @Test
  void doFilterWhenOpaqueTokenThenStillIntrospected() throws Exception {
    init("apiKey,introspection");

    send("Bearer", "2YotnFZFEjr1zCsicMWpAA");

    assertThat(response.status()).isEqualTo(200);
    assertThat(as.calls()).isEqualTo(1);
  }

  @Test
  void doFilterWhenJwtOfUnlistedIssuerThenInvalidTokenAndNoCall() throws Exception {
    init("introspection", "introspection.jwtIssuers", TRUSTED);

    send("Bearer", jwt("{\"iss\":\"https://evil.example\",\"sub\":\"alice\"}"));
    send("Bearer", jwt("{\"sub\":\"no-issuer\"}"));
    send("Bearer", jwt("{\"iss\":[\"" + TRUSTED + "\"]}"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID);
    assertThat(as.calls()).isZero();
  }

  @Test
  void doFilterWhenJwtAndNoIssuerListedThenInvalidTokenAndNoCall() throws Exception {
    init("introspection");

    send("Bearer", jwt("{\"iss\":\"" + TRUSTED + "\"}"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID);
    assertThat(as.calls()).isZero();
  }

  @Test
  void doFilterWhenJwtOfListedIssuerThenIntrospected() throws Exception {
    init("introspection", "introspection.jwtIssuers", "https://other.example, " + TRUSTED);

    send("Bearer", jwt("{\"iss\":\"" + TRUSTED + "\",\"sub\":\"alice\"}"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(as.calls()).isEqualTo(1);
  }

  @Test
  void doFilterWhenJwtShapedGarbageThenRefusedWithoutCallAndNever500() throws Exception {
    init("introspection", "introspection.jwtIssuers", TRUSTED);
    String header = b64("{\"alg\":\"none\"}");
    String[] garbage = {
      header + "." + b64("[1,2") + ".x",
      header + "." + b64("\"just a string\"") + ".x",
      header + ".!!!not-base64.x",
      header + "." + b64("{\"iss\":\"" + TRUSTED + "\",\"iss\":\"x\"}") + ".x",
      header + "." + "A".repeat(JwtIssuers.MAX_SEGMENT + 4) + ".x",
    };
    for (String token : garbage) {
      send("Bearer", token);
      assertThat(response.status()).as(token).isEqualTo(401);
    }
    assertThat(as.calls()).isZero();
  }

  /**
   * A JWE (five segments, RFC 7516) is JWT-shaped too: its claims are encrypted, so it is sent only
   * when its header names a listed issuer (RFC 7519 §5.3); before, every JWE was introspected.
   */
  @Test
  void doFilterWhenJweWithoutListedIssuerInHeaderThenInvalidTokenAndNoCall() throws Exception {
    init("introspection", "introspection.jwtIssuers", TRUSTED);
    String[] headers = {
      "{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}",
      "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"iss\":\"https://evil.example\"}",
    };
    for (String header : headers) {
      send("Bearer", b64(header) + ".a2V5.aXY.Y2lwaGVy.dGFn");

      assertThat(response.status()).as(header).isEqualTo(401);
      assertThat(response.headers("WWW-Authenticate")).as(header).containsExactly(INVALID);
    }
    assertThat(as.calls()).isZero();

    send(
        "Bearer",
        b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"iss\":\"" + TRUSTED + "\"}")
            + ".a2V5.aXY.Y2lwaGVy.dGFn");
    send("Bearer", b64("not json") + ".a.b.c.d");
    send("Bearer", b64("{\"alg\":\"dir\"}") + ".a.b.c.d.e");

    assertThat(response.status()).isEqualTo(200);
    assertThat(as.calls()).isEqualTo(3);
  }

  @Test
  void doFilterWhenThreeSegmentsWithoutJoseHeaderThenOpaqueAndIntrospected() throws Exception {
    init("introspection");

    send("Bearer", b64("not json") + "." + b64("{}") + ".x");

    assertThat(response.status()).isEqualTo(200);
    assertThat(as.calls()).isEqualTo(1);
  }
}
