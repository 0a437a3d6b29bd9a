package dev.portcullis.mtls;

import static dev.portcullis.mtls.Harness.tls;
import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtls.principal=upn} (otherName 1.3.6.1.4.1.311.20.2.3) and SPIFFE IDs as {@code uri}. */
class UpnAndSpiffePrincipalTest {
  private static final String UPN_OID = "1.3.6.1.4.1.311.20.2.3";

  @TempDir Path dir;
  private Path anchors;

  @BeforeEach
  void writeAnchors() {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
  }

  private Harness harness(String principal) throws Exception {
    return new Harness("mtls", anchors).set("mtls.principal", principal).start();
  }

  @Test
  void principalWhenUpnConfiguredThenTakenFromOtherName() throws Exception {
    X509Certificate cert =
        TestPki.leaf("CN=Alice Example")
            .san(GeneralName.rfc822Name, "alice@mail.example")
            .san(TestPki.otherName("1.3.6.1.4.1.99999.7", new DERUTF8String("not-a-upn")))
            .san(TestPki.upn("alice@corp.example"))
            .san(TestPki.upn("second@corp.example"))
            .build()
            .cert();
    Harness h = harness("upn");

    assertThat(h.call(tls(cert, INTER.cert())).status()).isEqualTo(200);
    assertThat(h.identity().getName()).isEqualTo("alice@corp.example");
    assertThat(h.identity().authType()).isEqualTo("CLIENT_CERT");
  }

  @Test
  void principalWhenUpnHasNonAsciiUtf8ThenDecoded() throws Exception {
    X509Certificate cert =
        TestPki.leaf("CN=Jose").san(TestPki.upn("jos\u00e9@corp.example")).build().cert();
    Harness h = harness("upn");

    h.call(tls(cert, INTER.cert()));

    assertThat(h.identity().getName()).isEqualTo("jos\u00e9@corp.example");
  }

  @Test
  void principalWhenNoUpnOrUpnNotUtf8StringThen403() throws Exception {
    X509Certificate none =
        TestPki.leaf("CN=none").san(GeneralName.rfc822Name, "none@corp.example").build().cert();
    X509Certificate ia5 =
        TestPki.leaf("CN=ia5")
            .san(TestPki.otherName(UPN_OID, new DERIA5String("ia5@corp.example")))
            .build()
            .cert();
    X509Certificate other =
        TestPki.leaf("CN=other")
            .san(TestPki.otherName("1.3.6.1.4.1.99999.7", new DERUTF8String("x@corp.example")))
            .build()
            .cert();
    Harness h = harness("upn");

    for (X509Certificate cert : new X509Certificate[] {none, ia5, other}) {
      assertThat(h.call(tls(cert, INTER.cert())).status()).as(cert.toString()).isEqualTo(403);
      assertThat(h.identity()).isNull();
    }
  }

  @Test
  void upnWhenDerTruncatedTrailingOrWrongTagThenEmpty() throws Exception {
    // SEQUENCE { OID 1.3.6.1.4.1.311.20.2.3, [0] { UTF8String "a@b" } }
    byte[] good = HexFormat.of().parseHex("3013" + "060a2b060104018237140203" + "a0050c03614062");

    assertThat(Upn.of(good)).contains("a@b");
    byte[] jdk17 = HexFormat.of().parseHex("3015060a2b060104018237140203a007a0050c03614062");
    assertThat(Upn.of(jdk17)).contains("a@b");
    assertThat(Upn.of(Arrays.copyOf(good, good.length - 1))).isEmpty();
    assertThat(Upn.of(Arrays.copyOf(good, good.length + 1))).isEmpty();
    byte[] wrongInner = good.clone();
    wrongInner[good.length - 5] = 0x16; // IA5String instead of UTF8String
    assertThat(Upn.of(wrongInner)).isEmpty();
    byte[] indefinite = good.clone();
    indefinite[1] = (byte) 0x80;
    assertThat(Upn.of(indefinite)).isEmpty();
    assertThat(Upn.of(new byte[0])).isEmpty();
  }

  @Test
  void upnWhenLongerThan127BytesThenLongFormLengthsRead() throws Exception {
    String name = "u".repeat(200) + "@corp.example";
    X509Certificate cert = TestPki.leaf("CN=long").san(TestPki.upn(name)).build().cert();
    Harness h = harness("upn");

    h.call(tls(cert, INTER.cert()));

    assertThat(h.identity().getName()).isEqualTo(name);
  }

  @Test
  void principalWhenUriAndSpiffeIdThenSpiffeIdIsTheNameAndAllowListApplies() throws Exception {
    X509Certificate svid =
        TestPki.leaf("O=SPIFFE")
            .san(GeneralName.dNSName, "payments.internal.example")
            .san(GeneralName.uniformResourceIdentifier, "spiffe://prod.example.org/ns/pay/sa/api")
            .build()
            .cert();
    X509Certificate otherTrustDomain =
        TestPki.leaf("O=SPIFFE")
            .san(GeneralName.uniformResourceIdentifier, "spiffe://evil.example.org/ns/pay/sa/api")
            .build()
            .cert();
    Harness h =
        new Harness("mtls", anchors)
            .set("mtls.principal", "uri")
            .set("mtls.allowedPrincipals", "spiffe://prod\\.example\\.org/ns/pay/sa/[a-z-]+")
            .start();

    assertThat(h.call(tls(svid, INTER.cert())).status()).isEqualTo(200);
    assertThat(h.identity().getName()).isEqualTo("spiffe://prod.example.org/ns/pay/sa/api");
    assertThat(h.call(tls(otherTrustDomain, INTER.cert())).status()).isEqualTo(403);
  }
}
