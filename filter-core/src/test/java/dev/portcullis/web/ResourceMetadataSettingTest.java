package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

/** The filter's resourceMetadata setting (RFC 9728 §5.1): Bearer challenges only, URLs only. */
class ResourceMetadataSettingTest {
  private static final String URL = "https://rs.example/.well-known/oauth-protected-resource";
  private static final String META = ", resource_metadata=\"" + URL + "\"";

  @Test
  void doFilterWhenSetThenEveryBearerChallengeCarriesItOthersNot() throws ServletException {
    AuthenticationFilter filter =
        Exchange.start("mechanisms", "fakeBearer,fakeKey", "resourceMetadata", URL);

    assertThat(Exchange.run(filter, FakeRequest.get("/a")).challenges())
        .containsExactly("Bearer realm=\"api\"" + META, "ApiKey realm=\"api\"");
    assertThat(
            Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer bad"))
                .challenges())
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The access token is invalid\""
                + META);
  }

  @Test
  void doFilterWhenScopeMissingThenInsufficientScopeCarriesIt() throws ServletException {
    AuthenticationFilter filter =
        Exchange.start(
            "mechanisms", "fakeBearer", "requiredScopes", "orders:write", "resourceMetadata", URL);

    assertThat(
            Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer good"))
                .challenges())
        .containsExactly(
            "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"orders:write\"" + META);
  }

  @Test
  void initWhenNotAnHttpUrlThenDeploymentStopsNamingKeyAndValue() {
    assertThatThrownBy(
            () -> Exchange.start("mechanisms", "fakeBearer", "resourceMetadata", "ftp://x/meta"))
        .isInstanceOf(ServletException.class)
        .hasMessage(
            "Invalid value [ftp://x/meta] for setting resourceMetadata: expected an absolute"
                + " http(s) URL without user info or fragment");
    assertThatThrownBy(
            () -> Exchange.start("mechanisms", "fakeBearer", "resourceMetadata", "https://a b"))
        .hasMessage("Invalid value [https://a b] for setting resourceMetadata: not a URL");
    assertThatThrownBy(
            () -> Exchange.start("mechanisms", "fakeBearer", "resourceMetadata", "https://x/\"q"))
        .isInstanceOf(ServletException.class);
  }
}
