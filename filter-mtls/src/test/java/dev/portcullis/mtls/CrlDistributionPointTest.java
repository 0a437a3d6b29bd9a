package dev.portcullis.mtls;

import static dev.portcullis.mtls.Harness.tls;
import static dev.portcullis.mtls.TestPki.INTER_KEY;
import static dev.portcullis.mtls.TestPki.LEAF_KEY;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.testing.FakeResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation through CRLs that the certificates' CRL Distribution Points extension names, served as
 * DER by an HTTP server on loopback; no {@code mtls.crlFiles}.
 */
class CrlDistributionPointTest {
  /** Keeps every test's URLs distinct: the JDK caches fetched CRLs per URL for 30 seconds. */
  private static final AtomicInteger RUN = new AtomicInteger();

  @TempDir Path dir;
  private Path anchors;
  private HttpServer server;
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private final List<String> fetched = new CopyOnWriteArrayList<>();
  private TestPki.Issued ca;
  private X509Certificate revoked;
  private X509Certificate good;

  @BeforeEach
  void start() throws IOException {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::serve);
    server.start();
    String base =
        "http://127.0.0.1:" + server.getAddress().getPort() + "/run" + RUN.incrementAndGet();
    ca =
        TestPki.ca("CN=Test CRL DP CA,O=Portcullis", ROOT, INTER_KEY)
            .crlDistributionPoint(base + "/root.crl")
            .build();
    revoked = leaf("CN=revoked", base);
    good = leaf("CN=good", base);
    served.put(base + "/root.crl", der(TestPki.crl(ROOT)));
    served.put(base + "/ca.crl", der(TestPki.crl(ca, revoked)));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private X509Certificate leaf(String dn, String base) {
    return new TestPki.Builder(dn, ca, LEAF_KEY)
        .crlDistributionPoint(base + "/ca.crl")
        .build()
        .cert();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + exchange.getRequestURI();
    fetched.add(url.substring(url.lastIndexOf('/') + 1));
    byte[] body = served.get(url);
    try (exchange) {
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private static byte[] der(X509CRL crl) {
    try {
      return crl.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private FakeResponse call(String failure, X509Certificate leaf) throws Exception {
    return new Harness("mtls", anchors)
        .set("mtls.revocation", "crl")
        .set("mtls.revocationFailure", failure)
        .start()
        .call(tls(leaf, ca.cert()));
  }

  @Test
  void authenticateWhenDistributionPointCrlListsCertificateThen403() throws Exception {
    FakeResponse response = call("hardFail", revoked);

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.headers("WWW-Authenticate")).isEmpty();
    assertThat(fetched).containsExactlyInAnyOrder("root.crl", "ca.crl");
  }

  @Test
  void authenticateWhenDistributionPointCrlListsCertificateAndSoftFailThen403() throws Exception {
    assertThat(call("softFail", revoked).status()).isEqualTo(403);
  }

  @Test
  void authenticateWhenDistributionPointCrlDoesNotListCertificateThen200() throws Exception {
    assertThat(call("hardFail", good).status()).isEqualTo(200);
    assertThat(fetched).containsExactlyInAnyOrder("root.crl", "ca.crl");
  }

  @Test
  void authenticateWhenAnotherCertificateNamesTheSameCrlThenItIsFetchedOnce() throws Exception {
    assertThat(call("hardFail", good).status()).isEqualTo(200);
    assertThat(call("hardFail", revoked).status()).isEqualTo(403);

    // The JDK reuses a fetched CRL for 30 seconds (wall clock) before asking the server again.
    assertThat(fetched).containsExactlyInAnyOrder("root.crl", "ca.crl");
  }

  @Test
  void authenticateWhenCrlFilesCoverThePathThenDistributionPointsAreNotFetched() throws Exception {
    Path rootCrl = TestPki.write(dir.resolve("root.crl"), TestPki.crl(ROOT));
    Path caCrl = TestPki.write(dir.resolve("ca.crl"), TestPki.crl(ca, revoked));
    Harness harness =
        new Harness("mtls", anchors)
            .set("mtls.revocation", "crl")
            .set("mtls.crlFiles", rootCrl + "," + caCrl)
            .start();

    assertThat(harness.call(tls(good, ca.cert())).status()).isEqualTo(200);
    assertThat(harness.call(tls(revoked, ca.cert())).status()).isEqualTo(403);
    assertThat(fetched).isEmpty();
  }

  @Test
  void authenticateWhenEnableCrlDpPropertyUnsetThenDistributionPointsAreStillFetched()
      throws Exception {
    // The JDK reads com.sun.security.enableCRLDP only for legacy revocation checking
    // (PKIXParameters.setRevocationEnabled without a PKIXRevocationChecker). An explicit
    // PKIXRevocationChecker, as CertificateValidator adds, always follows distribution points.
    assertThat(System.getProperty("com.sun.security.enableCRLDP")).isNull();

    assertThat(call("hardFail", revoked).status()).isEqualTo(403);
    assertThat(fetched).contains("ca.crl");
  }

  @Test
  void authenticateWhenCrlServerDownAndHardFailThen503WithRetryAfter() throws Exception {
    server.stop(0);

    FakeResponse response = call("hardFail", good);

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("5");
  }

  @Test
  void authenticateWhenCrlServerDownAndSoftFailThen200() throws Exception {
    server.stop(0);

    assertThat(call("softFail", good).status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenServedCrlIsSignedByAnotherKeyAndHardFailThen503() throws Exception {
    TestPki.Issued impostor =
        TestPki.ca("CN=Test CRL DP CA,O=Portcullis", ROOT, TestPki.rsa(2048)).build();
    served.replaceAll((url, crl) -> url.endsWith("/ca.crl") ? der(TestPki.crl(impostor)) : crl);

    FakeResponse response = call("hardFail", revoked);

    assertThat(response.status()).isEqualTo(503);
    assertThat(fetched).contains("ca.crl");
  }

  @Test
  void authenticateWhenServedCrlIsPastItsNextUpdateAndHardFailThen503() throws Exception {
    Harness harness =
        new Harness("mtls", anchors)
            .set("mtls.revocation", "crl")
            .set("mtls.revocationFailure", "hardFail")
            .start();
    harness.time.advance(Duration.ofDays(31));

    // The CA's own status comes first: the root's CRL is already stale at the validation time.
    assertThat(harness.call(tls(good, ca.cert())).status()).isEqualTo(503);
    assertThat(fetched).containsExactly("root.crl");
  }

  @Test
  void authenticateWhenCrlServerAnswers404AndHardFailThen503() throws Exception {
    served.clear();

    assertThat(call("hardFail", good).status()).isEqualTo(503);
  }
}
