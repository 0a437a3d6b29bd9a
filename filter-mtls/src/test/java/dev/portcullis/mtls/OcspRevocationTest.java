package dev.portcullis.mtls;

import static dev.portcullis.mtls.Harness.tls;
import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.testing.FakeResponse;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revocation through a real OCSP responder on loopback, answering with BouncyCastle. */
class OcspRevocationTest {
  @TempDir Path dir;
  private Path anchors;
  private HttpServer responder;
  private final AtomicInteger calls = new AtomicInteger();
  private final X509Certificate revoked = TestPki.leaf("CN=revoked").build().cert();
  private final X509Certificate good = TestPki.leaf("CN=good").build().cert();

  @BeforeEach
  void start() throws IOException {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
    responder = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    responder.createContext("/ocsp", this::answer);
    responder.start();
  }

  @AfterEach
  void stop() {
    responder.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    calls.incrementAndGet();
    try {
      byte[] body;
      if ("POST".equals(exchange.getRequestMethod())) {
        body = exchange.getRequestBody().readNBytes(16_384);
      } else {
        String path = exchange.getRequestURI().getRawPath().substring("/ocsp/".length());
        body = Base64.getDecoder().decode(URLDecoder.decode(path, StandardCharsets.US_ASCII));
      }
      byte[] out = respond(new OCSPReq(body)).getEncoded();
      exchange.getResponseHeaders().set("Content-Type", "application/ocsp-response");
      exchange.sendResponseHeaders(200, out.length);
      exchange.getResponseBody().write(out);
    } catch (Exception e) {
      exchange.sendResponseHeaders(500, -1);
    } finally {
      exchange.close();
    }
  }

  /** Signs with the CA that issued the requested certificate. */
  private OCSPResp respond(OCSPReq request) throws Exception {
    DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
    CertificateID id = request.getRequestList()[0].getCertID();
    TestPki.Issued signer = null;
    for (TestPki.Issued ca : new TestPki.Issued[] {ROOT, INTER}) {
      if (id.matchesIssuer(new JcaX509CertificateHolder(ca.cert()), digests)) {
        signer = ca;
      }
    }
    Set<BigInteger> revokedSerials = Set.of(revoked.getSerialNumber());
    BasicOCSPRespBuilder b =
        new JcaBasicOCSPRespBuilder(
            signer.cert().getPublicKey(), digests.get(CertificateID.HASH_SHA1));
    CertificateStatus status =
        revokedSerials.contains(id.getSerialNumber())
            ? new RevokedStatus(Date.from(TestPki.NOW.minusSeconds(60)), CRLReason.keyCompromise)
            : CertificateStatus.GOOD;
    // JDK 17 checks OCSP freshness against the system clock, not PKIXParameters.getDate().
    Instant now = Instant.now();
    b.addResponse(
        id, status, Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), null);
    return new OCSPRespBuilder()
        .build(
            OCSPRespBuilder.SUCCESSFUL,
            b.build(
                new JcaContentSignerBuilder("SHA256withRSA").build(signer.keys().getPrivate()),
                null,
                Date.from(now)));
  }

  private FakeResponse call(String failure, String url, X509Certificate leaf) throws Exception {
    return new Harness("mtls", anchors)
        .set("mtls.revocation", "ocsp")
        .set("mtls.revocationFailure", failure)
        .set("mtls.ocspResponder", url)
        .start()
        .call(tls(leaf, INTER.cert()));
  }

  private String url() {
    return "http://127.0.0.1:" + responder.getAddress().getPort() + "/ocsp";
  }

  @Test
  void authenticateWhenOcspSaysRevokedThen403() throws Exception {
    FakeResponse response = call("hardFail", url(), revoked);

    assertThat(response.status()).isEqualTo(403);
    assertThat(calls.get()).isPositive();
  }

  @Test
  void authenticateWhenOcspSaysRevokedAndSoftFailThen403() throws Exception {
    assertThat(call("softFail", url(), revoked).status()).isEqualTo(403);
  }

  @Test
  void authenticateWhenOcspSaysGoodThenPasses() throws Exception {
    assertThat(call("hardFail", url(), good).status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenOcspResponderUnreachableAndHardFailThen503() throws Exception {
    FakeResponse response = call("hardFail", closedPortUrl(), good);

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("5");
  }

  @Test
  void authenticateWhenOcspResponderUnreachableAndSoftFailThenPasses() throws Exception {
    assertThat(call("softFail", closedPortUrl(), good).status()).isEqualTo(200);
  }

  private static String closedPortUrl() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + s.getLocalPort() + "/ocsp";
    }
  }
}
