package dev.portcullis.mtls;

import static dev.portcullis.mtls.ForwardedHeaderSecurityCasesTest.sf;
import static dev.portcullis.mtls.Harness.tls;
import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Fingerprint;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Collections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trusted proxy that presents its own TLS client certificate: that certificate is the proxy's,
 * never the client's. Only the forwarded certificate counts, or none; neither the filter's RFC 8705
 * binding check nor the application sees the proxy's certificate.
 */
class ProxyOwnCertificateTest {
  private static final String PROXY_ADDRESS = "10.1.2.3";
  private static final String UNBOUND =
      "Bearer realm=\"api\", error=\"invalid_token\","
          + " error_description=\"The token is not bound to the presented client certificate\"";

  @TempDir Path dir;
  private Path anchors;

  /** The proxy's own client certificate, valid under the same trust anchors as the clients'. */
  private final X509Certificate proxy = TestPki.leaf("CN=proxy").build().cert();

  private final X509Certificate bob = TestPki.leaf("CN=bob").build().cert();

  @BeforeEach
  void writeAnchors() {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
  }

  private Harness behindProxy(String mechanisms) throws Exception {
    return new Harness(mechanisms, anchors).set("mtls.trustedProxies", "10.0.0.0/8").start();
  }

  /** A request over the proxy's own mutual-TLS connection. */
  private FakeRequest viaProxy() {
    return tls(proxy, INTER.cert()).remoteAddr(PROXY_ADDRESS);
  }

  @Test
  void authenticateWhenProxyPresentsOwnCertificateAndForwardsOneThenForwardedCounts()
      throws Exception {
    Harness h = behindProxy("mtls");

    FakeResponse response =
        h.call(
            viaProxy()
                .header("Client-Cert", sf(bob))
                .header("Client-Cert-Chain", sf(INTER.cert())));

    assertThat(response.status()).isEqualTo(200);
    assertThat(h.identity().getName()).isEqualTo("CN=bob");
    assertThat(h.passedOn().getAttribute(CertificateSource.TLS_ATTRIBUTE)).isNull();
    assertThat(Collections.list(h.passedOn().getAttributeNames()))
        .doesNotContain(CertificateSource.TLS_ATTRIBUTE);
  }

  @Test
  void authenticateWhenProxyPresentsOwnCertificateAndForwardsNoneThenNoCertificateAnswer()
      throws Exception {
    Harness h = behindProxy("mtls");
    FakeResponse none = h.call(FakeRequest.get("/api/me").remoteAddr(PROXY_ADDRESS));

    FakeResponse response = h.call(viaProxy());

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.status()).isEqualTo(none.status());
    assertThat(response.headers("WWW-Authenticate")).isEqualTo(none.headers("WWW-Authenticate"));
    assertThat(response.body()).isEqualTo(none.body());
  }

  @Test
  void authenticateWhenProxyPresentsOwnCertificateAndForwardsMalformedOneThen400()
      throws Exception {
    FakeResponse response = behindProxy("mtls").call(viaProxy().header("Client-Cert", "junk"));

    assertThat(response.status()).isEqualTo(400);
  }

  @Test
  void authenticateWhenTokenBoundToProxyCertificateThen401Unbound() throws Exception {
    Harness h = behindProxy("boundToken,mtls");

    FakeResponse response =
        h.call(viaProxy().header("Authorization", "Bearer " + Fingerprint.of(proxy.getEncoded())));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(UNBOUND);
  }

  @Test
  void authenticateWhenTokenBoundToClientCertificateDirectlyThenStillPasses() throws Exception {
    Harness h = behindProxy("boundToken,mtls");

    FakeResponse response =
        h.call(
            tls(bob, INTER.cert())
                .remoteAddr("192.0.2.7")
                .header("Authorization", "Bearer " + Fingerprint.of(bob.getEncoded())));

    assertThat(response.status()).isEqualTo(200);
  }
}
