package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample on Payara Micro, tried the way an attacker would: request lines written on a raw
 * socket (nothing re-normalises them) against the exact exclusion {@code /api/status}, whose {@code
 * details} sub-path is protected, and the prefix exclusion {@code /api/public/*}. No spelling of a
 * protected path is answered 200 without credentials.
 */
@ExtendWith(ArquillianExtension.class)
class RequestEntryIT {
  private static final String BAD =
      ", error=\"invalid_request\", error_description=\"The request path is ambiguous\"";
  private static final String METADATA =
      ", resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource\"";
  private static final KeyFile KEYS = new KeyFile();

  @ArquillianResource private URL deployment;
  private Http http;

  @Deployment(testable = false)
  static WebArchive sampleWar() throws IOException {
    KEYS.write();
    return SampleWar.imported("ROOT.war");
  }

  @BeforeEach
  void client() {
    http = new Http(deployment);
  }

  /** The status line of a raw response. */
  private static String status(String response) {
    return response.substring(0, response.indexOf("\r\n"));
  }

  @Test
  void statusWhenExactlyExcludedThenPublicAndDetailsProtected() throws Exception {
    assertThat(status(http.raw("GET /api/status HTTP/1.1"))).isEqualTo("HTTP/1.1 200 OK");
    assertThat(status(http.raw("GET /api/status/details HTTP/1.1")))
        .isEqualTo("HTTP/1.1 401 Unauthorized");
  }

  /**
   * Parameters are removed per segment: these are /api/status/details, which needs credentials (an
   * absolute-form target is decided on its path; a trailing slash is not the exact exclusion).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/status;/details",
        "/api/status;x=1/details",
        "/api/status/details;jsessionid=x",
        "/api;x/status/details",
        "/api/public/../status/details",
        "http://localhost/api/status;/details",
        "/api/status/",
      })
  void detailsWhenSpeltWithParametersOrDotsThenUnauthorized(String path) throws Exception {
    String response = http.raw("GET " + path + " HTTP/1.1");

    assertThat(status(response)).as(path).isEqualTo("HTTP/1.1 401 Unauthorized");
    assertThat(response)
        .as(path)
        .contains("\r\nWWW-Authenticate: ApiKey realm=\"api\"\r\n")
        .contains("\r\nWWW-Authenticate: Bearer realm=\"api\"" + METADATA + "\r\n");
  }

  /** Ambiguous URIs are refused before exclusions are looked at. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/public/..;/me",
        "http://localhost/api/public/..;/me",
        "/api/public/.;/me",
        "/api/public/..;x=1/status/details",
        "/api/public/%2e%2e/me",
        "/api/public/%2E%2e/status/details",
        "/api/public/..%2Fme",
        "/api/status%2Fdetails",
        "/api/status%2fdetails",
        "/api/public/..%3B/me",
        "/api/public//../me",
        "/api/public/%ff%fe/../me",
        "/api/public/%c3/../me",
      })
  void requestWhenPathAmbiguousThenBadRequestWithEveryChallenge(String path) throws Exception {
    String response = http.raw("GET " + path + " HTTP/1.1");

    assertThat(status(response)).as(path).isEqualTo("HTTP/1.1 400 Bad Request");
    assertThat(response)
        .as(path)
        .contains("\r\nWWW-Authenticate: ApiKey realm=\"api\"" + BAD + "\r\n")
        .contains("\r\nWWW-Authenticate: Bearer realm=\"api\"" + BAD + METADATA + "\r\n")
        .contains("\r\nCache-Control: no-store\r\n")
        .endsWith("{\"error\":\"invalid_request\"}");
  }

  /** Grizzly refuses an encoded backslash itself, before any filter runs (CanonicalPath would). */
  @Test
  void requestWhenEncodedBackslashThenContainerRefuses() throws Exception {
    assertThat(status(http.raw("GET /api/status%5Cdetails HTTP/1.1")))
        .isEqualTo("HTTP/1.1 400 Invalid URI");
  }

  /**
   * Grizzly refuses overlong UTF-8 escapes ({@code %C0%AE} read as {@code .} by a lenient decoder)
   * itself; CanonicalPath would.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/api/public/%c0%ae%c0%ae/me", "/api/public/%e0%80%ae%e0%80%ae/me"})
  void requestWhenOverlongUtf8ThenContainerRefuses(String path) throws Exception {
    assertThat(status(http.raw("GET " + path + " HTTP/1.1"))).isEqualTo("HTTP/1.1 400 Invalid URI");
  }

  /** An empty Origin or Access-Control-Request-Method is no preflight: authenticated. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Origin: https://app.example\r\nAccess-Control-Request-Method: ",
        "Origin: \r\nAccess-Control-Request-Method: GET"
      })
  void meWhenOptionsWithEmptyPreflightFieldThenUnauthorized(String fields) throws Exception {
    String response = http.raw("OPTIONS /api/me HTTP/1.1\r\n" + fields);

    assertThat(status(response)).isEqualTo("HTTP/1.1 401 Unauthorized");
    assertThat(response).contains("\r\nWWW-Authenticate: ApiKey realm=\"api\"\r\n");
  }

  @Test
  void publicWhenPrefixExcludedThenStillPublicWithParameters() throws Exception {
    assertThat(status(http.raw("GET /api/public/ping;x=1 HTTP/1.1"))).isEqualTo("HTTP/1.1 200 OK");
  }

  @Test
  void detailsWhenKeyThenPrivateCacheControl() throws Exception {
    HttpResponse<String> response =
        http.send("GET", "/api/status/details", "X-API-Key", KeyFile.BOB);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues("Cache-Control")).containsExactly("private");
    assertThat(response.body()).isEqualTo("{\"principal\":\"bob\"}");
  }

  @Test
  void cachedWhenApplicationSetsCacheControlThenApplicationWins() throws Exception {
    HttpResponse<String> response =
        http.send("GET", "/api/status/cached", "X-API-Key", KeyFile.BOB);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues("Cache-Control"))
        .containsExactly("private, no-transform, max-age=60");
  }

  @Test
  void statusWhenExcludedThenNoCacheControlAdded() throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/status");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues("Cache-Control")).isEmpty();
  }

  @Test
  void meWhenOptionsWithOriginAndRequestMethodButCredentialThenAuthenticated() throws Exception {
    HttpResponse<String> response =
        http.send(
            "OPTIONS",
            "/api/me",
            "Origin",
            "https://app.example",
            "Access-Control-Request-Method",
            "GET",
            "X-API-Key",
            "pc_0000000000000000_wrong");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate"))
        .containsExactly(
            "ApiKey realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The API key is invalid\"");
  }
}
