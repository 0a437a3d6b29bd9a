package dev.portcullis.mtls;

import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.Initializing;
import jakarta.servlet.ServletException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtls.forwardedFormat}: default header names, inference from the header, refusals. */
class ForwardedFormatSettingsTest {
  @TempDir Path dir;
  private Path anchors;
  private final X509Certificate alice = TestPki.leaf("CN=alice").build().cert();

  @BeforeEach
  void writeAnchors() {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
  }

  /** The headers hidden from an untrusted peer: exactly the ones the source reads. */
  private Set<String> readHeaders(String... params) {
    Map<String, String> map = new HashMap<>(Map.of("trustAnchors", anchors.toString()));
    map.put("trustedProxies", "10.0.0.1");
    for (int i = 0; i < params.length; i += 2) {
      map.put(params[i], params[i + 1]);
    }
    FakeTime time = new FakeTime(TestPki.NOW);
    CertificateSource source =
        MtlsSettings.read(Config.of(map, k -> null), Environment.of("api", time, time, null))
            .source();
    return source.untrustedHeaders(FakeRequest.get("/").remoteAddr("192.0.2.1").build());
  }

  @Test
  void untrustedHeadersWhenEachFormatThenItsDefaultHeaders() {
    assertThat(readHeaders()).containsExactlyInAnyOrder("Client-Cert", "Client-Cert-Chain");
    assertThat(readHeaders("forwardedFormat", "rfc9440"))
        .containsExactlyInAnyOrder("Client-Cert", "Client-Cert-Chain");
    assertThat(readHeaders("forwardedFormat", "pem")).containsExactly("X-SSL-Client-Cert");
    assertThat(readHeaders("forwardedFormat", "xfcc")).containsExactly("X-Forwarded-Client-Cert");
    assertThat(readHeaders("forwardedFormat", "alb")).containsExactly("X-Amzn-Mtls-Clientcert");
    assertThat(readHeaders("forwardedFormat", "pem", "forwardedChainHeader", "X-SSL-Chain"))
        .containsExactlyInAnyOrder("X-SSL-Client-Cert", "X-SSL-Chain");
    assertThat(readHeaders("forwardedHeader", "X-Client", "forwardedFormat", "alb"))
        .containsExactly("X-Client");
  }

  @Test
  void authenticateWhenPemFormatWithDefaultHeaderThenReadsXSslClientCert() throws Exception {
    Harness h =
        new Harness("mtls", anchors)
            .set("mtls.trustedProxies", "10.0.0.1")
            .set("mtls.forwardedFormat", "pem")
            .set("mtls.forwardedChainHeader", "X-SSL-Client-Chain")
            .start();

    FakeRequest request =
        FakeRequest.get("/")
            .remoteAddr("10.0.0.1")
            .header("X-SSL-Client-Cert", TestPki.pem(alice).replace('\n', ' '))
            .header("X-SSL-Client-Chain", TestPki.pem(INTER.cert()).replace('\n', ' '));

    assertThat(h.call(request).status()).isEqualTo(200);
  }

  private String failure(String... params) {
    FakeFilterConfig config =
        new FakeFilterConfig()
            .param("mechanisms", "mtls")
            .param("mtls.trustAnchors", anchors.toString())
            .param("mtls.trustedProxies", "10.0.0.1");
    for (int i = 0; i < params.length; i += 2) {
      config.param(params[i], params[i + 1]);
    }
    return assertThatThrownBy(() -> Initializing.initialize(new AuthenticationFilter(), config))
        .isInstanceOf(ServletException.class)
        .actual()
        .getMessage();
  }

  @Test
  void initWhenUnknownFormatThenNamesKeyAndValue() {
    assertThat(failure("mtls.forwardedFormat", "haproxy"))
        .isEqualTo(
            "Invalid value [haproxy] for setting mtls.forwardedFormat: expected rfc9440, pem,"
                + " xfcc or alb");
  }

  @Test
  void initWhenChainHeaderWithXfccOrAlbThenRefused() {
    assertThat(failure("mtls.forwardedFormat", "xfcc", "mtls.forwardedChainHeader", "X-Chain"))
        .isEqualTo(
            "Invalid value [X-Chain] for setting mtls.forwardedChainHeader: not used with format"
                + " xfcc");
    assertThat(
            failure(
                "mtls.forwardedHeader",
                "X-Amzn-Mtls-Clientcert",
                "mtls.forwardedChainHeader",
                "X-Chain"))
        .endsWith("not used with format alb");
  }

  @Test
  void initWhenFormatWithoutTrustedProxiesThenRefused() {
    FakeFilterConfig config =
        new FakeFilterConfig()
            .param("mechanisms", "mtls")
            .param("mtls.trustAnchors", anchors.toString())
            .param("mtls.forwardedFormat", "xfcc");

    assertThatThrownBy(() -> Initializing.initialize(new AuthenticationFilter(), config))
        .hasMessage(
            "Invalid value [xfcc] for setting mtls.forwardedFormat: needs mtls.trustedProxies");
  }
}
