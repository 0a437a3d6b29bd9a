package dev.portcullis.introspection;

import static dev.portcullis.introspection.Fixture.active;
import static dev.portcullis.introspection.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.testing.FakeTime;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SECURITY-CASES "Introspection": the AS certificate is always verified, with real handshakes. */
class IntrospectionTlsTest {
  private final FakeTime time = new FakeTime();
  @TempDir Path directory;

  @Test
  void authenticateWhenCertificateTrustedThroughTrustStoreThenActive() throws Exception {
    TestCertificates certificates = TestCertificates.forLoopback();
    assertThat(authenticate(certificates, certificates.trustStore(directory)))
        .isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void authenticateWhenIssuedByTrustedAuthorityThenActive() throws Exception {
    TestCertificates server =
        TestCertificates.authority()
            .issue(
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                Instant.now().plus(Duration.ofDays(1)));
    assertThat(authenticate(server, server.trustStore(directory)))
        .isInstanceOf(AuthResult.Authenticated.class);
  }

  @Test
  void authenticateWhenCertificateSelfSignedAndNotTrustedThenUnavailable() throws Exception {
    assertUnavailable(TestCertificates.forLoopback(), null);
  }

  @Test
  void authenticateWhenCertificateExpiredThenUnavailable() throws Exception {
    TestCertificates expired =
        TestCertificates.authority()
            .issue(
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                Instant.now().minus(Duration.ofDays(1)));
    assertUnavailable(expired, expired.trustStore(directory));
  }

  @Test
  void authenticateWhenCertificateForAnotherHostThenUnavailable() throws Exception {
    TestCertificates otherHost =
        TestCertificates.authority()
            .issue(
                new GeneralName(GeneralName.dNSName, "as.example"),
                Instant.now().plus(Duration.ofDays(1)));
    assertUnavailable(otherHost, otherHost.trustStore(directory));
  }

  private void assertUnavailable(TestCertificates certificates, Path trustStore) {
    assertThatThrownBy(() -> authenticate(certificates, trustStore))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("unreachable");
  }

  private AuthResult authenticate(TestCertificates certificates, Path trustStore) throws Exception {
    try (LoopbackAs as = LoopbackAs.https(certificates.serverContext())) {
      as.answer(LoopbackAs.json(200, active(time, 300, "")));
      Map<String, String> settings = Fixture.settings(as.url("/introspect"));
      if (trustStore != null) {
        settings.put("introspection.trustStore", trustStore.toString());
        settings.put("introspection.trustStorePassword", "changeit");
      }
      try (Authenticator authenticator = Fixture.create(settings, time)) {
        return authenticator.authenticate(bearer("token"));
      }
    }
  }
}
