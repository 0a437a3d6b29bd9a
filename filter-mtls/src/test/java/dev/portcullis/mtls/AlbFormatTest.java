package dev.portcullis.mtls;

import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Collections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS ALB {@code X-Amzn-Mtls-Clientcert} ({@code mtls.forwardedFormat=alb}): URL-encoded PEM with
 * {@code +=/} kept, the leaf first, then the issuers the client sent (passthrough mode).
 */
class AlbFormatTest {
  private static final String ALB = "X-Amzn-Mtls-Clientcert";

  @TempDir Path dir;
  private Path anchors;
  private final X509Certificate alice = TestPki.leaf("CN=alice").build().cert();
  private final X509Certificate bob = TestPki.leaf("CN=bob").build().cert();

  @BeforeEach
  void writeAnchors() {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
  }

  /** ALB's encoding: URL-encoded with {@code +}, {@code =} and {@code /} as safe characters. */
  static String alb(X509Certificate... certs) {
    return URLEncoder.encode(TestPki.pem(certs), StandardCharsets.US_ASCII)
        .replace("+", "%20")
        .replace("%2B", "+")
        .replace("%3D", "=")
        .replace("%2F", "/");
  }

  private Harness albProxy(String... settings) throws Exception {
    Harness h =
        new Harness("mtls", anchors)
            .set("mtls.trustedProxies", "10.0.0.0/8")
            .set("mtls.forwardedFormat", "alb");
    for (int i = 0; i < settings.length; i += 2) {
      h.set(settings[i], settings[i + 1]);
    }
    return h.start();
  }

  private static FakeRequest from(String addr, String header, String value) {
    return FakeRequest.get("/api/me").remoteAddr(addr).header(header, value);
  }

  @Test
  void authenticateWhenAlbPassthroughChainLeafToRootThenPasses() throws Exception {
    String value = alb(alice, INTER.cert(), ROOT.cert());
    Harness h = albProxy();

    FakeResponse response = h.call(from("10.1.2.3", ALB, value));

    assertThat(value).contains("+").doesNotContain("%2B").contains("%0A");
    assertThat(response.status()).isEqualTo(200);
    assertThat(h.identity().getName()).isEqualTo("CN=alice");
  }

  @Test
  void authenticateWhenAlbLeafOnlyAndNoIntermediatesThen403() throws Exception {
    FakeResponse response = albProxy().call(from("10.1.2.3", ALB, alb(alice)));

    assertThat(response.status()).isEqualTo(403);
  }

  @Test
  void authenticateWhenAlbVerifyModeLeafHeaderThenFormatInferredAndPasses() throws Exception {
    Harness h =
        new Harness("mtls", anchors)
            .set("mtls.trustedProxies", "10.0.0.0/8")
            .set("mtls.forwardedHeader", ALB + "-Leaf")
            .set(
                "mtls.intermediates",
                TestPki.write(dir.resolve("i.pem"), TestPki.pem(INTER.cert())).toString())
            .start();

    FakeResponse response = h.call(from("10.1.2.3", ALB + "-Leaf", alb(alice)));

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void authenticateWhenAlbLeafIsNotFirstThen403() throws Exception {
    // The first block is the leaf; an issuer first is a CA certificate, refused as a client.
    FakeResponse response = albProxy().call(from("10.1.2.3", ALB, alb(INTER.cert(), alice)));

    assertThat(response.status()).isEqualTo(403);
  }

  @Test
  void authenticateWhenAlbValueMalformedThen400() throws Exception {
    Harness h = albProxy();
    String[] bad = {
      alb(alice) + "garbage",
      "garbage" + alb(alice),
      "",
      "%ZZ" + alb(alice),
      alb(alice).replace("BEGIN", "BEGlN"),
      alb(alice, alice, alice, alice, alice, alice, alice, alice, alice, alice, alice),
    };
    for (String value : bad) {
      assertThat(h.call(from("10.1.2.3", ALB, value)).status()).as(value).isEqualTo(400);
    }
  }

  @Test
  void authenticateWhenTwoAlbFieldsThen400() throws Exception {
    FakeResponse response =
        albProxy().call(from("10.1.2.3", ALB, alb(alice, INTER.cert())).header(ALB, alb(bob)));

    assertThat(response.status()).isEqualTo(400);
  }

  @Test
  void authenticateWhenAlbOverConfiguredSizeCapThen400() throws Exception {
    String value = alb(alice, INTER.cert(), ROOT.cert());
    Harness h = albProxy("mtls.forwardedMaxLength", "2048");

    assertThat(value.length()).isGreaterThan(2048);
    assertThat(h.call(from("10.1.2.3", ALB, value)).status()).isEqualTo(400);
  }

  @Test
  void authenticateWhenAlbHeaderFromUntrustedPeerThenIgnoredAndHidden() throws Exception {
    Harness h = albProxy("required", "false");

    FakeResponse response = h.call(from("192.0.2.7", ALB, alb(alice, INTER.cert())));

    assertThat(response.status()).isEqualTo(200);
    assertThat(h.identity()).isNull();
    assertThat(h.passedOn().getHeader(ALB)).isNull();
    assertThat(Collections.list(h.passedOn().getHeaderNames()))
        .doesNotContain(ALB.toLowerCase(java.util.Locale.ROOT));
  }
}
