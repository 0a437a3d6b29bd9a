package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Identity;
import dev.portcullis.RequestAttributes;
import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.ServletException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AND / OR composition, identity reuse and RFC 8705 certificate binding. */
class AuthenticationFilterCompositionTest {
  private static final X509Certificate CERT = TestCertificates.selfSigned("client");
  private static final X509Certificate OTHER = TestCertificates.selfSigned("other");
  private static final String UNBOUND =
      "Bearer realm=\"api\", error=\"invalid_token\","
          + " error_description=\"The token is not bound to the presented client certificate\"";

  private static FakeRequest withCert(X509Certificate cert) {
    return FakeRequest.get("/api/orders")
        .attribute(RequestAttributes.CLIENT_CERTIFICATES, new X509Certificate[] {cert});
  }

  @Test
  void doFilterWhenAndBranchHasBothCredentialsThenIdentitiesCombined() throws ServletException {
    AuthenticationFilter and = Exchange.start("mechanisms", "fakeCert+fakeBearer");

    Exchange e = Exchange.run(and, withCert(CERT).header("Authorization", "Bearer good"));

    assertThat(e.status()).isEqualTo(200);
    Identity identity = ((AuthenticatedRequest) e.forwarded()).identity();
    assertThat(identity.getName()).isEqualTo("alice");
    assertThat(identity.mechanism()).isEqualTo("fakeCert+fakeBearer");
    assertThat(identity.authType()).isEqualTo("Bearer");
    assertThat(identity.roles()).containsExactlyInAnyOrder("user", "device");
    assertThat(identity.scopes()).containsExactly("orders:read");
    assertThat(identity.attributes())
        .containsEntry(Identity.CERTIFICATE_THUMBPRINT, TestCertificates.thumbprint(CERT));
  }

