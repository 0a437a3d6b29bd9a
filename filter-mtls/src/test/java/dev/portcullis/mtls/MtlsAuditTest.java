package dev.portcullis.mtls;

import static dev.portcullis.mtls.Harness.tls;
import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static dev.portcullis.mtls.TestPki.leaf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Fingerprint;
import dev.portcullis.testing.LogCapture;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refused client certificates in the audit log: the thumbprint and the reason, nothing else. */
class MtlsAuditTest {
  @TempDir Path dir;
  private final LogCapture log = LogCapture.start();

  @AfterEach
  void stop() {
    log.close();
  }

  @Test
  void doFilterWhenCertificateRefusedThenLineWithThumbprintAndReason() throws Exception {
    Path anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
    X509Certificate expired =
        leaf("CN=alice")
            .validity(TestPki.NOW.minus(Duration.ofDays(30)), TestPki.NOW.minusSeconds(60))
            .build()
            .cert();
    Harness h = new Harness("mtls", anchors).start();
    log.clear();

    assertThat(h.call(tls(expired, INTER.cert())).status()).isEqualTo(403);

    assertThat(log.messages("dev.portcullis.audit"))
        .containsExactly(
            "event=refused filter=test status=403 mechanism=mtls reason=pkix_expired"
                + " credential=sha256:"
                + Fingerprint.forLog(Fingerprint.of(expired.getEncoded()))
                + " error=none client=127.0.0.1 path=/api/me");
  }

  @Test
  void doFilterWhenNoCertificateThenPipelineRefusalReasonNoCredentials() throws Exception {
    Path anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
    Harness h = new Harness("mtls", anchors).start();
    log.clear();

    assertThat(h.call(tls()).status()).isEqualTo(403);

    assertThat(log.messages("dev.portcullis.audit"))
        .containsExactly(
            "event=refused filter=test status=403 mechanism=pipeline reason=no_credentials"
                + " credential=none error=none client=127.0.0.1 path=/api/me");
  }
}
