package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.RequestAttributes;
import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Requirements declared at an endpoint, checked on the request a real filter passed on, must answer
 * exactly as the filter's own {@code requiredScopes} / {@code requiredRoles} would.
 */
class EndpointAuthorizationTest {
  private static final EndpointAuthorization WRITE =
      EndpointAuthorization.of(List.of("orders:write"), List.of());

  /** The request the filter passed on, or null when it answered itself. */
  private static HttpServletRequest through(AuthenticationFilter filter, FakeRequest request) {
    Exchange exchange = Exchange.run(filter, request);
    return exchange.passed() ? exchange.forwarded() : null;
  }

  @Test
  void checkWhenScopeMissingThenFilterInsufficientScopeWithItsRealm() throws Exception {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer", "realm", "shop");
    HttpServletRequest passed =
        through(filter, FakeRequest.get("/api/orders").header("Authorization", "Bearer good"));

    Refusal refusal = WRITE.check(passed::getAttribute).orElseThrow();

    assertThat(refusal.status()).isEqualTo(403);
    assertThat(refusal.challenges())
        .containsExactly(
            "Bearer realm=\"shop\", error=\"insufficient_scope\", scope=\"orders:write\"");
    assertThat(refusal.headers())
        .containsExactly(
            Map.entry(
                "WWW-Authenticate",
                List.of(
                    "Bearer realm=\"shop\", error=\"insufficient_scope\", scope=\"orders:write\"")),
            Map.entry("Cache-Control", List.of("no-store")),
            Map.entry("Content-Type", List.of("application/json")));
    assertThat(refusal.body()).isEqualTo("{\"error\":\"insufficient_scope\"}");
  }

  @Test
  void checkWhenSameAsFilterRequirementThenSameBytesAsFilter() throws Exception {
    Exchange filterLevel =
        Exchange.run(
            Exchange.start("mechanisms", "fakeBearer", "requiredScopes", "orders:write"),
            FakeRequest.get("/api/orders").header("Authorization", "Bearer good"));
    HttpServletRequest passed =
        through(
            Exchange.start("mechanisms", "fakeBearer"),
            FakeRequest.get("/api/orders").header("Authorization", "Bearer good"));

    Refusal refusal = WRITE.check(passed::getAttribute).orElseThrow();

    assertThat(refusal.status()).isEqualTo(filterLevel.status());
    assertThat(refusal.challenges()).isEqualTo(filterLevel.challenges());
    assertThat(refusal.body()).isEqualTo(filterLevel.body());
    assertThat(refusal.headers().get("Cache-Control"))
        .containsExactly(filterLevel.header("Cache-Control"));
  }

  @Test
  void checkWhenScopesGrantedThenEmpty() throws Exception {
    HttpServletRequest passed =
        through(
            Exchange.start("mechanisms", "fakeBearer"),
            FakeRequest.get("/api/orders").header("Authorization", "Bearer writer"));

    assertThat(WRITE.check(passed::getAttribute)).isEmpty();
    assertThat(
            EndpointAuthorization.of(List.of("orders:read"), List.of("admin"))
                .check(passed::getAttribute))
        .isEmpty();
  }

  @Test
  void checkWhenRoleMissingThenForbiddenWithoutChallenge() throws Exception {
    HttpServletRequest passed =
        through(
            Exchange.start("mechanisms", "fakeBearer"),
            FakeRequest.get("/api/admin").header("Authorization", "Bearer good"));

    Refusal refusal =
        EndpointAuthorization.of(List.of(), List.of("admin", "auditor"))
            .check(passed::getAttribute)
            .orElseThrow();

    assertThat(refusal.status()).isEqualTo(403);
    assertThat(refusal.challenges()).isEmpty();
    assertThat(refusal.headers()).doesNotContainKey("WWW-Authenticate");
    assertThat(refusal.body()).isEqualTo("{\"error\":\"forbidden\"}");
  }

  @Test
  void checkWhenApiKeyIdentityThenApiKeyScheme() throws Exception {
    HttpServletRequest passed =
        through(
            Exchange.start("mechanisms", "fakeBearer,fakeKey"),
            FakeRequest.get("/api/orders").header("X-API-Key", "k1"));

    assertThat(WRITE.check(passed::getAttribute).orElseThrow().challenges())
        .containsExactly(
            "ApiKey realm=\"api\", error=\"insufficient_scope\", scope=\"orders:write\"");
  }

  @Test
  void checkWhenClientCertificateIdentityThenNoChallenge() throws Exception {
    HttpServletRequest passed =
        through(
            Exchange.start("mechanisms", "fakeCert"),
            FakeRequest.get("/api/orders")
                .attribute(
                    RequestAttributes.CLIENT_CERTIFICATES,
                    new java.security.cert.X509Certificate[] {TestCertificates.selfSigned("c")}));

    Refusal refusal = WRITE.check(passed::getAttribute).orElseThrow();

    assertThat(refusal.status()).isEqualTo(403);
    assertThat(refusal.challenges()).isEmpty();
    assertThat(refusal.body()).isEqualTo("{\"error\":\"insufficient_scope\"}");
  }

