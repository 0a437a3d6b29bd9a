package dev.portcullis.mtls;

import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Collections;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Envoy {@code x-forwarded-client-cert} from a trusted proxy ({@code mtls.forwardedFormat=xfcc}).
 */
class XfccFormatTest {
  private static final String XFCC = "X-Forwarded-Client-Cert";
  private static final String MALFORMED_400 =
      "Bearer realm=\"api\", error=\"invalid_request\","
          + " error_description=\"The forwarded client certificate is malformed\"";

  @TempDir Path dir;
  private Path anchors;
  private final X509Certificate alice =
      TestPki.leaf("CN=alice,O=Example")
          .san(GeneralName.uniformResourceIdentifier, "spiffe://example.org/ns/pay/sa/alice")
          .build()
          .cert();
  private final X509Certificate bob = TestPki.leaf("CN=bob").build().cert();

  @BeforeEach
  void writeAnchors() {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
  }

  /** Envoy's URL encoding of PEM: newline, space, +, / and = percent-encoded. */
  static String envoy(X509Certificate... certs) {
    return TestPki.pem(certs)
        .replace("+", "%2B")
        .replace("/", "%2F")
        .replace("=", "%3D")
        .replace("\n", "%0A")
        .replace(" ", "%20");
  }

  private Harness envoyProxy(String mechanisms) throws Exception {
    return new Harness(mechanisms, anchors)
        .set("mtls.trustedProxies", "10.0.0.0/8")
        .set("mtls.forwardedFormat", "xfcc")
        .start();
  }

  private static FakeRequest from(String addr, String value) {
    return FakeRequest.get("/api/me").remoteAddr(addr).header(XFCC, value);
  }

  private static String element(X509Certificate leaf, X509Certificate... chain) {
    String value = "By=spiffe://example.org/ns/api/sa/api;Hash=0f1e2d;Cert=\"" + envoy(leaf) + "\"";
    return chain.length == 0 ? value : value + ";Chain=\"" + envoy(chain) + "\"";
  }

  @Test
  void authenticateWhenXfccElementWithCertAndChainThenPasses() throws Exception {
    Harness h = envoyProxy("mtls");

    FakeResponse response =
        h.call(from("10.1.2.3", element(alice, alice, INTER.cert()) + ";Subject=\"CN=alice\""));

    assertThat(response.status()).isEqualTo(200);
    assertThat(h.identity().getName()).isEqualTo("CN=alice,O=Example");
  }

  @Test
  void authenticateWhenXfccCertWithoutChainAndNoIntermediatesThen403() throws Exception {
    FakeResponse response = envoyProxy("mtls").call(from("10.1.2.3", element(alice)));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.headers("WWW-Authenticate")).isEmpty();
  }

  @Test
  void authenticateWhenXfccQuotedValuesHoldSeparatorsAndEscapesThenPasses() throws Exception {
    String value =
        "By=\"spiffe://x;y,z\";Subject=\"CN=a\\\"b\\\\,O=c;d\";URI=;DNS=a.example;"
            + element(alice, alice, INTER.cert()).substring(element(alice).indexOf("Cert"));

    assertThat(envoyProxy("mtls").call(from("10.1.2.3", value)).status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenXfccUnquotedCertAndLowerCaseKeyThenPasses() throws Exception {
    String value = "cert=" + envoy(alice) + ";chain=" + envoy(alice, INTER.cert());

    assertThat(envoyProxy("mtls").call(from("10.1.2.3", value)).status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenXfccHasTwoElementsThen400() throws Exception {
    String appended = element(bob, bob, INTER.cert()) + "," + element(alice, alice, INTER.cert());

    FakeResponse response = envoyProxy("mtls,boundToken").call(from("10.1.2.3", appended));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(MALFORMED_400);
  }

  @Test
  void authenticateWhenXfccLacksCertThen400() throws Exception {
    String noCert =
        "By=spiffe://example.org/x;Hash=0f;Subject=\"CN=alice\";URI=spiffe://example.org/a";

    assertThat(envoyProxy("mtls").call(from("10.1.2.3", noCert)).status()).isEqualTo(400);
  }

  @Test
  void authenticateWhenXfccQuotingOrSyntaxMalformedThen400() throws Exception {
    Harness h = envoyProxy("mtls");
    String cert = envoy(alice);
    String[] bad = {
      "Cert=\"" + cert, // unterminated quote
      "Cert=\"" + cert + "\"x", // data after the closing quote
      "Cert=ab\"cd\"", // quote inside a token
      "Cert=\"" + cert + "\";Cert=\"" + envoy(bob) + "\"", // key twice
      "Cert=\"" + cert + "\";;", // empty pair
      "=\"" + cert + "\"", // empty key
      "Cert", // no value
      "Cert=\"" + cert + "\";Hash", // pair without '='
      "Cert=\"" + envoy(alice, bob) + "\"", // two certificates in Cert
      "Cert=\"\"", // empty Cert
    };
    for (String value : bad) {
      assertThat(h.call(from("10.1.2.3", value)).status()).as(value).isEqualTo(400);
    }
  }

  @Test
  void authenticateWhenXfccChainDoesNotStartWithCertThen400() throws Exception {
    FakeResponse response =
        envoyProxy("mtls").call(from("10.1.2.3", element(alice, bob, INTER.cert())));

    assertThat(response.status()).isEqualTo(400);
  }

  @Test
  void authenticateWhenTwoXfccFieldsThen400() throws Exception {
    FakeResponse response =
        envoyProxy("mtls").call(from("10.1.2.3", element(alice)).header(XFCC, element(bob)));

    assertThat(response.status()).isEqualTo(400);
  }

  @Test
  void authenticateWhenXfccOverSizeCapThen400() throws Exception {
    String huge = "Cert=\"" + "A".repeat(17_000) + "\"";

    assertThat(envoyProxy("mtls").call(from("10.1.2.3", huge)).status()).isEqualTo(400);
  }

  @Test
  void authenticateWhenXfccFromUntrustedPeerThenIgnoredAndHidden() throws Exception {
    Harness h = envoyProxy("mtls");

    FakeResponse response = h.call(from("203.0.113.9", element(alice, alice, INTER.cert())));

    assertThat(response.status()).isEqualTo(403);
    assertThat(h.identity()).isNull();
    Harness open =
        new Harness("mtls", anchors)
            .set("mtls.trustedProxies", "10.0.0.0/8")
            .set("mtls.forwardedFormat", "xfcc")
            .set("required", "false")
            .start();
    open.call(from("203.0.113.9", element(alice)));
    assertThat(open.passedOn().getHeader(XFCC)).isNull();
    assertThat(Collections.list(open.passedOn().getHeaderNames()))
        .doesNotContain("x-forwarded-client-cert");
  }

  @Test
  void authenticateWhenXfccHeaderNamedWithoutFormatThenFormatInferred() throws Exception {
    Harness h =
        new Harness("mtls", anchors)
            .set("mtls.trustedProxies", "10.0.0.1")
            .set("mtls.forwardedHeader", "x-forwarded-client-cert")
            .set("mtls.principal", "uri")
            .set("mtls.allowedPrincipals", "spiffe://example\\.org/ns/pay/.*")
            .start();

    FakeResponse response = h.call(from("10.0.0.1", element(alice, alice, INTER.cert())));

    assertThat(response.status()).isEqualTo(200);
    assertThat(h.identity().getName()).isEqualTo("spiffe://example.org/ns/pay/sa/alice");
  }
}
