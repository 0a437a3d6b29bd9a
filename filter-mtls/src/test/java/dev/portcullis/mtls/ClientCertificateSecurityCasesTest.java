package dev.portcullis.mtls;

import static dev.portcullis.mtls.Harness.tls;
import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static dev.portcullis.mtls.TestPki.leaf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Client certificates" rows of SECURITY-CASES.md (validation rows), each through the real
 * {@link dev.portcullis.web.AuthenticationFilter} with certificates generated at test time. Header
 * rows are in {@link ForwardedHeaderSecurityCasesTest}.
 */
class ClientCertificateSecurityCasesTest {
  @TempDir Path dir;
  private Path anchors;

  @BeforeEach
  void writeAnchors() {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
  }

  private FakeResponse mtlsOnly(X509Certificate... chain) throws Exception {
    return new Harness("mtls", anchors).start().call(tls(chain));
  }

  private static void assertForbiddenWithoutChallenge(FakeResponse response) {
    assertThat(response.status()).isEqualTo(403);
    assertThat(response.headers("WWW-Authenticate")).isEmpty();
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.body()).isEqualTo("{\"error\":\"forbidden\"}");
  }

  @Test
  void authenticateWhenValidChainThenPassesWithCertificateIdentity() throws Exception {
    X509Certificate leaf = leaf("CN=alice,O=Example").build().cert();
    Harness h = new Harness("mtls", anchors).set("mtls.roles", "client,partner").start();

    FakeResponse response = h.call(tls(leaf, INTER.cert()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(h.identity().getName()).isEqualTo("CN=alice,O=Example");
    assertThat(h.identity().mechanism()).isEqualTo("mtls");
    assertThat(h.passedOn().getAuthType()).isEqualTo("CLIENT_CERT");
    assertThat(h.passedOn().isUserInRole("partner")).isTrue();
    assertThat(h.identity().attributes())
        .containsEntry("x5t#S256", dev.portcullis.Fingerprint.of(leaf.getEncoded()))
        .containsEntry("issuer", "CN=Test Issuing CA,O=Portcullis")
        .containsEntry("certificate", leaf);
    assertThat(h.identity().expiresAt()).contains(leaf.getNotAfter().toInstant());
  }

  @Test
  void authenticateWhenNoCertificateAndOnlyMtlsThen403WithoutChallenge() throws Exception {
    FakeResponse response = new Harness("mtls", anchors).start().call(tls());

    assertForbiddenWithoutChallenge(response);
  }

  @Test
  void authenticateWhenNoCertificateAndBearerAlsoEnabledThen401WithBearerChallenge()
      throws Exception {
    FakeResponse response = new Harness("mtls,boundToken", anchors).start().call(tls());

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
  }

  /**
   * Pins today's core Pipeline: an unacceptable certificate ends the OR search with 403 even when a
   * scheme with a challenge is enabled. Issue 5 asks for that scheme's challenges instead; this
   * test is to change with Pipeline.
   */
  @Test
  void authenticateWhenUnacceptableCertificateAndBearerAlsoEnabledThen401WithOtherChallenges()
      throws Exception {
    X509Certificate server = leaf("CN=server").eku(KeyPurposeId.id_kp_serverAuth).build().cert();

    FakeResponse response =
        new Harness("mtls,boundToken", anchors).start().call(tls(server, INTER.cert()));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly("Bearer realm=\"api\"");
  }

  @Test
  void authenticateWhenLeafExpiredThen403() throws Exception {
    X509Certificate leaf =
        leaf("CN=old")
            .validity(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-12-31T00:00:00Z"))
            .build()
            .cert();

    assertForbiddenWithoutChallenge(mtlsOnly(leaf, INTER.cert()));
  }

  @Test
  void authenticateWhenLeafNotYetValidThen403() throws Exception {
    X509Certificate leaf =
        leaf("CN=early")
            .validity(Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"))
            .build()
            .cert();

    assertForbiddenWithoutChallenge(mtlsOnly(leaf, INTER.cert()));
  }

  @Test
  void authenticateWhenIssuedByUntrustedCaThen403() throws Exception {
    TestPki.Issued otherRoot = TestPki.ca("CN=Other Root", null, TestPki.ec()).build();
    X509Certificate leaf =
        new TestPki.Builder("CN=mallory", otherRoot, TestPki.LEAF_KEY).build().cert();

    assertForbiddenWithoutChallenge(mtlsOnly(leaf, otherRoot.cert()));
  }

  @Test
  void authenticateWhenIssuerHasSameDnFromAnotherCaThen403() throws Exception {
    TestPki.Issued evilRoot = TestPki.ca("CN=Test Root,O=Portcullis", null, TestPki.ec()).build();
    TestPki.Issued evilInter =
        TestPki.ca("CN=Test Issuing CA,O=Portcullis", evilRoot, TestPki.ec()).build();
    X509Certificate leaf =
        new TestPki.Builder("CN=alice,O=Example", evilInter, TestPki.LEAF_KEY).build().cert();

    assertForbiddenWithoutChallenge(mtlsOnly(leaf, evilInter.cert()));
    assertForbiddenWithoutChallenge(mtlsOnly(leaf, evilInter.cert(), INTER.cert()));
  }

  @Test
  void authenticateWhenExtendedKeyUsageLacksClientAuthThen403() throws Exception {
    X509Certificate leaf = leaf("CN=server").eku(KeyPurposeId.id_kp_serverAuth).build().cert();

    assertForbiddenWithoutChallenge(mtlsOnly(leaf, INTER.cert()));
  }

  @Test
  void authenticateWhenNoExtendedKeyUsageAndRequiredThen403() throws Exception {
    X509Certificate leaf = leaf("CN=plain").noEku().build().cert();

    assertForbiddenWithoutChallenge(mtlsOnly(leaf, INTER.cert()));
  }

  @Test
  void authenticateWhenNoExtendedKeyUsageAndNotRequiredThenPasses() throws Exception {
    X509Certificate leaf = leaf("CN=plain").noEku().build().cert();
    Harness h = new Harness("mtls", anchors).set("mtls.requireClientAuthEku", "false").start();

    assertThat(h.call(tls(leaf, INTER.cert())).status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenKeyUsageLacksDigitalSignatureThen403() throws Exception {
    X509Certificate leaf = leaf("CN=enc").keyUsage(KeyUsage.keyEncipherment).build().cert();

    assertForbiddenWithoutChallenge(mtlsOnly(leaf, INTER.cert()));
  }

  @Test
  void authenticateWhenLeafIsCaThen403() throws Exception {
    X509Certificate leaf = leaf("CN=sub-ca").ca(true).build().cert();

    assertForbiddenWithoutChallenge(mtlsOnly(leaf, INTER.cert()));
  }

  @Test
  void authenticateWhenUnknownCriticalExtensionThen403() throws Exception {
    X509Certificate leaf = leaf("CN=odd").unknownCriticalExtension().build().cert();

    assertForbiddenWithoutChallenge(mtlsOnly(leaf, INTER.cert()));
  }

  @Test
  void authenticateWhenRsaKeyUnder2048BitsThen403() throws Exception {
    X509Certificate leaf = leaf("CN=small").keys(TestPki.rsa(1024)).build().cert();

    assertForbiddenWithoutChallenge(mtlsOnly(leaf, INTER.cert()));
  }

  @Test
  void authenticateWhenRsa2048KeyThenPasses() throws Exception {
    X509Certificate leaf = leaf("CN=rsa").keys(TestPki.INTER_KEY).build().cert();

    assertThat(mtlsOnly(leaf, INTER.cert()).status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenSha1SignatureThen403() throws Exception {
    X509Certificate leaf = leaf("CN=sha1").signatureAlgorithm("SHA1withRSA").build().cert();

    assertForbiddenWithoutChallenge(mtlsOnly(leaf, INTER.cert()));
  }

  @Test
  void authenticateWhenMd5SignatureThen403() throws Exception {
    X509Certificate leaf = leaf("CN=md5").signatureAlgorithm("MD5withRSA").build().cert();

    assertForbiddenWithoutChallenge(mtlsOnly(leaf, INTER.cert()));
  }

  @Test
  void authenticateWhenIntermediateMissingThen403AndWhenConfiguredThenPasses() throws Exception {
    X509Certificate leaf = leaf("CN=alone").build().cert();
    Path bundle = TestPki.write(dir.resolve("inter.pem"), TestPki.pem(INTER.cert()));

    assertForbiddenWithoutChallenge(mtlsOnly(leaf));
    Harness h = new Harness("mtls", anchors).set("mtls.intermediates", bundle.toString()).start();
    assertThat(h.call(tls(leaf)).status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenChainOutOfOrderWithRootThenPasses() throws Exception {
    X509Certificate leaf = leaf("CN=order").build().cert();

    assertThat(mtlsOnly(leaf, ROOT.cert(), INTER.cert()).status()).isEqualTo(200);
  }
}
