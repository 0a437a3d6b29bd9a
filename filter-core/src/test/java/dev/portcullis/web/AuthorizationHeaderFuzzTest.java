package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing of the request side of the filter: up to three {@code Authorization}
 * fields and an {@code X-API-Key} field, arbitrary text, through the real {@code apiKey} mechanism
 * (key file) and a bearer mechanism. Every input must end in a defined answer: passed on (200), or
 * 400, 401 or 403 with the fixed body and header-safe challenges; never an exception, a 500 or a
 * 503.
 *
 * <p>{@code mvn verify} replays the corpus in {@code
 * src/test/resources/dev/portcullis/AuthorizationHeaderFuzzTestInputs}; RELIABILITY.md gives the
 * command for a fuzzing run.
 */
class AuthorizationHeaderFuzzTest {
  private static final Map<Integer, Set<String>> BODIES =
      Map.of(
          400, Set.of("{\"error\":\"invalid_request\"}"),
          401, Set.of("{\"error\":\"unauthorized\"}", "{\"error\":\"invalid_token\"}"),
          403, Set.of("{\"error\":\"insufficient_scope\"}", "{\"error\":\"forbidden\"}"));

  /** RFC 9110 challenge: scheme, then auth-params of token or quoted-string values. */
  private static final Pattern CHALLENGE =
      Pattern.compile(
          "(ApiKey|Bearer) realm=\"api\"(, [a-z_]+=\"[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*\")*");

  private static AuthenticationFilter filter;

  private static synchronized AuthenticationFilter filter() throws IOException, ServletException {
    if (filter == null) {
      Path keys = Files.createTempFile("fuzz-keys", ".properties");
      keys.toFile().deleteOnExit();
      Files.writeString(
          keys,
          "ec1903ce1d43aa67=hash=sha256:ys6nlsDSZXrvWdgGQhOdCKX3WN5MLfNIOz3jJL79Rgg;"
              + "principal=alice;scopes=orders:read orders:write;roles=admin\n");
      AuthenticationFilter f = new AuthenticationFilter();
      f.init(
          new FakeFilterConfig()
              .param("mechanisms", "apiKey,fakeBearer")
              .param("apiKey.file", keys.toString())
              .param("requiredScopes", "orders:read"));
      filter = f;
    }
    return filter;
  }

  @AfterAll
  static synchronized void stop() {
    if (filter != null) {
      filter.destroy();
    }
  }

  @FuzzTest(maxDuration = "2m")
  void doFilterWhenHeadersAreArbitraryThenDefinedAnswer(FuzzedDataProvider data) throws Exception {
    FakeRequest request = FakeRequest.get("/api/me");
    int fields = data.consumeInt(0, 3);
    for (int i = 0; i < fields; i++) {
      request.header("Authorization", data.consumeString(200));
    }
    if (data.consumeBoolean()) {
      request.header("X-API-Key", data.consumeString(200));
    }
    request.method(data.pickValue(List.of("GET", "POST", "OPTIONS", "HEAD")));

    Exchange e = Exchange.run(filter(), request);

    if (e.passed()) {
      return;
    }
    assertThat(BODIES).containsKey(e.status());
    assertThat(BODIES.get(e.status())).contains(e.body());
    for (String challenge : e.challenges()) {
      assertThat(challenge).matches(CHALLENGE);
    }
  }
}
