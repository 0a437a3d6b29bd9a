package dev.portcullis.mtls;

import static dev.portcullis.mtls.Harness.tls;
import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forwarded-header rows of SECURITY-CASES.md "Client certificates" (RFC 9440 §4). */
class ForwardedHeaderSecurityCasesTest {
  private static final String MALFORMED_400_BEARER =
      "Bearer realm=\"api\", error=\"invalid_request\","
          + " error_description=\"The forwarded client certificate is malformed\"";

  @TempDir Path dir;
  private Path anchors;
  private final X509Certificate alice = TestPki.leaf("CN=alice").build().cert();
  private final X509Certificate bob = TestPki.leaf("CN=bob").build().cert();

  @BeforeEach
  void writeAnchors() {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
  }

  private Harness behindProxy(String mechanisms) throws Exception {
    return new Harness(mechanisms, anchors)
        .set("mtls.trustedProxies", "10.0.0.0/8, 2001:db8::/32")
        .start();
  }

  static String sf(X509Certificate cert) throws Exception {
    return sf(cert.getEncoded());
  }

  static String sf(byte[] bytes) {
    return ":" + Base64.getEncoder().encodeToString(bytes) + ":";
  }

  private static FakeRequest fromProxy(String addr, String value) {
    return FakeRequest.get("/api/me").remoteAddr(addr).header("Client-Cert", value);
  }

  @Test
  void authenticateWhenTrustedProxyForwardsValidCertificateThenPasses() throws Exception {
    Harness h = behindProxy("mtls");

    FakeResponse response =
        h.call(fromProxy("10.1.2.3", sf(alice)).header("Client-Cert-Chain", sf(INTER.cert())));

    assertThat(response.status()).isEqualTo(200);
    assertThat(h.identity().getName()).isEqualTo("CN=alice");
  }

  @Test
  void authenticateWhenBehindProxyThenAnswersVaryByTheForwardedHeaders() throws Exception {
    Harness h = behindProxy("mtls");

    FakeResponse forwarded =
        h.call(fromProxy("10.1.2.3", sf(alice)).header("Client-Cert-Chain", sf(INTER.cert())));
    FakeResponse direct = h.call(tls(alice, INTER.cert()));

    assertThat(forwarded.status()).isEqualTo(200);
    assertThat(forwarded.headers("Vary")).containsExactly("Client-Cert, Client-Cert-Chain");
    assertThat(direct.status()).isEqualTo(200);
    assertThat(direct.headers("Vary")).containsExactly("Client-Cert, Client-Cert-Chain");
  }

