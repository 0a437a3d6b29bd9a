package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
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
 * The filter's caller as Payara Micro sees it (through {@code ContainerSecurity}): Jakarta
 * Security's {@code SecurityContext}, the JAX-RS {@code SecurityContext}, {@code @RolesAllowed} on
 * an EJB and on a resource method; and {@code @RequiresScopes} / {@code @RequiresRoles} on {@code
 * /api/invoices}, answered like the filter's own requirements. API keys from the key file and JWTs
 * from the real authorization server. One deployment for the whole class.
 */
@ExtendWith(ArquillianExtension.class)
class PlatformIT {
  /** RFC 9728: the main filter's Bearer challenges point at the sample's metadata. */
  private static final String METADATA =
      ", resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource\"";

  private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  private static final AuthorizationServer SERVER = new AuthorizationServer();

  @ArquillianResource private URL deployment;
  private Http http;

  @Deployment(testable = false)
  static WebArchive sampleWar() throws IOException {
    new KeyFile().write();
    return SampleWar.imported("ROOT.war");
  }

  @BeforeAll
  static void startAuthorizationServer() {
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
  void callerWhenJwtWithAdminGroupThenContainerSeesCallerAndRole() throws Exception {
    String token = SERVER.jwt("alice", "profile", List.of("admin"));

    HttpResponse<String> response = bearer("GET", "/api/caller", token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"callerPrincipal\":\"alice\",\"callerInRoleAdmin\":true,\"callerIsIdentity\":true,"
                + "\"restPrincipal\":\"alice\",\"restInRoleAdmin\":true,"
                + "\"authenticationScheme\":\"Bearer\"}");
  }

  @Test
  void callerWhenApiKeyWithoutRoleThenContainerSeesCallerNotInRole() throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/caller", "X-API-Key", KeyFile.BOB);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"callerPrincipal\":\"bob\",\"callerInRoleAdmin\":false,\"callerIsIdentity\":true,"
                + "\"restPrincipal\":\"bob\",\"restInRoleAdmin\":false,"
                + "\"authenticationScheme\":\"ApiKey\"}");
  }

  @Test
  void callerWhenNoCredentialsThenFilterChallengesBeforeContainer() throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/caller");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "ApiKey realm=\"api\"",
            "Bearer realm=\"api\"" + METADATA,
            "DPoP realm=\"api\", algs=\"RS256 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA\""
                + METADATA);
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
  }

  @Test
  void reportsWhenAdminThenEjbRuns() throws Exception {
    HttpResponse<String> key = http.send("GET", "/api/reports", "X-API-Key", KeyFile.ALICE);
    HttpResponse<String> jwt =
        bearer("GET", "/api/reports", SERVER.jwt("erin", "profile", List.of("admin")));

    assertThat(key.statusCode()).isEqualTo(200);
    assertThat(key.body()).isEqualTo("{\"orders\":2,\"preparedFor\":\"alice\"}");
    assertThat(jwt.statusCode()).isEqualTo(200);
    assertThat(jwt.body()).isEqualTo("{\"orders\":2,\"preparedFor\":\"erin\"}");
  }

  @Test
  void reportsWhenNotAdminThenEjbRefuses() throws Exception {
    HttpResponse<String> key = http.send("GET", "/api/reports", "X-API-Key", KeyFile.BOB);
    HttpResponse<String> jwt =
        bearer("GET", "/api/reports", SERVER.jwt("carol", "profile", List.of("user")));

    assertThat(key.statusCode()).isEqualTo(403);
    assertThat(key.body()).isEqualTo("{\"error\":\"forbidden\"}");
    assertThat(jwt.statusCode()).isEqualTo(403);
  }

  @Test
  void staffWhenRolesAllowedOnResourceMethodThenPayaraEnforcesIt() throws Exception {
    HttpResponse<String> admin = http.send("GET", "/api/staff", "X-API-Key", KeyFile.ALICE);
    HttpResponse<String> other = http.send("GET", "/api/staff", "X-API-Key", KeyFile.BOB);

    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(admin.body()).isEqualTo("{\"staff\":\"alice\"}");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.headers().allValues(WWW_AUTHENTICATE)).isEmpty();
  }

  @Test
  void invoicesWhenReadScopeThenOk() throws Exception {
    HttpResponse<String> response =
        bearer("GET", "/api/invoices", SERVER.jwt("carol", "invoices:read", List.of()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"invoices\":[\"INV-1\",\"INV-2\"]}");
  }

  @Test
  void invoicesWhenJwtLacksScopeThenBearerInsufficientScope() throws Exception {
    HttpResponse<String> response =
        bearer("GET", "/api/invoices", SERVER.jwt("carol", "orders:read", List.of()));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"invoices:read\""
                + METADATA);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo("{\"error\":\"insufficient_scope\"}");
  }

  @Test
  void invoicesWhenApiKeyLacksScopeThenApiKeyInsufficientScope() throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/invoices", "X-API-Key", KeyFile.BOB);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "ApiKey realm=\"api\", error=\"insufficient_scope\", scope=\"invoices:read\"");
    assertThat(response.body()).isEqualTo("{\"error\":\"insufficient_scope\"}");
  }

  @Test
  void invoicesWhenIntrospectedTokenLacksScopeThenBearerInsufficientScope() throws Exception {
    HttpResponse<String> response =
        bearer("GET", "/api/invoices", SERVER.introspectedToken("dave", "orders:read"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"invoices:read\""
                + METADATA);
  }

  @Test
  void createInvoiceWhenWriteScopeMissingThenBothScopesNamed() throws Exception {
    HttpResponse<String> response =
        bearer("POST", "/api/invoices", SERVER.jwt("carol", "invoices:read", List.of()));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "Bearer realm=\"api\", error=\"insufficient_scope\","
                + " scope=\"invoices:read invoices:write\""
                + METADATA);
  }

  @Test
  void createInvoiceWhenBothScopesThenCreated() throws Exception {
    HttpResponse<String> response =
        bearer(
            "POST",
            "/api/invoices",
            SERVER.jwt("carol", "invoices:read invoices:write", List.of()));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).isEqualTo("{\"createdBy\":\"carol\"}");
  }

  @Test
  void deleteInvoiceWhenRoleMissingThenForbiddenWithoutChallenge() throws Exception {
    HttpResponse<String> response =
        bearer("DELETE", "/api/invoices/INV-1", SERVER.jwt("carol", "invoices:read", List.of()));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE)).isEmpty();
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(response.body()).isEqualTo("{\"error\":\"forbidden\"}");
  }

  @Test
  void deleteInvoiceWhenAdminThenOk() throws Exception {
    HttpResponse<String> response =
        bearer(
            "DELETE",
            "/api/invoices/INV-1",
            SERVER.jwt("alice", "invoices:read", List.of("admin")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"deleted\":\"INV-1\",\"by\":\"alice\"}");
  }

  @Test
  void invoicesWhenNoCredentialsThenFilterChallenges() throws Exception {
    HttpResponse<String> response = http.send("GET", "/api/invoices");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "ApiKey realm=\"api\"",
            "Bearer realm=\"api\"" + METADATA,
            "DPoP realm=\"api\", algs=\"RS256 PS256 PS384 PS512 ES256 ES384 ES512 EdDSA\""
                + METADATA);
  }
}
