package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a request enters the filter: the canonical path exclusions and methods are decided on, HEAD
 * under GET, what counts as a CORS preflight, and {@code Cache-Control} on answers let through.
 */
class AuthenticationFilterEntryTest {
  private static final String AMBIGUOUS =
      ", error=\"invalid_request\", error_description=\"The request path is ambiguous\"";

  private static AuthenticationFilter excluding() throws ServletException {
    return Exchange.start(
        "mechanisms", "fakeBearer,fakeKey", "excludedPaths", "/api/status,/api/public/*");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/status;/details",
        "/api/status;x=1/details",
        "/api/public/x/../../status/details",
      })
  void doFilterWhenParametersOrDotsHideProtectedPathThenAuthenticated(String uri)
      throws ServletException {
    Exchange e = Exchange.run(excluding(), FakeRequest.get("/api/status").requestUri(uri));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.passed()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/public/..;/me",
        "/api/public/.;/me",
        "/api/public/%2e%2e/me",
        "/api/public/..%2Fme",
        "/api/public/..%3B/me",
        "/api/status%2Fdetails",
        "/api/status%5cdetails",
        "/api/status\\details",
        "/api/status%00",
        "/api/public//../me",
        "/api/../../api/public/x",
      })
  void doFilterWhenPathAmbiguousThenBadRequestWithEveryChallengeBeforeExclusions(String uri)
      throws ServletException {
    Exchange e = Exchange.run(excluding(), FakeRequest.get("/api/public/me").requestUri(uri));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.challenges())
        .containsExactly("Bearer realm=\"api\"" + AMBIGUOUS, "ApiKey realm=\"api\"" + AMBIGUOUS);
    assertThat(e.header("Cache-Control")).isEqualTo("no-store");
    assertThat(e.body()).isEqualTo("{\"error\":\"invalid_request\"}");
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenPathAmbiguousAndMethodNotCoveredThenStillBadRequest() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer", "methods", "POST");

    Exchange e = Exchange.run(filter, FakeRequest.get("/api/x").requestUri("/api/..;/x"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.challenges()).containsExactly("Bearer realm=\"api\"" + AMBIGUOUS);
  }

  @Test
  void doFilterWhenExcludedPathWithSessionParameterThenPassesUntouched() throws ServletException {
    Exchange e =
        Exchange.run(
            excluding(), FakeRequest.get("/api/status").requestUri("/api/status;jsessionid=x"));

    assertThat(e.passed()).isTrue();
    assertThat(e.response().allHeaders()).isEmpty();
  }

  @Test
  void doFilterWhenContextPathThenExclusionsAreContextRelative() throws ServletException {
    Exchange e =
        Exchange.run(
            excluding(),
            FakeRequest.get("/api/public/me").contextPath("/app").requestUri("/app/api/public/me"));

    assertThat(e.passed()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "get,post", "GET,POST"})
  void doFilterWhenMethodsCoverGetThenHeadAuthenticated(String methods) throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer", "methods", methods);

    for (String head : new String[] {"HEAD", "head", "Head"}) {
      Exchange e = Exchange.run(filter, FakeRequest.get("/api/me").method(head));
      assertThat(e.status()).as(head).isEqualTo(401);
      assertThat(e.passed()).as(head).isFalse();
    }
  }

  @Test
  void doFilterWhenMethodsWithoutGetThenHeadPasses() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer", "methods", "POST");

    assertThat(Exchange.run(filter, FakeRequest.get("/api/me").method("HEAD")).passed()).isTrue();
  }

  private static FakeRequest preflight() {
    return FakeRequest.get("/api/orders")
        .method("OPTIONS")
        .header("Origin", "https://app.example")
        .header("Access-Control-Request-Method", "POST");
  }

  @Test
  void doFilterWhenGenuinePreflightWithZeroLengthThenPassesUntouched() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer,fakeKey");

    Exchange e = Exchange.run(filter, preflight().header("Content-Length", "0"));

    assertThat(e.passed()).isTrue();
    assertThat(e.response().allHeaders()).isEmpty();
  }

  @Test
  void doFilterWhenPreflightCarriesAuthorizationThenAuthenticated() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer,fakeKey");

    Exchange e = Exchange.run(filter, preflight().header("Authorization", "Bearer bad"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenPreflightCarriesMechanismCredentialHeaderThenAuthenticated()
      throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer,fakeKey");

    Exchange e = Exchange.run(filter, preflight().header("X-API-Key", "k1"));

    assertThat(e.passed()).isTrue();
    assertThat(e.forwarded()).isInstanceOf(AuthenticatedRequest.class);
    assertThat(Exchange.run(filter, preflight().header("X-API-Key", "bad")).status())
        .isEqualTo(401);
  }

  @Test
  void doFilterWhenPreflightHasBodyThenAuthenticated() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer");

    assertThat(Exchange.run(filter, preflight().header("Content-Length", "5")).status())
        .isEqualTo(401);
    assertThat(Exchange.run(filter, preflight().header("Transfer-Encoding", "chunked")).status())
        .isEqualTo(401);
  }

  @Test
  void doFilterWhenPreflightMethodNotExactlyOptionsThenAuthenticated() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer");

    assertThat(Exchange.run(filter, preflight().method("options")).status()).isEqualTo(401);
    assertThat(Exchange.run(filter, preflight().method("GET")).status()).isEqualTo(401);
  }

  @Test
  void doFilterWhenAuthenticatedThenCachePrivate() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer");

    Exchange e =
        Exchange.run(filter, FakeRequest.get("/api/me").header("Authorization", "Bearer good"));

    assertThat(e.passed()).isTrue();
    assertThat(e.headers("Cache-Control")).containsExactly("private");
  }

  @Test
  void doFilterWhenAnonymousThroughOptionalFilterThenCachePrivate() throws ServletException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer", "required", "false");

    Exchange e = Exchange.run(filter, FakeRequest.get("/api/me"));

    assertThat(e.passed()).isTrue();
    assertThat(e.headers("Cache-Control")).containsExactly("private");
  }

  @Test
  void doFilterWhenApplicationSetsCacheControlThenApplicationWins()
      throws ServletException, IOException {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer");
    FakeResponse response = new FakeResponse();

    filter.doFilter(
        FakeRequest.get("/api/me").header("Authorization", "Bearer good").build(),
        response.servlet(),
        (rq, rs) -> ((HttpServletResponse) rs).setHeader("Cache-Control", "max-age=60"));

    assertThat(response.headers("Cache-Control")).containsExactly("max-age=60");
  }
}