  @Test
  void authenticateWhenNoProxyTrustedThenNoVary() throws Exception {
    Harness h = new Harness("mtls", anchors).start();

    FakeResponse response = h.call(tls(alice, INTER.cert()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers("Vary")).isEmpty();
  }

  @Test
  void authenticateWhenTrustedIpv6ProxyForwardsChainInOneListThenPasses() throws Exception {
    Harness h = behindProxy("mtls");
    String chain = sf(INTER.cert()) + ", " + sf(ROOT.cert());

    FakeResponse response =
        h.call(fromProxy("2001:db8::5", sf(alice)).header("Client-Cert-Chain", chain));

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenHeaderFromUntrustedPeerThenIgnoredAnd403() throws Exception {
    Harness h = behindProxy("mtls");

    FakeResponse response =
        h.call(fromProxy("203.0.113.9", sf(alice)).header("Client-Cert-Chain", sf(INTER.cert())));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.headers("WWW-Authenticate")).isEmpty();
    assertThat(h.identity()).isNull();
  }

  @Test
  void authenticateWhenHeaderFromUntrustedPeerWithOtherSchemesThen401Challenge() throws Exception {
    FakeResponse response = behindProxy("mtls,boundToken").call(fromProxy("::1", sf(alice)));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
  }

  @Test
  void doFilterWhenHeaderFromUntrustedPeerThenHiddenFromApplication() throws Exception {
    Harness h =
        new Harness("mtls", anchors)
            .set("mtls.trustedProxies", "10.0.0.0/8")
            .set("required", "false")
            .start();

    FakeResponse response =
        h.call(fromProxy("203.0.113.9", sf(alice)).header("Client-Cert-Chain", sf(INTER.cert())));

    assertThat(response.status()).isEqualTo(200);
    assertThat(h.passedOn().getHeader("Client-Cert")).isNull();
    assertThat(h.passedOn().getHeader("Client-Cert-Chain")).isNull();
    assertThat(java.util.Collections.list(h.passedOn().getHeaderNames()))
        .doesNotContain("client-cert", "client-cert-chain");
  }

  @Test
  void doFilterWhenHeaderFromTrustedProxyThenVisibleToApplication() throws Exception {
    Harness h = behindProxy("mtls");

    h.call(fromProxy("10.1.2.3", sf(alice)).header("Client-Cert-Chain", sf(INTER.cert())));

    assertThat(h.passedOn().getHeader("Client-Cert")).isEqualTo(sf(alice));
  }

  @Test
  void authenticateWhenNoTrustedProxiesConfiguredThenHeaderIgnored() throws Exception {
    FakeResponse response =
        new Harness("mtls", anchors).start().call(fromProxy("10.1.2.3", sf(alice)));

    assertThat(response.status()).isEqualTo(403);
  }

  @Test
  void authenticateWhenHeaderAndTlsCertificateFromUntrustedPeerThenTlsWins() throws Exception {
    Harness h = behindProxy("mtls");

    FakeResponse response =
        h.call(tls(alice, INTER.cert()).remoteAddr("192.0.2.7").header("Client-Cert", sf(bob)));

    assertThat(response.status()).isEqualTo(200);
    assertThat(h.identity().getName()).isEqualTo("CN=alice");
  }

  @Test
  void authenticateWhenTlsCertificateBadAndHeaderGoodFromUntrustedPeerThen403() throws Exception {
    X509Certificate expired =
        TestPki.leaf("CN=old")
            .validity(
                java.time.Instant.parse("2024-01-01T00:00:00Z"),
                java.time.Instant.parse("2025-01-01T00:00:00Z"))
            .build()
            .cert();
    Harness h = behindProxy("mtls");

    FakeResponse response =
        h.call(
            tls(expired, INTER.cert())
                .remoteAddr("192.0.2.7")
                .header("Client-Cert", sf(alice))
                .header("Client-Cert-Chain", sf(INTER.cert())));

    assertThat(response.status()).isEqualTo(403);
  }

  @Test
  void authenticateWhenTlsCertificateAndMalformedHeaderFromUntrustedPeerThenHeaderIgnored()
      throws Exception {
    FakeResponse response =
        behindProxy("mtls")
            .call(tls(alice, INTER.cert()).remoteAddr("192.0.2.7").header("Client-Cert", "junk"));

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenTwoForwardedHeadersThen400() throws Exception {
    FakeResponse response =
        behindProxy("mtls").call(fromProxy("10.1.2.3", sf(alice)).header("Client-Cert", sf(bob)));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers("WWW-Authenticate")).isEmpty();
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_request\"}");
  }

  @Test
  void authenticateWhenTwoChainHeadersThen400() throws Exception {
    FakeRequest request =
        fromProxy("10.1.2.3", sf(alice))
            .header("Client-Cert-Chain", sf(INTER.cert()))
            .header("Client-Cert-Chain", sf(ROOT.cert()));

    assertThat(behindProxy("mtls").call(request).status()).isEqualTo(400);
  }

