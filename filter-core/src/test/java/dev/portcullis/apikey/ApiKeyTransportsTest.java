package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.Identity;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.Initializing;
import jakarta.servlet.ServletException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18: every common transport of an API key gives the same identity; two keys are 400. */
class ApiKeyTransportsTest {
  static final String PLAIN = "ApiKey realm=\"api\"";
  static final String INVALID_BEARER =
      "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The API key is invalid\"";
  static final String INVALID_API_KEY =
      "ApiKey realm=\"api\", error=\"invalid_token\", error_description=\"The API key is invalid\"";

  @TempDir Path dir;
  final FakeTime time = new FakeTime();
  final String key = ApiKeyFormat.generate("sk_live_");
  AuthenticationFilter filter;
  RecordingChain chain;

  @BeforeEach
  void setUp() throws Exception {
    filter = start("apiKey.schemes", "ApiKey, Bearer, Basic", "apiKey.prefixes", "sk_live_");
  }

  private AuthenticationFilter start(String... params) throws Exception {
    Path keys = dir.resolve("keys.properties");
    String id = new ApiKeyFormat(List.of("sk_live_")).idOf(key).orElseThrow();
    Files.writeString(
        keys, id + "=hash=" + ApiKeyHasher.sha256().hash(key) + ";principal=alice;scopes=a\n");
    FakeFilterConfig config =
        new FakeFilterConfig().param("mechanisms", "apiKey").param("apiKey.file", keys.toString());
    for (int i = 0; i < params.length; i += 2) {
      config.param(params[i], params[i + 1]);
    }
    AuthenticationFilter f = AuthenticationFilter.builder().time(time, time).build();
    Initializing.initialize(f, config);
    return f;
  }

  private FakeResponse call(FakeRequest request) throws Exception {
    FakeResponse response = new FakeResponse();
    chain = new RecordingChain();
    filter.doFilter(request.build(), response.servlet(), chain);
    return response;
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private void assertAlice(FakeResponse response) {
    assertThat(response.status()).isEqualTo(200);
    Identity identity = (Identity) chain.request().getAttribute(Identity.REQUEST_ATTRIBUTE);
    assertThat(identity.getName()).isEqualTo("alice");
    assertThat(identity.mechanism()).isEqualTo("apiKey");
  }

  @Test
  void doFilterWhenKeyInAnyTransportThenSameIdentity() throws Exception {
    assertAlice(call(FakeRequest.get("/a").header("Authorization", "Bearer " + key)));
    assertAlice(call(FakeRequest.get("/a").header("Authorization", "ApiKey " + key)));
    assertAlice(call(FakeRequest.get("/a").header("Authorization", basic(key, ""))));
    assertAlice(call(FakeRequest.get("/a").header("X-API-Key", key)));
    assertAlice(call(FakeRequest.get("/a").header("x-goog-api-key", key)));
    assertAlice(call(FakeRequest.get("/a").header("api-key", key)));
  }

  @Test
  void doFilterWhenUnknownKeyUnderBearerThenBearerInvalidToken() throws Exception {
    String other = ApiKeyFormat.generate("sk_live_");

    FakeResponse response = call(FakeRequest.get("/a").header("Authorization", "Bearer " + other));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID_BEARER);
  }

  @Test
  void doFilterWhenBasicWithPasswordThenInvalidAndNoBasicChallenge() throws Exception {
    FakeResponse withPassword =
        call(FakeRequest.get("/a").header("Authorization", basic(key, "secret")));
    FakeResponse notBase64 = call(FakeRequest.get("/a").header("Authorization", "Basic !!"));
    FakeResponse none = call(FakeRequest.get("/a"));

    assertThat(withPassword.status()).isEqualTo(401);
    assertThat(withPassword.headers("WWW-Authenticate")).containsExactly(INVALID_API_KEY);
    assertThat(notBase64.headers("WWW-Authenticate")).containsExactly(INVALID_API_KEY);
    assertThat(none.headers("WWW-Authenticate")).containsExactly(PLAIN);
  }

  @Test
  void doFilterWhenTwoTransportsThenBadRequest() throws Exception {
    FakeResponse bearerAndHeader =
        call(
            FakeRequest.get("/a")
                .header("Authorization", "Bearer " + key)
                .header("x-goog-api-key", key));
    FakeResponse twoHeaders =
        call(FakeRequest.get("/a").header("X-API-Key", key).header("api-key", key));

    assertThat(bearerAndHeader.status()).isEqualTo(400);
    assertThat(twoHeaders.status()).isEqualTo(400);
    assertThat(chain.called()).isFalse();
  }

  @Test
  void doFilterWhenBearerAndBasicNotEnabledThenNotReadThere() throws Exception {
    filter = start("apiKey.prefixes", "sk_live_");

    FakeResponse bearer = call(FakeRequest.get("/a").header("Authorization", "Bearer " + key));
    FakeResponse basic = call(FakeRequest.get("/a").header("Authorization", basic(key, "")));

    assertThat(bearer.status()).isEqualTo(401);
    assertThat(bearer.headers("WWW-Authenticate")).containsExactly(PLAIN);
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.headers("WWW-Authenticate")).containsExactly(PLAIN);
  }

  @Test
  void doFilterWhenKeyOfAnotherPrefixThenRefused() throws Exception {
    String test = ApiKeyFormat.generate("sk_test_");

    FakeResponse response = call(FakeRequest.get("/a").header("X-API-Key", test));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID_API_KEY);
  }

  @Test
  void initWhenBadPrefixSchemeOrHeaderThenNamesKeyAndValue() {
    assertThatThrownBy(() -> start("apiKey.prefixes", "1bad"))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("apiKey.prefixes")
        .hasMessageContaining("[1bad]");
    assertThatThrownBy(() -> start("apiKey.schemes", "Digest"))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("[Digest]");
    assertThatThrownBy(() -> start("apiKey.headers", "X-A, Authorization"))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("[Authorization]");
    assertThatThrownBy(() -> start("apiKey.headers", "X-A", "apiKey.header", "X-B"))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("apiKey.header");
  }
}
