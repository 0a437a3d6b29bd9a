package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Identity;
import dev.portcullis.RequestAttributes;
import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 4: a later filter with mechanisms accepts an earlier identity only when the
 * mechanisms that established it satisfy its own expression; otherwise it authenticates itself or
 * refuses. Endpoint checks read the identity of the filter that authenticated the caller.
 */
class FilterLayeringTest {
  private static final X509Certificate CERT = TestCertificates.selfSigned("client");

  private static HttpServletRequest afterOptionalKeyFilter(FakeRequest request)
      throws ServletException {
    AuthenticationFilter optional = Exchange.start("mechanisms", "fakeKey", "required", "false");
    Exchange first = Exchange.run(optional, request);
    assertThat(first.passed()).isTrue();
    return first.forwarded();
  }

  @Test
  void doFilterWhenApiKeyIdentityMeetsCertificateFilterThenForbidden() throws ServletException {
    HttpServletRequest keyed =
        afterOptionalKeyFilter(FakeRequest.get("/api/mtls/x").header("X-API-Key", "k1"));
    AuthenticationFilter mtls = Exchange.start("mechanisms", "fakeCert");

    Exchange e = Exchange.run(mtls, keyed);

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.challenges()).isEmpty();
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenApiKeyIdentityMeetsOptionalCertificateFilterThenStillRefused()
      throws ServletException {
    HttpServletRequest keyed =
        afterOptionalKeyFilter(FakeRequest.get("/api/mtls/x").header("X-API-Key", "k1"));
    AuthenticationFilter mtls = Exchange.start("mechanisms", "fakeCert", "required", "false");

    Exchange e = Exchange.run(mtls, keyed);

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenApiKeyIdentityMeetsBoundTokenFilterThenUnauthorized() throws ServletException {
    HttpServletRequest keyed =
        afterOptionalKeyFilter(
            FakeRequest.get("/api/bound/x")
                .header("X-API-Key", "k1")
                .attribute(RequestAttributes.CLIENT_CERTIFICATES, new X509Certificate[] {CERT}));
    AuthenticationFilter bound = Exchange.start("mechanisms", "fakeCert+fakeBearer");

    Exchange e = Exchange.run(bound, keyed);

    assertThat(e.status()).isEqualTo(401);
    assertThat(e.challenges()).containsExactly("Bearer realm=\"api\"");
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenEarlierIdentityWasCertificateAndTokenThenCertificateFilterAccepts()
      throws ServletException {
    String token = "bound." + TestCertificates.thumbprint(CERT);
    AuthenticationFilter bound = Exchange.start("mechanisms", "fakeCert+fakeBearer");
    Exchange one =
        Exchange.run(
            bound,
            FakeRequest.get("/api/bound/x")
                .header("Authorization", "Bearer " + token)
                .attribute(RequestAttributes.CLIENT_CERTIFICATES, new X509Certificate[] {CERT}));
    AuthenticationFilter mtls = Exchange.start("mechanisms", "fakeCert", "requiredRoles", "device");

    Exchange two = Exchange.run(mtls, one.forwarded());

    assertThat(two.status()).isEqualTo(200);
    assertThat(two.forwarded().getRemoteUser()).isEqualTo("alice");
  }

  @Test
  void doFilterWhenLaterFilterAuthenticatesItselfThenItsIdentityReplacesTheEarlier()
      throws ServletException {
    HttpServletRequest keyed =
        afterOptionalKeyFilter(
            FakeRequest.get("/api/orders")
                .header("X-API-Key", "k1")
                .header("Authorization", "Bearer good"));
    AuthenticationFilter bearer = Exchange.start("mechanisms", "fakeBearer");

    Exchange e = Exchange.run(bearer, keyed);

    assertThat(e.status()).isEqualTo(200);
    assertThat(e.forwarded().getRemoteUser()).isEqualTo("alice");
    assertThat(((Identity) e.forwarded().getAttribute(Identity.REQUEST_ATTRIBUTE)).getName())
        .isEqualTo("alice");
  }

  @Test
  void checkWhenLaterFilterAuthenticatedThenEndpointReadsItsIdentity() throws ServletException {
    HttpServletRequest keyed =
        afterOptionalKeyFilter(
            FakeRequest.get("/api/orders")
                .header("X-API-Key", "k1")
                .header("Authorization", "Bearer good"));
    Exchange e = Exchange.run(Exchange.start("mechanisms", "fakeBearer"), keyed);
    // alice (the bearer token) holds role user; bob (the optional filter's key) holds none
    EndpointAuthorization userRole = EndpointAuthorization.of(List.of(), List.of("user"));

    assertThat(userRole.check(e.forwarded()::getAttribute)).isEmpty();
  }

  @Test
  void doFilterWhenIdentityAttributePlantedWithoutFilterThenFilterAuthenticatesItself()
      throws ServletException {
    Identity planted = Identity.builder("mallory", "fakeCert", "CLIENT_CERT").build();
    AuthenticationFilter mtls = Exchange.start("mechanisms", "fakeCert");

    Exchange e =
        Exchange.run(
            mtls, FakeRequest.get("/api/mtls/x").attribute(Identity.REQUEST_ATTRIBUTE, planted));

    assertThat(e.status()).isEqualTo(403);
    assertThat(e.passed()).isFalse();
  }
}
