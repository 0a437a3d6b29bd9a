package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.INVALID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.AuthenticationFilterBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 7, RFC 9449 §7.2: a JWT bound by a confirmation method the filter does not verify
 * (a {@code jwk}, a {@code kid}, ...) is no bearer token; {@code cnf} may hold one {@code
 * x5t#S256}, which the pipeline matches against the client certificate, or one {@code jkt}, which
 * needs a DPoP proof (issue 22): sent as Bearer it is refused.
 */
class ConfirmationTest {
  private static final String THUMBPRINT = "A4DtL2JmUMhAsvJj5tKyn64SqzmuXbMrJa0n761y5v0";
  private Fixture f;
  private AuthenticationFilter filter;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
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

  private FakeResponse send(Object cnf) throws Exception {
    Map<String, Object> claims = f.claims();
    claims.put("cnf", cnf);
    FakeResponse response = new FakeResponse();
    filter.doFilter(
        FakeRequest.get("/api").header("Authorization", "Bearer " + f.token(claims)).build(),
        response.servlet(),
        new RecordingChain());
    return response;
  }

  @Test
  void doFilterWhenDpopBoundTokenSentAsBearerThenInvalidToken() throws Exception {
    FakeResponse response = send(Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate"))
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token"
                + " is bound to a DPoP key and needs a DPoP proof\"");
  }

  @Test
  void doFilterWhenBearerTokenBoundByUnverifiedConfirmationMethodThenInvalidToken()
      throws Exception {
    List<Object> refused =
        List.of(
            Map.of("jkt", "abc"),
            Map.of("jwk", Map.of("kty", "EC", "crv", "P-256", "x", "AA", "y", "AA")),
            Map.of("kid", "k1"),
            Map.of("jku", "https://issuer.example/jwks"),
            Map.of("x5t", "abc"),
            Map.of("osc", "unknown method"),
            Map.of("x5t#S256", THUMBPRINT, "jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"),
            Map.of(),
            Map.of("x5t#S256", 5),
            Map.of("x5t#S256", List.of(THUMBPRINT)),
            "x",
            List.of(Map.of("x5t#S256", THUMBPRINT)));
    for (Object cnf : refused) {
      FakeResponse response = send(cnf);
      assertThat(response.status()).as(cnf.toString()).isEqualTo(401);
      assertThat(response.headers("WWW-Authenticate")).as(cnf.toString()).containsExactly(INVALID);
    }
  }
}
