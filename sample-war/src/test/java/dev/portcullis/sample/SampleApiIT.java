package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged sample WAR on Payara Micro, over real HTTP. One deployment (one server boot) for the
 * whole class.
 */
@ExtendWith(ArquillianExtension.class)
class SampleApiIT {
  /** RFC 9728: the main filter's Bearer challenges point at the sample's metadata. */
  private static final String METADATA =
      ", resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource\"";

  private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  private static final String INVALID_KEY =
      "ApiKey realm=\"api\", error=\"invalid_token\", error_description=\"The API key is invalid\"";
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

  @Test
  void publicMeWhenTokenSentThenIgnoredAndAnonymousShapeOfMe() throws Exception {
    HttpResponse<String> response =
        http.send("GET", "/api/public/me", "Authorization", "Bearer not-even-checked");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"principal\":\"anonymous\",\"mechanism\":\"none\",\"authType\":\"none\","
                + "\"scopes\":[\"orders:read\",\"orders:write\"],\"roles\":[\"admin\"]}");
  }

  @Test
  void pingWhenNoCredentialsThenOk() throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/public/ping");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void meWhenNoCredentialsThenUnauthorizedWithEveryChallenge() throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/me");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "ApiKey realm=\"api\"",
            "Bearer realm=\"api\"" + METADATA,
            "DPoP realm=\"api\", algs=\"RS256 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA\""
                + METADATA);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
  }

  @Test
  void meWhenAuthorizationApiKeyThenIdentity() throws Exception {
    HttpResponse<String> response =
        http.send("GET", "/api/me", "Authorization", "ApiKey " + KeyFile.ALICE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE)).isEmpty();
    assertThat(response.body())
        .isEqualTo(
            "{\"principal\":\"alice\",\"mechanism\":\"apiKey\",\"authType\":\"ApiKey\","
                + "\"scopes\":[\"orders:read\",\"orders:write\"],\"roles\":[\"admin\"]}");
  }

  @Test
  void meWhenKeyHeaderThenIdentity() throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/me", "X-API-Key", KeyFile.BOB);

    assertThat(response.statusCode()).isEqualTo(200);
    // a cache must not hand bob's answer to a request with another key, or none
    assertThat(response.headers().allValues("Vary"))
        .containsExactly("Authorization, X-API-Key, api-key, x-goog-api-key, DPoP");
    assertThat(response.body())
        .isEqualTo(
            "{\"principal\":\"bob\",\"mechanism\":\"apiKey\",\"authType\":\"ApiKey\","
                + "\"scopes\":[\"orders:read\"],\"roles\":[]}");
  }

  @Test
  void meWhenWrongKeyThenInvalidToken() throws Exception {
    String wrong = KeyFile.ALICE.substring(0, KeyFile.ALICE.length() - 4) + "AAAA";

    HttpResponse<String> response = http.send("GET", "/api/me", "X-API-Key", wrong);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE)).containsExactly(INVALID_KEY);
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_token\"}");
  }

  @Test
  void meWhenRevokedKeyInFileThenInvalidToken() throws Exception {
    HttpResponse<String> response =
        http.send("GET", "/api/me", "Authorization", "ApiKey " + KeyFile.CAROL);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE)).containsExactly(INVALID_KEY);
  }

  @Test
  void ordersWhenReadScopeThenOk() throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/orders", "X-API-Key", KeyFile.BOB);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"orders\":[");
  }

  @Test
  void createOrderWhenWriteScopeThenCreated() throws Exception {
    HttpResponse<String> response = http.send("POST", "/api/orders", "X-API-Key", KeyFile.ALICE);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).endsWith(",\"createdBy\":\"alice\"}");
  }

  @Test
  void createOrderWhenWriteScopeMissingThenInsufficientScope() throws Exception {
    for (String path : List.of("/api/orders", "/api/orders/")) {
      HttpResponse<String> response = http.send("POST", path, "X-API-Key", KeyFile.BOB);

      assertThat(response.statusCode()).as(path).isEqualTo(403);
      assertThat(response.headers().allValues(WWW_AUTHENTICATE))
          .as(path)
          .containsExactly(
              "ApiKey realm=\"api\", error=\"insufficient_scope\", scope=\"orders:write\"");
      assertThat(response.body()).isEqualTo("{\"error\":\"insufficient_scope\"}");
    }
  }

  @Test
  void adminWhenRoleMissingThenForbiddenWithoutChallenge() throws Exception {
    for (String path : List.of("/api/admin", "/api/admin/")) {
      HttpResponse<String> response = http.send("GET", path, "X-API-Key", KeyFile.BOB);

      assertThat(response.statusCode()).as(path).isEqualTo(403);
      assertThat(response.headers().allValues(WWW_AUTHENTICATE)).as(path).isEmpty();
      assertThat(response.body()).isEqualTo("{\"error\":\"forbidden\"}");
    }
  }

  @Test
  void adminWhenRoleHeldThenOk() throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/admin", "X-API-Key", KeyFile.ALICE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"admin\":true,\"principal\":\"alice\"}");
  }

  @Test
  void meWhenTwoAuthorizationFieldsThenBadRequest() throws Exception {
    String response =
        http.raw(
            "GET /api/me HTTP/1.1\r\nAuthorization: ApiKey "
                + KeyFile.ALICE
                + "\r\nAuthorization: ApiKey "
                + KeyFile.BOB);

    assertThat(response).startsWith("HTTP/1.1 400 ");
    assertThat(response.lines().filter(l -> l.regionMatches(true, 0, WWW_AUTHENTICATE, 0, 16)))
        .containsExactly(
            "WWW-Authenticate: ApiKey realm=\"api\", error=\"invalid_request\","
                + " error_description=\"The request has more than one Authorization field\"",
            "WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_request\","
                + " error_description=\"The request has more than one Authorization field\""
                + METADATA,
            "WWW-Authenticate: DPoP realm=\"api\", error=\"invalid_request\","
                + " error_description=\"The request has more than one Authorization field\","
                + " algs=\"RS256 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA\""
                + METADATA);
    assertThat(response).endsWith("\r\n\r\n{\"error\":\"invalid_request\"}");
  }

  @Test
  void ordersWhenCorsPreflightThenPassesWithoutCredentials() throws Exception {
    HttpResponse<String> response =
        http.send(
            "OPTIONS",
            "/api/orders",
            "Origin",
            "https://app.example",
            "Access-Control-Request-Method",
            "POST");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE)).isEmpty();
  }

  @Test
  void meWhenKeyRevokedInFileWhileRunningThenInvalidTokenWithinTtl() throws Exception {
    assertThat(http.send("GET", "/api/me", "X-API-Key", KEYS.daveKey()).statusCode())
        .isEqualTo(200);

    KEYS.revokeDave();

    // cache TTL 2s + reload interval 1s (arquillian.xml); allow for a slow, shared machine
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    HttpResponse<String> response = http.send("GET", "/api/me", "X-API-Key", KEYS.daveKey());
    while (response.statusCode() == 200 && Instant.now().isBefore(deadline)) {
      Thread.sleep(100); // poll interval, not a wait for the TTL
      response = http.send("GET", "/api/me", "X-API-Key", KEYS.daveKey());
    }
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE)).containsExactly(INVALID_KEY);
  }
}
