package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.RecordingChain;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 6750 §2: the token in the header and the query at once is a malformed request. */
class BearerQueryTest {

  private static FakeResponse call(FakeRequest request) throws Exception {
    AuthenticationFilter filter =
        new AuthenticationFilter(
            Map.of(),
            new dev.portcullis.testing.FakeTime(),
            new dev.portcullis.testing.FakeTime(),
            null);
    filter.init(new FakeFilterConfig().param("mechanisms", "bearerStub"));
    FakeResponse response = new FakeResponse();
    filter.doFilter(request.build(), response.servlet(), new RecordingChain());
    return response;
  }

  @Test
  void doFilterWhenBearerHeaderAndAccessTokenQueryThenBadRequest() throws Exception {
    FakeResponse response =
        call(
            FakeRequest.get("/api/me")
                .header("Authorization", "Bearer good")
                .query("x=1&access_token=other"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers("WWW-Authenticate"))
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_request\","
                + " error_description=\"The request carries more than one credential\"");
  }

  @Test
  void doFilterWhenAccessTokenOnlyInQueryThenIgnoredWithPlainChallenge() throws Exception {
    FakeResponse response = call(FakeRequest.get("/api/me").query("access_token=good"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
  }

  @Test
  void doFilterWhenOtherQueryParameterThenAccepted() throws Exception {
    FakeResponse response =
        call(
            FakeRequest.get("/api/me")
                .header("Authorization", "Bearer good")
                .query("access_token_hint=x"));

    assertThat(response.status()).isEqualTo(200);
  }
}
