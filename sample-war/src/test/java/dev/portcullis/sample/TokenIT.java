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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bearer tokens on the packaged sample on Payara Micro, against a real authorization server on
 * loopback ({@link AuthorizationServer}): JWT access tokens verified with keys found through the
 * server's discovery document, and tokens of another issuer checked by RFC 7662 introspection. The
 * server starts only after Payara has deployed the WAR (checked), so the sample deploys while its
 * identity provider is down. One deployment for the whole class.
 */
@ExtendWith(ArquillianExtension.class)
class TokenIT {
  /** RFC 9728: the main filter's Bearer challenges point at the sample's metadata. */
  private static final String METADATA =
      ", resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource\"";

  private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final AuthorizationServer SERVER = new AuthorizationServer();

  @ArquillianResource private URL deployment;
  private Http http;

  @Deployment(testable = false)
  static WebArchive sampleWar() throws IOException {
    new KeyFile().write(); // the API key file arquillian.xml points the server at
    return SampleWar.imported("ROOT.war");
  }

  @BeforeAll
  static void startAuthorizationServer() {
    // Arquillian deployed in its beforeAll callback, which runs before this method
    assertThat(SERVER.listening()).as("authorization server up during deployment").isFalse();
    SERVER.start();
  }

  @AfterAll
  static void stopAuthorizationServer() {
    SERVER.stop();
  }

  @BeforeEach
  void client() {
    http = new Http(deployment);
  }

  private HttpResponse<String> bearer(String method, String path, String token)
      throws IOException, InterruptedException {
    return http.send(method, path, "Authorization", "Bearer " + token);
  }

  @Test
  void meWhenJwtFromAuthorizationServerThenIdentity() throws Exception {
    String token = SERVER.jwt("alice", "orders:read orders:write", List.of("admin"));

    HttpResponse<String> response = bearer("GET", "/api/me", token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE)).isEmpty();
    assertThat(response.body())
        .isEqualTo(
            "{\"principal\":\"alice\",\"mechanism\":\"jwt\",\"authType\":\"Bearer\","
                + "\"scopes\":[\"orders:read\",\"orders:write\"],\"roles\":[\"admin\"]}");
    assertThat(bearer("GET", "/api/admin", token).statusCode()).isEqualTo(200);
  }

  @Test
  void ordersWhenJwtWithoutReadScopeThenInsufficientScope() throws Exception {
    String token = SERVER.jwt("carol", "profile", List.of());

    HttpResponse<String> response = bearer("GET", "/api/orders", token);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"orders:read\"");
    assertThat(response.body()).isEqualTo("{\"error\":\"insufficient_scope\"}");
  }

  @Test
  void meWhenJwtSignatureAlteredThenInvalidToken() throws Exception {
    String token = SERVER.jwt("alice", "orders:read", List.of());
    String altered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

    HttpResponse<String> response = bearer("GET", "/api/me", altered);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The access token is invalid\""
                + METADATA);
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_token\"}");
  }

  @Test
  void meWhenTokenOfOtherIssuerThenIdentityFromIntrospection() throws Exception {
    String token = SERVER.introspectedToken("bob", "orders:read");

    HttpResponse<String> response = bearer("GET", "/api/me", token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"principal\":\"bob\",\"mechanism\":\"introspection\",\"authType\":\"Bearer\","
                + "\"scopes\":[\"orders:read\"],\"roles\":[]}");
    assertThat(bearer("GET", "/api/orders", token).statusCode()).isEqualTo(200);
  }

  @Test
  void meWhenOpaqueTokenUnknownToServerThenNotActive() throws Exception {
    HttpResponse<String> response = bearer("GET", "/api/me", "2YotnFZFEjr1zCsicMWpAA");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The access token is not active\""
                + METADATA);
  }

  @Test
  void meWhenAuthorizationServerStoppedThenServiceUnavailableUntilItReturns() throws Exception {
    String seen = SERVER.introspectedToken("dave", "orders:read");
    String unseen = SERVER.introspectedToken("erin", "orders:read");
    assertThat(bearer("GET", "/api/me", seen).statusCode()).isEqualTo(200);

    SERVER.stop();
    try {
      HttpResponse<String> down = bearer("GET", "/api/me", unseen);

      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(down.headers().allValues(WWW_AUTHENTICATE)).isEmpty();
      assertThat(down.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
      // an answer the server gave before the outage is still cached
      assertThat(bearer("GET", "/api/me", seen).statusCode()).isEqualTo(200);
    } finally {
      SERVER.start();
    }
    // the 503 was not cached: the same token passes once the server is back, Payara still running
    assertThat(statusWithin(unseen, 200)).isEqualTo(200);
  }

  /** Polls {@code /api/me} until it answers {@code expected} or the deadline passes. */
  private int statusWithin(String token, int expected) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    int status = bearer("GET", "/api/me", token).statusCode();
    while (status != expected && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      status = bearer("GET", "/api/me", token).statusCode();
    }
    return status;
  }

  @Test
  void meWhenNoCredentialsThenApiKeyAndBearerChallenges() throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/me");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "ApiKey realm=\"api\"",
            "Bearer realm=\"api\"" + METADATA,
            "DPoP realm=\"api\", algs=\"RS256 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA\""
                + METADATA);
  }

  @Test
  void meWhenApiKeyUnderBearerThenApiKeyIdentityAndNothingSentToServer() throws Exception {
    int before = SERVER.requests();

    HttpResponse<String> response = bearer("GET", "/api/me", KeyFile.ALICE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"principal\":\"alice\",\"mechanism\":\"apiKey\"");
    assertThat(SERVER.requests()).isEqualTo(before);
  }

  @Test
  void meWhenJwtOfIssuerNotIntrospectedThenInvalidTokenAndNothingSentToServer() throws Exception {
    String token = SERVER.strangerToken("mallory");
    int before = SERVER.requests();

    HttpResponse<String> response = bearer("GET", "/api/me", token);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The access token is invalid\""
                + METADATA);
    assertThat(SERVER.requests()).isEqualTo(before);
  }
}