  @Test
  void doFilterWhenAndBranchLacksCertificateThenUnauthorized() throws ServletException {
    AuthenticationFilter and = Exchange.start("mechanisms", "fakeCert+fakeBearer");

    Exchange e = Exchange.run(and, FakeRequest.get("/a").header("Authorization", "Bearer good"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges()).containsExactly("Bearer realm=\"api\"");
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenAndBranchLacksTokenThenUnauthorized() throws ServletException {
    AuthenticationFilter and = Exchange.start("mechanisms", "fakeCert+fakeBearer");

    Exchange e = Exchange.run(and, withCert(CERT));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges()).containsExactly("Bearer realm=\"api\"");
  }

  @Test
  void doFilterWhenAndBranchTokenInvalidThenInvalidToken() throws ServletException {
    AuthenticationFilter and = Exchange.start("mechanisms", "fakeCert+fakeBearer");

    Exchange e = Exchange.run(and, withCert(CERT).header("Authorization", "Bearer bad"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges())
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The access token is invalid\"");
  }

  @Test
  void doFilterWhenOrAndFirstAuthenticatesThenFirstWinsAndSecondNeverAsked()
      throws ServletException {
    AuthenticationFilter or = Exchange.start("mechanisms", "fakeBearer,down");

    Exchange e = Exchange.run(or, FakeRequest.get("/a").header("Authorization", "Bearer good"));

    assertThat(e.status()).isEqualTo(200);
    assertThat(e.forwarded().getRemoteUser()).isEqualTo("alice");
  }

  @Test
  void doFilterWhenOrAndFirstRejectsThenRefusedWithoutAskingSecond() throws ServletException {
    AuthenticationFilter or = Exchange.start("mechanisms", "fakeBearer,down");

    Exchange e = Exchange.run(or, FakeRequest.get("/a").header("Authorization", "Bearer bad"));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges())
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The access token is invalid\"");
  }

  @Test
  void doFilterWhenOrAndFirstIsDownThenUnavailable() throws ServletException {
    AuthenticationFilter or = Exchange.start("mechanisms", "down,fakeBearer");

    Exchange e = Exchange.run(or, FakeRequest.get("/a").header("Authorization", "Bearer good"));

    assertThat(e.status()).isEqualTo(503);
  }

  @Test
  void doFilterWhenOrAndFirstNotAttemptedThenSecondDecides() throws ServletException {
    AuthenticationFilter or = Exchange.start("mechanisms", "fakeCert,fakeBearer");

    Exchange e = Exchange.run(or, FakeRequest.get("/a").header("Authorization", "Bearer good"));

    assertThat(e.forwarded().getRemoteUser()).isEqualTo("alice");
  }

  @Test
  void doFilterWhenOrAndOnlyCertificateThenCertificateBranch() throws ServletException {
    AuthenticationFilter or = Exchange.start("mechanisms", "fakeCert,fakeBearer");

    Exchange e = Exchange.run(or, withCert(CERT));

    assertThat(e.forwarded().getRemoteUser()).isEqualTo("carol");
    assertThat(e.forwarded().getAuthType()).isEqualTo("CLIENT_CERT");
  }

  @Test
  void doFilterWhenOrAndTokenBesideAmbientCertificateThenBranchThatReadsTheTokenDecides()
      throws ServletException {
    // The certificate branch would ignore the token, so it may not answer for this request.
    AuthenticationFilter or = Exchange.start("mechanisms", "fakeCert,fakeBearer");

    Exchange good = Exchange.run(or, withCert(CERT).header("Authorization", "Bearer good"));
    Exchange bad = Exchange.run(or, withCert(CERT).header("Authorization", "Bearer bad"));

    assertThat(good.forwarded().getRemoteUser()).isEqualTo("alice");
    assertThat(bad.status()).isEqualTo(401);
  }

  @Test
  void doFilterWhenOrOfAndBranchesThenMatchingBranchChosen() throws ServletException {
    AuthenticationFilter mixed = Exchange.start("mechanisms", "fakeCert+fakeBearer,fakeKey");

    Exchange key = Exchange.run(mixed, FakeRequest.get("/a").header("X-API-Key", "k1"));
    Exchange both = Exchange.run(mixed, withCert(CERT).header("Authorization", "Bearer good"));

    assertThat(key.forwarded().getRemoteUser()).isEqualTo("bob");
    assertThat(((AuthenticatedRequest) both.forwarded()).identity().mechanism())
        .isEqualTo("fakeCert+fakeBearer");
  }

  @Test
  void doFilterWhenEarlierFilterAuthenticatedThenOnlyAuthorizationApplies()
      throws ServletException {
    AuthenticationFilter first = Exchange.start("mechanisms", "fakeBearer");
    AuthenticationFilter second =
        Exchange.start("mechanisms", "fakeBearer,fakeKey", "requiredScopes", "orders:write");
    FakeRequest request = FakeRequest.get("/a").header("Authorization", "Bearer good");

    Exchange one = Exchange.run(first, request);
    Exchange two = Exchange.run(second, one.forwarded());

    assertThat(two.status()).isEqualTo(403);
    assertThat(two.challenges())
        .containsExactly(
            "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"orders:write\"");
  }

  @Test
  void doFilterWhenEarlierIdentitySufficesThenPassesWithoutAuthenticatingAgain()
      throws ServletException {
    AuthenticationFilter first = Exchange.start("mechanisms", "fakeBearer");
    AuthenticationFilter second = Exchange.start("mechanisms", "fakeKey,fakeBearer");
    // fakeBearer established the identity and satisfies the second filter's expression.
    Exchange one =
        Exchange.run(first, FakeRequest.get("/a").header("Authorization", "Bearer good"));

    Exchange two = Exchange.run(second, one.forwarded());

    assertThat(two.status()).isEqualTo(200);
    assertThat(two.forwarded().getRemoteUser()).isEqualTo("alice");
  }

  @Test
  void doFilterWhenBoundTokenAndOtherTlsCertificateThenUnbound() throws ServletException {
    AuthenticationFilter bearer = Exchange.start("mechanisms", "fakeBearer");
    String token = "Bearer bound." + TestCertificates.thumbprint(CERT);

    Exchange e = Exchange.run(bearer, withCert(OTHER).header("Authorization", token));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges()).containsExactly(UNBOUND);
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenBoundTokenAndNoCertificateThenUnbound() throws ServletException {
    AuthenticationFilter bearer = Exchange.start("mechanisms", "fakeBearer");
    String token = "Bearer bound." + TestCertificates.thumbprint(CERT);

    Exchange e = Exchange.run(bearer, FakeRequest.get("/a").header("Authorization", token));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges()).containsExactly(UNBOUND);
  }

  @Test
  void doFilterWhenBoundTokenAndEmptyCertificateChainThenUnbound() throws ServletException {
    AuthenticationFilter bearer = Exchange.start("mechanisms", "fakeBearer");
    String token = "Bearer bound." + TestCertificates.thumbprint(CERT);

    Exchange e =
        Exchange.run(
            bearer,
            FakeRequest.get("/a")
                .attribute(RequestAttributes.CLIENT_CERTIFICATES, new X509Certificate[0])
                .header("Authorization", token));

    assertThat(e.challenges()).containsExactly(UNBOUND);
  }

  @Test
  void doFilterWhenBoundTokenAndItsTlsCertificateThenPasses() throws ServletException {
    AuthenticationFilter bearer = Exchange.start("mechanisms", "fakeBearer");
    String token = "Bearer bound." + TestCertificates.thumbprint(CERT);

    Exchange e = Exchange.run(bearer, withCert(CERT).header("Authorization", token));

    assertThat(e.status()).isEqualTo(200);
    assertThat(e.passed()).isTrue();
  }

  @Test
  void doFilterWhenAndBranchCertificateMatchesBoundTokenThenPasses() throws ServletException {
    AuthenticationFilter and = Exchange.start("mechanisms", "fakeCert+fakeBearer");
    String token = "Bearer bound." + TestCertificates.thumbprint(CERT);

    Exchange e = Exchange.run(and, withCert(CERT).header("Authorization", token));

    assertThat(e.status()).isEqualTo(200);
    assertThat(((AuthenticatedRequest) e.forwarded()).identity().certificateThumbprint())
        .contains(TestCertificates.thumbprint(CERT));
  }

  @Test
  void doFilterWhenAndBranchCertificateDiffersFromBoundTokenThenUnbound() throws ServletException {
    AuthenticationFilter and = Exchange.start("mechanisms", "fakeCert+fakeBearer");
    String token = "Bearer bound." + TestCertificates.thumbprint(OTHER);

    Exchange e = Exchange.run(and, withCert(CERT).header("Authorization", token));

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges()).containsExactly(UNBOUND);
  }

  @Test
  void doFilterWhenAuthenticatedThenRequestAnswersFromIdentity() throws ServletException {
    AuthenticationFilter bearer = Exchange.start("mechanisms", "fakeBearer");
    FakeRequest request = FakeRequest.get("/a").header("Authorization", "Bearer writer");

    Exchange e = Exchange.run(bearer, request);

    assertThat(e.forwarded()).isInstanceOf(AuthenticatedRequest.class);
    assertThat(e.forwarded().getUserPrincipal().getName()).isEqualTo("alice");
    assertThat(e.forwarded().getRemoteUser()).isEqualTo("alice");
    assertThat(e.forwarded().getAuthType()).isEqualTo("Bearer");
    assertThat(e.forwarded().isUserInRole("admin")).isTrue();
    assertThat(e.forwarded().isUserInRole("user")).isFalse();
    assertThat(e.forwarded().getAttribute(Identity.REQUEST_ATTRIBUTE))
        .isSameAs(e.forwarded().getUserPrincipal());
    assertThat(((Identity) e.forwarded().getUserPrincipal()).scopes())
        .isEqualTo(java.util.Set.copyOf(List.of("orders:read", "orders:write")));
  }
}