  @Test
  void authenticateWhenMalformedHeaderWithBearerEnabledThen400WithInvalidRequestChallenge()
      throws Exception {
    FakeResponse response = behindProxy("mtls,boundToken").call(fromProxy("10.1.2.3", ":%%%:"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(MALFORMED_400_BEARER);
  }

  @Test
  void authenticateWhenBadBase64Then400() throws Exception {
    assertThat(behindProxy("mtls").call(fromProxy("10.1.2.3", ":abc$def=:")).status())
        .isEqualTo(400);
  }

  @Test
  void authenticateWhenNotAByteSequenceThen400() throws Exception {
    String bare = Base64.getEncoder().encodeToString(alice.getEncoded());

    assertThat(behindProxy("mtls").call(fromProxy("10.1.2.3", bare)).status()).isEqualTo(400);
  }

  @Test
  void authenticateWhenBadDerThen400() throws Exception {
    byte[] der = alice.getEncoded();
    byte[] truncated = Arrays.copyOf(der, der.length - 10);

    assertThat(behindProxy("mtls").call(fromProxy("10.1.2.3", sf(truncated))).status())
        .isEqualTo(400);
    assertThat(behindProxy("mtls").call(fromProxy("10.1.2.3", sf(new byte[] {1, 2}))).status())
        .isEqualTo(400);
  }

  @Test
  void authenticateWhenTrailingDataAfterDerThen400() throws Exception {
    byte[] der = alice.getEncoded();
    byte[] trailing = Arrays.copyOf(der, der.length + 1);

    assertThat(behindProxy("mtls").call(fromProxy("10.1.2.3", sf(trailing))).status())
        .isEqualTo(400);
  }

  @Test
  void authenticateWhenPemInsteadOfDerInByteSequenceThen400() throws Exception {
    byte[] pem = TestPki.pem(alice).getBytes(StandardCharsets.US_ASCII);

    assertThat(behindProxy("mtls").call(fromProxy("10.1.2.3", sf(pem))).status()).isEqualTo(400);
  }

  @Test
  void authenticateWhenHeaderOverSizeCapThen400() throws Exception {
    String huge = ":" + "A".repeat(20_000) + ":";

    assertThat(behindProxy("mtls").call(fromProxy("10.1.2.3", huge)).status()).isEqualTo(400);
  }

  private Harness pemProxy() throws Exception {
    return new Harness("mtls", anchors)
        .set("mtls.trustedProxies", "10.0.0.1")
        .set("mtls.forwardedHeader", "X-SSL-Client-Cert")
        .set(
            "mtls.intermediates",
            TestPki.write(dir.resolve("i.pem"), TestPki.pem(INTER.cert())).toString())
        .start();
  }

  @Test
  void authenticateWhenUrlEncodedPemFromTrustedProxyThenPasses() throws Exception {
    // nginx $ssl_client_escaped_cert: every reserved character percent-encoded, space as %20.
    String encoded =
        URLEncoder.encode(TestPki.pem(alice), StandardCharsets.US_ASCII).replace("+", "%20");
    Harness h = pemProxy();

    FakeResponse response =
        h.call(FakeRequest.get("/").remoteAddr("10.0.0.1").header("X-SSL-Client-Cert", encoded));

    assertThat(response.status()).isEqualTo(200);
    assertThat(h.identity().getName()).isEqualTo("CN=alice");
  }

  @Test
  void authenticateWhenAlbStyleEncodingWithSafePlusSlashEqualsThenPasses() throws Exception {
    // AWS ALB X-Amzn-Mtls-Clientcert: URL-encoded PEM keeping + = / as they are.
    String alb =
        URLEncoder.encode(TestPki.pem(alice), StandardCharsets.US_ASCII)
            .replace("+", "%20")
            .replace("%2B", "+")
            .replace("%3D", "=")
            .replace("%2F", "/");
    Harness h =
        new Harness("mtls", anchors)
            .set("mtls.trustedProxies", "10.0.0.1")
            .set("mtls.forwardedHeader", "X-Amzn-Mtls-Clientcert")
            .set(
                "mtls.intermediates",
                TestPki.write(dir.resolve("i.pem"), TestPki.pem(INTER.cert())).toString())
            .start();

    FakeResponse response =
        h.call(FakeRequest.get("/").remoteAddr("10.0.0.1").header("X-Amzn-Mtls-Clientcert", alb));

    assertThat(alb).doesNotContain("%2B").doesNotContain("%2F");
    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenPemWithSpacesInsteadOfLineBreaksThenPasses() throws Exception {
    String flat = TestPki.pem(alice).replace('\n', ' ');

    FakeResponse response =
        pemProxy()
            .call(FakeRequest.get("/").remoteAddr("10.0.0.1").header("X-SSL-Client-Cert", flat));

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenPemHasTrailingDataOrTwoCertificatesThen400() throws Exception {
    Harness h = pemProxy();
    String trailing = TestPki.pem(alice) + "garbage";
    String two = TestPki.pem(alice, bob);
    String badPercent = "%2-----BEGIN";

    for (String value : new String[] {trailing, two, badPercent, "-----BEGIN CERTIFICATE-----"}) {
      FakeResponse response =
          h.call(FakeRequest.get("/").remoteAddr("10.0.0.1").header("X-SSL-Client-Cert", value));
      assertThat(response.status()).as(value).isEqualTo(400);
    }
  }

  @Test
  void refuseWhenCertificateDependentThenNoStore() throws Exception {
    FakeResponse response = behindProxy("mtls").call(fromProxy("203.0.113.9", sf(alice)));

    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
  }
}
