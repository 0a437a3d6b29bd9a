package dev.portcullis.mtls;

import static dev.portcullis.mtls.Harness.tls;
import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Fingerprint;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RFC 8705 §3 certificate-bound tokens, through {@code mechanisms=mtls+boundToken}. */
class CertificateBindingTest {
  /** RFC 8705 Appendix A, Figure 6: the example client certificate. */
  static final String RFC8705_CERT =
      "-----BEGIN CERTIFICATE-----\n"
          + "MIIBBjCBrAIBAjAKBggqhkjOPQQDAjAPMQ0wCwYDVQQDDARtdGxzMB4XDTE4MTAx\n"
          + "ODEyMzcwOVoXDTIyMDUwMjEyMzcwOVowDzENMAsGA1UEAwwEbXRsczBZMBMGByqG\n"
          + "SM49AgEGCCqGSM49AwEHA0IABNcnyxwqV6hY8QnhxxzFQ03C7HKW9OylMbnQZjjJ\n"
          + "/Au08/coZwxS7LfA4vOLS9WuneIXhbGGWvsDSb0tH6IxLm8wCgYIKoZIzj0EAwID\n"
          + "SQAwRgIhAP0RC1E+vwJD/D1AGHGzuri+hlV/PpQEKTWUVeORWz83AiEA5x2eXZOV\n"
          + "bUlJSGQgjwD5vaUaKlLR50Q2DmFfQj1L+SY=\n"
          + "-----END CERTIFICATE-----\n";

  /** RFC 8705 Appendix A, Figure 5: its {@code x5t#S256}. */
  static final String RFC8705_THUMBPRINT = "A4DtL2JmUMhAsvJj5tKyn64SqzmuXbMrJa0n761y5v0";

  private static final String UNBOUND =
      "Bearer realm=\"api\", error=\"invalid_token\","
          + " error_description=\"The token is not bound to the presented client certificate\"";

  @TempDir Path dir;
  private Path anchors;
  private final X509Certificate alice = TestPki.leaf("CN=alice").build().cert();

  @BeforeEach
  void writeAnchors() {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
  }

  @Test
  void thumbprintWhenRfc8705AppendixACertificateThenMatchesVector() throws Exception {
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(RFC8705_CERT.getBytes(StandardCharsets.US_ASCII)));

    assertThat(Fingerprint.of(cert.getEncoded())).isEqualTo(RFC8705_THUMBPRINT);
  }

  @Test
  void authenticateWhenTokenBoundToOtherCertificateThen401InvalidToken() throws Exception {
    FakeResponse response =
        new Harness("mtls+boundToken", anchors)
            .start()
            .call(tls(alice, INTER.cert()).header("Authorization", "Bearer " + RFC8705_THUMBPRINT));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(UNBOUND);
  }

  @Test
  void authenticateWhenTokenBoundToPresentedCertificateThenPasses() throws Exception {
    Harness h = new Harness("mtls+boundToken", anchors).start();
    String thumbprint = Fingerprint.of(alice.getEncoded());

    FakeResponse response =
        h.call(tls(alice, INTER.cert()).header("Authorization", "Bearer " + thumbprint));

    assertThat(response.status()).isEqualTo(200);
    assertThat(h.identity().mechanism()).isEqualTo("mtls+boundToken");
    assertThat(h.identity().getName()).isEqualTo("token-subject");
  }

  @Test
  void authenticateWhenBoundTokenAndCertificateFromTrustedProxyThenBindingUsesForwardedCert()
      throws Exception {
    Harness h =
        new Harness("mtls+boundToken", anchors).set("mtls.trustedProxies", "10.0.0.0/8").start();
    FakeRequest request =
        FakeRequest.get("/api/bound")
            .remoteAddr("10.0.0.7")
            .header("Client-Cert", ForwardedHeaderSecurityCasesTest.sf(alice))
            .header("Client-Cert-Chain", ForwardedHeaderSecurityCasesTest.sf(INTER.cert()));

    assertThat(
            h.call(request.header("Authorization", "Bearer " + Fingerprint.of(alice.getEncoded())))
                .status())
        .isEqualTo(200);
  }

  @Test
  void authenticateWhenBoundTokenWithoutCertificateThen401WithBearerChallenge() throws Exception {
    FakeResponse response =
        new Harness("mtls+boundToken", anchors)
            .start()
            .call(
                FakeRequest.get("/api/bound")
                    .header("Authorization", "Bearer " + RFC8705_THUMBPRINT));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
  }
}
