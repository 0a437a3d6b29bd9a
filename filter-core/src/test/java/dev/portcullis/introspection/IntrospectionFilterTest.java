package dev.portcullis.introspection;

import static dev.portcullis.introspection.Fixture.active;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Fingerprint;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.AuthenticationFilterBuilder;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole filter with the introspection mechanism: exact statuses and challenges. */
class IntrospectionFilterTest {
  private static final String INVALID =
      "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"";

  private final FakeTime time = new FakeTime();
  private LoopbackAs as;
  private AuthenticationFilter filter;
  private FakeResponse response;
  private RecordingChain chain;

  @BeforeEach
  void start() {
    as = LoopbackAs.http();
  }

  @AfterEach
  void stop() {
    if (filter != null) {
      filter.destroy();
    }
    as.close();
  }

  private AuthenticationFilterBuilder builder(String endpoint) {
    return AuthenticationFilter.builder()
        .mechanisms("introspection")
        .set("introspection.endpoint", endpoint)
        .set("introspection.clientId", Fixture.CLIENT_ID)
        .set("introspection.clientSecret", Fixture.CLIENT_SECRET)
        .set("introspection.audience", Fixture.AUDIENCE)
        .time(time, time);
  }

  private void init(AuthenticationFilterBuilder builder) throws Exception {
    filter = builder.build();
    filter.init(new FakeFilterConfig());
  }

  private void send(HttpServletRequest request) throws Exception {
    response = new FakeResponse();
    chain = new RecordingChain();
    filter.doFilter(request, response.servlet(), chain);
  }

  private static FakeRequest bearer(String token) {
    return FakeRequest.get("/api/me").header("Authorization", "Bearer " + token);
  }

  @Test
  void doFilterWhenTokenActiveThenPassedOnAsPrincipal() throws Exception {
    init(builder(as.url("/introspect")));
    as.answer(LoopbackAs.json(200, active(time, 300, "\"scope\":\"orders.read\"")));
    send(bearer("good-token").build());
    assertThat(chain.called()).isTrue();
    HttpServletRequest passed = (HttpServletRequest) chain.request();
    assertThat(passed.getUserPrincipal().getName()).isEqualTo("alice");
    assertThat(passed.getAuthType()).isEqualTo("Bearer");
  }

  @Test
  void doFilterWhenTokenInactiveThen401InvalidToken() throws Exception {
    init(builder(as.url("/introspect")));
    send(bearer("revoked-token").build());
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate"))
        .containsExactly(INVALID + "The access token is not active\"");
    assertThat(chain.called()).isFalse();
  }

  @Test
  void doFilterWhenTokenNotToken68Then401MalformedWithoutCall() throws Exception {
    init(builder(as.url("/introspect")));
    send(bearer("abc%def").build());
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate"))
        .containsExactly(INVALID + "The access token is malformed\"");
    assertThat(as.calls()).isZero();
  }

  @Test
  void doFilterWhenNoCredentialsThen401PlainChallenge() throws Exception {
    init(builder(as.url("/introspect")));
    send(FakeRequest.get("/api/me").build());
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
  }

  @Test
  void doFilterWhenServerFailsThen503RetryAfterWithoutChallengeAndRecovers() throws Exception {
    init(builder(as.url("/introspect")));
    as.answer(LoopbackAs.json(500, "{}"));
    send(bearer("good-token").build());
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("5");
    assertThat(response.headers("WWW-Authenticate")).isEmpty();
    assertThat(response.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");

    as.answer(LoopbackAs.json(200, active(time, 300, "")));
    send(bearer("good-token").build());
    assertThat(chain.called()).isTrue();
  }

  @Test
  void initWhenServerDownThenDeploysAndAnswers503() throws Exception {
    as.close();
    init(builder(as.url("/introspect")));
    send(bearer("good-token").build());
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("5");
  }

  @Test
  void doFilterWhenScopeMissingThen403InsufficientScope() throws Exception {
    init(builder(as.url("/introspect")).requiredScopes("orders.write"));
    as.answer(LoopbackAs.json(200, active(time, 300, "\"scope\":\"orders.read\"")));
    send(bearer("good-token").build());
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.headers("WWW-Authenticate"))
        .containsExactly(
            "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"orders.write\"");
  }

  @Test
  void doFilterWhenTokenBoundToCertificateAndNoneThen401Unbound() throws Exception {
    X509Certificate certificate = TestCertificates.forLoopback().chain()[0];
    String thumbprint = Fingerprint.of(certificate.getEncoded());
    init(builder(as.url("/introspect")));
    as.answer(
        LoopbackAs.json(200, active(time, 300, "\"cnf\":{\"x5t#S256\":\"" + thumbprint + "\"}")));
    send(bearer("bound-token").build());
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate"))
        .containsExactly(INVALID + "The token is not bound to the presented client certificate\"");
  }

  @Test
  void doFilterWhenTokenBoundToAnotherCertificateThen401Unbound() throws Exception {
    X509Certificate presented = TestCertificates.forLoopback().chain()[0];
    String other = Fingerprint.of(TestCertificates.forLoopback().chain()[0].getEncoded());
    init(builder(as.url("/introspect")));
    as.answer(LoopbackAs.json(200, active(time, 300, "\"cnf\":{\"x5t#S256\":\"" + other + "\"}")));
    send(
        bearer("bound-token")
            .attribute("jakarta.servlet.request.X509Certificate", new X509Certificate[] {presented})
            .build());
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate"))
        .containsExactly(INVALID + "The token is not bound to the presented client certificate\"");
  }

  @Test
  void doFilterWhenTokenBoundToPresentedCertificateThenPassedOn() throws Exception {
    X509Certificate presented = TestCertificates.forLoopback().chain()[0];
    String thumbprint = Fingerprint.of(presented.getEncoded());
    init(builder(as.url("/introspect")));
    as.answer(
        LoopbackAs.json(200, active(time, 300, "\"cnf\":{\"x5t#S256\":\"" + thumbprint + "\"}")));
    send(
        bearer("bound-token")
            .attribute("jakarta.servlet.request.X509Certificate", new X509Certificate[] {presented})
            .build());
    assertThat(chain.called()).isTrue();
  }
}