  @Test
  void checkWhenLaterFilterAlsoPassedThenRealmOfFilterThatAuthenticated() throws Exception {
    HttpServletRequest first =
        through(
            Exchange.start("mechanisms", "fakeBearer", "realm", "first"),
            FakeRequest.get("/api/orders").header("Authorization", "Bearer good"));
    AuthenticationFilter second =
        Exchange.start("mechanisms", "fakeBearer", "realm", "second", "requiredRoles", "user");
    Exchange later = Exchange.run(second, first);

    Refusal refusal = WRITE.check(later.forwarded()::getAttribute).orElseThrow();

    assertThat(refusal.challenges())
        .containsExactly(
            "Bearer realm=\"first\", error=\"insufficient_scope\", scope=\"orders:write\"");
  }

  @Test
  void checkWhenOptionalFilterLetAnonymousThroughThenUnauthorizedWithItsChallenges()
      throws Exception {
    HttpServletRequest passed =
        through(
            Exchange.start("mechanisms", "fakeBearer,fakeKey", "required", "false"),
            FakeRequest.get("/api/orders"));

    Refusal refusal = WRITE.check(passed::getAttribute).orElseThrow();

    assertThat(refusal.status()).isEqualTo(401);
    assertThat(refusal.challenges())
        .containsExactly("Bearer realm=\"api\"", "ApiKey realm=\"api\"");
    assertThat(refusal.body()).isEqualTo("{\"error\":\"unauthorized\"}");
  }

  @Test
  void checkWhenNoFilterRanThenForbidden() {
    HttpServletRequest request = FakeRequest.get("/api/public/x").build();

    Refusal refusal = WRITE.check(request::getAttribute).orElseThrow();

    assertThat(refusal.status()).isEqualTo(403);
    assertThat(refusal.challenges()).isEmpty();
    assertThat(refusal.body()).isEqualTo("{\"error\":\"forbidden\"}");
  }

  @Test
  void checkWhenOnlyAnIdentityAttributeThenForbidden() {
    Identity planted =
        Identity.builder("mallory", "x", "Bearer").scopes(Set.of("orders:write")).build();
    HttpServletRequest request =
        FakeRequest.get("/api/orders").attribute(Identity.REQUEST_ATTRIBUTE, planted).build();

    assertThat(WRITE.check(request::getAttribute).map(Refusal::status)).isEqualTo(Optional.of(403));
  }

  @Test
  void checkWhenNothingRequiredThenAnyIdentityPassesAndAnonymousDoesNot() throws Exception {
    EndpointAuthorization authenticated = EndpointAuthorization.of(List.of(), List.of());
    HttpServletRequest passed =
        through(
            Exchange.start("mechanisms", "fakeBearer"),
            FakeRequest.get("/api/me").header("Authorization", "Bearer good"));

    assertThat(authenticated.check(passed::getAttribute)).isEmpty();
    assertThat(authenticated.check(name -> null).map(Refusal::status)).hasValue(403);
  }

  @Test
  void ofWhenScopeNotATokenThenRefused() {
    assertThatThrownBy(() -> EndpointAuthorization.of(List.of("a b"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Scope [a b] is not a scope token");
    assertThatThrownBy(() -> EndpointAuthorization.of(List.of("say\"hi"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EndpointAuthorization.of(List.of(""), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EndpointAuthorization.of(List.of(), List.of("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A required role is empty");
  }

  @Test
  void ofThenKeepsDeclarationOrder() {
    EndpointAuthorization requirement =
        EndpointAuthorization.of(List.of("b", "a", "b"), List.of("y", "x"));

    assertThat(requirement.scopes()).containsExactly("b", "a");
    assertThat(requirement.roles()).containsExactly("y", "x");
    assertThat(requirement).hasToString("EndpointAuthorization[scopes=[b, a], roles=[y, x]]");
  }

  @Test
  void checkWhenRefusedThenAuditLineLikeTheFilters() throws Exception {
    AuthenticationFilter filter = Exchange.start("mechanisms", "fakeBearer");
    HttpServletRequest passed =
        through(
            filter,
            FakeRequest.get("/api/orders")
                .remoteAddr("192.0.2.9")
                .header("Authorization", "Bearer good"));

    try (dev.portcullis.testing.LogCapture log = dev.portcullis.testing.LogCapture.start()) {
      WRITE.check(passed::getAttribute).orElseThrow();

      assertThat(log.messages(Audit.LOGGER))
          .containsExactly(
              "event=refused filter=test status=403 mechanism=fakeBearer"
                  + " reason=insufficient_scope credential=sha256:"
                  + Fingerprint.forLog(Fingerprint.of("good"))
                  + " error=insufficient_scope client=192.0.2.9 path=/api/orders");
    }
  }
}
