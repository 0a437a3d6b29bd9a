package dev.portcullis.mtls;

import static dev.portcullis.mtls.Harness.tls;
import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.cache.Verifier;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.testing.FakeTime;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Principal sources, the allow-list, and the verdict cache in front of PKIX. */
class PrincipalAndCacheTest {
  @TempDir Path dir;
  private Path anchors;
  private final X509Certificate withSans =
      TestPki.leaf("CN=svc-a,OU=Payments,O=Example")
          .san(GeneralName.rfc822Name, "svc-a@example.com")
          .san(GeneralName.dNSName, "svc-a.internal.example")
          .san(GeneralName.uniformResourceIdentifier, "spiffe://example.org/ns/pay/sa/svc-a")
          .build()
          .cert();

  @BeforeEach
  void writeAnchors() {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
  }

  private String principal(String source) throws Exception {
    Harness h = new Harness("mtls", anchors).set("mtls.principal", source).start();
    h.call(tls(withSans, INTER.cert()));
    return h.identity() == null ? null : h.identity().getName();
  }

  @Test
  void principalWhenConfiguredThenTakenFromThatField() throws Exception {
    assertThat(principal("subject")).isEqualTo("CN=svc-a,OU=Payments,O=Example");
    assertThat(principal("cn")).isEqualTo("svc-a");
    assertThat(principal("email")).isEqualTo("svc-a@example.com");
    assertThat(principal("dns")).isEqualTo("svc-a.internal.example");
    assertThat(principal("uri")).isEqualTo("spiffe://example.org/ns/pay/sa/svc-a");
  }

  @Test
  void principalWhenSanAbsentThen403() throws Exception {
    X509Certificate plain = TestPki.leaf("CN=plain").build().cert();
    Harness h = new Harness("mtls", anchors).set("mtls.principal", "uri").start();

    assertThat(h.call(tls(plain, INTER.cert())).status()).isEqualTo(403);
  }

  @Test
  void allowedPrincipalsWhenNoMatchThen403AndWhenMatchThenPasses() throws Exception {
    Harness h =
        new Harness("mtls", anchors)
            .set("mtls.principal", "uri")
            .set("mtls.allowedPrincipals", "spiffe://example\\.org/ns/pay/.*")
            .start();
    X509Certificate other =
        TestPki.leaf("CN=other")
            .san(GeneralName.uniformResourceIdentifier, "spiffe://example.org/ns/web/sa/x")
            .build()
            .cert();

    assertThat(h.call(tls(withSans, INTER.cert())).status()).isEqualTo(200);
    assertThat(h.call(tls(other, INTER.cert())).status()).isEqualTo(403);
  }

  @Test
  void authenticateWhenRepeatedThenPkixRunsOnceUntilCacheTtl() throws Exception {
    FakeTime time = new FakeTime(TestPki.NOW);
    MtlsSettings s =
        MtlsSettings.read(
            Config.of(Map.of("trustAnchors", anchors.toString(), "cacheTtl", "10m"), k -> null),
            Environment.of("api", time, time, null));
    VerdictCache cache =
        VerdictCache.builder(AuthError.forbidden())
            .positiveTtl(s.cacheTtl())
            .time(time, time)
            .build();
    MtlsAuthenticator mtls =
        new MtlsAuthenticator(
            s.source(),
            Verifier.cached(
                cache,
                new CertificateVerifier(s.validator(), s.principal(), null, s.roles(), time)));
    AuthenticationRequest request =
        new AuthenticationRequest(tls(withSans, INTER.cert()).build(), null);

    assertThat(mtls.authenticate(request)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(mtls.authenticate(request)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(cache.stats().loadCount()).isEqualTo(1);
    time.advance(Duration.ofMinutes(11));
    assertThat(mtls.authenticate(request)).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(cache.stats().loadCount()).isEqualTo(2);
  }

  @Test
  void authenticateWhenCachedCertificatePassesNotAfterThen403() throws Exception {
    X509Certificate shortLived =
        TestPki.leaf("CN=short")
            .validity(Instant.parse("2025-12-01T00:00:00Z"), TestPki.NOW.plusSeconds(3600))
            .build()
            .cert();
    Harness h = new Harness("mtls", anchors).set("mtls.cacheTtl", "1d").start();

    assertThat(h.call(tls(shortLived, INTER.cert())).status()).isEqualTo(200);
    h.time.advance(Duration.ofHours(2));
    assertThat(h.call(tls(shortLived, INTER.cert())).status()).isEqualTo(403);
  }
}
