package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.RequestAttributes;
import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.ServletException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every row of the ARCHITECTURE status matrix, as exact strings. */
class AuthenticationFilterStatusMatrixTest {
  private static final String BEARER = "Bearer realm=\"api\"";
  private static final String API_KEY = "ApiKey realm=\"api\"";

  private AuthenticationFilter filter;

  @BeforeEach
  void start() throws ServletException {
    filter = Exchange.start("mechanisms", "fakeBearer,fakeKey", "requiredScopes", "orders:read");
  }

  private static FakeRequest request() {
    return FakeRequest.get("/api/orders");
  }

  @Test
  void doFilterWhenNoCredentialsThenUnauthorizedWithEveryChallengeInConfiguredOrder() {
    Exchange e = Exchange.run(filter, request());

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges()).containsExactly(BEARER, API_KEY);
    assertThat(e.body()).isEqualTo("{\"error\":\"unauthorized\"}");
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenMechanismsInOtherOrderThenChallengesInThatOrder() throws ServletException {
    AuthenticationFilter reversed = Exchange.start("mechanisms", "fakeKey,fakeBearer");

    assertThat(Exchange.run(reversed, request()).challenges()).containsExactly(API_KEY, BEARER);
  }

  @Test
  void doFilterWhenTwoAuthorizationFieldsThenBadRequestOnEveryChallenge() {
    Exchange e =
        Exchange.run(
            filter,
            request().header("Authorization", "Bearer good").header("Authorization", "Bearer b"));

    String error =
        ", error=\"invalid_request\","
            + " error_description=\"The request has more than one Authorization field\"";
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.challenges()).containsExactly(BEARER + error, API_KEY + error);
    assertThat(e.body()).isEqualTo("{\"error\":\"invalid_request\"}");
  }

  @Test
  void doFilterWhenCommaJoinedCredentialsThenBadRequest() {
    Exchange e = Exchange.run(filter, request().header("Authorization", "Bearer a, Bearer b"));

    String error =
        ", error=\"invalid_request\","
            + " error_description=\"The Authorization field must carry exactly one credential\"";
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.challenges()).containsExactly(BEARER + error, API_KEY + error);
  }

  @Test
  void doFilterWhenEmptyBearerTokenThenBadRequest() {
    for (String value : new String[] {"Bearer", "Bearer ", "  Bearer   ", "bearer"}) {
      Exchange e = Exchange.run(filter, request().header("Authorization", value));

      String error =
          ", error=\"invalid_request\","
              + " error_description=\"The Authorization field has an empty credential\"";
      assertThat(e.status()).as(value).isEqualTo(400);
      assertThat(e.challenges()).as(value).containsExactly(BEARER + error, API_KEY + error);
    }
  }

  @Test
  void doFilterWhenBearerAndApiKeyHeaderTogetherThenBadRequest() {
    Exchange e =
        Exchange.run(
            filter, request().header("Authorization", "Bearer good").header("X-API-Key", "k1"));

    String error =
        ", error=\"invalid_request\","
            + " error_description=\"The request carries more than one credential\"";
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.challenges()).containsExactly(BEARER + error, API_KEY + error);
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenSchemeInAnyCaseThenAccepted() {
    for (String scheme : new String[] {"Bearer", "bearer", "BEARER", "bEaReR"}) {
      Exchange e = Exchange.run(filter, request().header("Authorization", scheme + " good"));

      assertThat(e.status()).as(scheme).isEqualTo(200);
      assertThat(e.passed()).as(scheme).isTrue();
      assertThat(e.forwarded().getRemoteUser()).isEqualTo("alice");
    }
  }

  @Test
  void doFilterWhenBasicAtBearerEndpointThenPlainUnauthorized() {
    Exchange e = Exchange.run(filter, request().header("Authorization", "Basic YWxpY2U6c2VjcmV0"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges()).containsExactly(BEARER, API_KEY);
  }

  @Test
  void doFilterWhenInvalidTokenThenUnauthorizedWithOnlyTheBearerChallengeAndItsError() {
    Exchange e = Exchange.run(filter, request().header("Authorization", "Bearer wrong"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges())
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The access token is invalid\"");
    assertThat(e.body()).isEqualTo("{\"error\":\"invalid_token\"}");
  }

  @Test
  void doFilterWhenInvalidApiKeyThenUnauthorizedWithOnlyTheApiKeyChallengeAndItsError() {
    Exchange e = Exchange.run(filter, request().header("X-API-Key", "nope"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges())
        .containsExactly(
            "ApiKey realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The API key is invalid\"");
  }

  @Test
  void doFilterWhenMechanismRejectsAsInvalidRequestThenBadRequestOnEveryChallenge() {
    Exchange e = Exchange.run(filter, request().header("Authorization", "Bearer malformed"));

    String error =
        ", error=\"invalid_request\", error_description=\"The access token is malformed\"";
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.challenges()).containsExactly(BEARER + error, API_KEY + error);
  }

  @Test
  void doFilterWhenScopeMissingThenForbiddenWithInsufficientScope() throws ServletException {
    AuthenticationFilter writes =
        Exchange.start("mechanisms", "fakeBearer,fakeKey", "requiredScopes", "orders:write");

    Exchange e = Exchange.run(writes, request().header("Authorization", "Bearer good"));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.challenges())
        .containsExactly(
            "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"orders:write\"");
    assertThat(e.body()).isEqualTo("{\"error\":\"insufficient_scope\"}");
  }

  @Test
  void doFilterWhenSeveralScopesMissingThenScopeListsThemInConfiguredOrder()
      throws ServletException {
    AuthenticationFilter writes =
        Exchange.start(
            "mechanisms", "fakeKey", "requiredScopes", "orders:write, orders:read, admin:all");

    Exchange e = Exchange.run(writes, request().header("X-API-Key", "k1"));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.challenges())
        .containsExactly(
            "ApiKey realm=\"api\", error=\"insufficient_scope\","
                + " scope=\"orders:write orders:read admin:all\"");
  }

  @Test
  void doFilterWhenRoleMissingThenForbiddenWithoutChallenge() throws ServletException {
    AuthenticationFilter admin =
        Exchange.start("mechanisms", "fakeBearer", "requiredRoles", "admin");

    Exchange e = Exchange.run(admin, request().header("Authorization", "Bearer good"));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.challenges()).isEmpty();
    assertThat(e.body()).isEqualTo("{\"error\":\"forbidden\"}");
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenOneOfTheRolesHeldThenPasses() throws ServletException {
    AuthenticationFilter admin =
        Exchange.start("mechanisms", "fakeBearer", "requiredRoles", "auditor,admin");

    Exchange e = Exchange.run(admin, request().header("Authorization", "Bearer writer"));

    assertThat(e.status()).isEqualTo(200);
    assertThat(e.passed()).isTrue();
  }

  @Test
  void doFilterWhenOnlyCertificateMechanismAndNoCertificateThenForbiddenWithoutChallenge()
      throws ServletException {
    AuthenticationFilter mtls = Exchange.start("mechanisms", "fakeCert");

    Exchange e = Exchange.run(mtls, request());

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.challenges()).isEmpty();
    assertThat(e.body()).isEqualTo("{\"error\":\"forbidden\"}");
  }

  @Test
  void doFilterWhenCertificateUnacceptableAndOnlyMtlsThenForbiddenWithoutChallenge()
      throws ServletException {
    AuthenticationFilter mtls = Exchange.start("mechanisms", "fakeCert");
    X509Certificate revoked = TestCertificates.selfSigned("revoked");

    Exchange e =
        Exchange.run(
            mtls,
            request()
                .attribute(RequestAttributes.CLIENT_CERTIFICATES, new X509Certificate[] {revoked}));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.challenges()).isEmpty();
    assertThat(e.body()).isEqualTo("{\"error\":\"forbidden\"}");
  }

  @Test
  void doFilterWhenCertificateUnacceptableAndOtherSchemesThenTheirPlainChallenges()
      throws ServletException {
    AuthenticationFilter mixed = Exchange.start("mechanisms", "fakeCert,fakeBearer");
    X509Certificate revoked = TestCertificates.selfSigned("revoked");

    Exchange e =
        Exchange.run(
            mixed,
            request()
                .attribute(RequestAttributes.CLIENT_CERTIFICATES, new X509Certificate[] {revoked}));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges()).containsExactly("Bearer realm=\"api\"");
  }

  @Test
  void doFilterWhenTwoMechanismsShareASchemeThenItsChallengeAppearsOnce() throws ServletException {
    AuthenticationFilter twoBearers = Exchange.start("mechanisms", "fakeBearer,down,fakeKey");

    assertThat(Exchange.run(twoBearers, request()).challenges()).containsExactly(BEARER, API_KEY);
  }

  @Test
  void doFilterWhenBackEndDownThenServiceUnavailableWithRetryAfterAndNoChallenge()
      throws ServletException {
    AuthenticationFilter down = Exchange.start("mechanisms", "down,fakeKey");

    Exchange e = Exchange.run(down, request().header("Authorization", "Bearer anything"));

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.header("Retry-After")).isEqualTo("5");
    assertThat(e.challenges()).isEmpty();
    assertThat(e.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
    assertThat(e.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void doFilterWhenRetryAfterConfiguredThenServiceUnavailableCarriesIt() throws ServletException {
    AuthenticationFilter down = Exchange.start("mechanisms", "down", "retryAfter", "2m");

    Exchange e = Exchange.run(down, request().header("Authorization", "Bearer anything"));

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.header("Retry-After")).isEqualTo("120");
  }

  @Test
  void doFilterWhenRefusedThenJsonBodyAndNoStoreOnEveryStatus() throws ServletException {
    AuthenticationFilter roles =
        Exchange.start("mechanisms", "fakeBearer,fakeKey", "requiredRoles", "admin");
    FakeRequest[] refused = {
      request(),
      request().header("Authorization", "Bearer a").header("Authorization", "Bearer b"),
      request().header("Authorization", "Bearer wrong"),
      request().header("Authorization", "Bearer good"),
    };
    int[] statuses = {401, 400, 401, 403};
    for (int i = 0; i < refused.length; i++) {
      Exchange e = Exchange.run(roles, refused[i]);

      assertThat(e.status()).isEqualTo(statuses[i]);
      assertThat(e.header("Cache-Control")).isEqualTo("no-store");
      assertThat(e.contentType()).isEqualTo("application/json");
      assertThat(e.body()).matches("\\{\"error\":\"[a-z_]+\"}");
      assertThat(e.passed()).isFalse();
    }
  }
}
