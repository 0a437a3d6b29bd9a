package dev.portcullis.mtls;

import static dev.portcullis.mtls.Harness.tls;
import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revocation through locally generated CRL files, hard-fail and soft-fail. */
class RevocationTest {
  @TempDir Path dir;
  private Path anchors;
  private Path rootCrl;
  private Path interCrl;
  private final X509Certificate revoked = TestPki.leaf("CN=revoked").build().cert();
  private final X509Certificate good = TestPki.leaf("CN=good").build().cert();

  @BeforeEach
  void writeFiles() {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
    rootCrl = TestPki.write(dir.resolve("root.crl"), TestPki.crl(ROOT));
    interCrl = TestPki.write(dir.resolve("inter.crl"), TestPki.crl(INTER, revoked));
  }

  private FakeResponse call(String failure, String crlFiles, X509Certificate leaf)
      throws Exception {
    return new Harness("mtls", anchors)
        .set("mtls.revocation", "crl")
        .set("mtls.revocationFailure", failure)
        .set("mtls.crlFiles", crlFiles)
        .start()
        .call(tls(leaf, INTER.cert()));
  }

  @Test
  void authenticateWhenRevokedByCrlAndHardFailThen403() throws Exception {
    FakeResponse response = call("hardFail", rootCrl + "," + interCrl, revoked);

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.headers("WWW-Authenticate")).isEmpty();
  }

  @Test
  void authenticateWhenRevokedByCrlAndSoftFailThen403() throws Exception {
    assertThat(call("softFail", rootCrl + "," + interCrl, revoked).status()).isEqualTo(403);
  }

  @Test
  void authenticateWhenNotRevokedThenPasses() throws Exception {
    assertThat(call("hardFail", rootCrl + "," + interCrl, good).status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenIssuerCrlMissingAndHardFailThen503WithRetryAfter() throws Exception {
    FakeResponse response = call("hardFail", rootCrl.toString(), good);

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("5");
  }

  @Test
  void authenticateWhenIssuerCrlMissingAndSoftFailThenPasses() throws Exception {
    assertThat(call("softFail", rootCrl.toString(), good).status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenRevocationOffThenRevokedCertificatePasses() throws Exception {
    FakeResponse response = new Harness("mtls", anchors).start().call(tls(revoked, INTER.cert()));

    assertThat(response.status()).isEqualTo(200);
  }
}
