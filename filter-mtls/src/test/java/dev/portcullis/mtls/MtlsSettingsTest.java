package dev.portcullis.mtls;

import static dev.portcullis.mtls.Harness.tls;
import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.Initializing;
import jakarta.servlet.ServletException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration errors stop deployment naming the key and the value; stores load. */
class MtlsSettingsTest {
  @TempDir Path dir;
  private Path anchors;
  private final X509Certificate alice = TestPki.leaf("CN=alice").build().cert();

  @BeforeEach
  void writeAnchors() {
    anchors = TestPki.write(dir.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
  }

  private static String failure(String... params) {
    FakeFilterConfig config = new FakeFilterConfig().param("mechanisms", "mtls");
    for (int i = 0; i < params.length; i += 2) {
      config.param(params[i], params[i + 1]);
    }
    AuthenticationFilter filter = new AuthenticationFilter();
    return assertThatThrownBy(() -> Initializing.initialize(filter, config))
        .isInstanceOf(ServletException.class)
        .actual()
        .getMessage();
  }

  @Test
  void initWhenTrustStoreMissingThenNamesKey() {
    assertThat(failure()).isEqualTo("Missing required setting mtls.trustAnchors");
  }

  @Test
  void initWhenTrustStoreUnreadableThenNamesKeyAndValue() {
    assertThat(failure("mtls.trustAnchors", "/nonexistent/anchors.pem"))
        .startsWith("Setting mtls.trustAnchors [/nonexistent/anchors.pem] cannot be read");
  }

  @Test
  void initWhenBadRevocationThenNamesKeyAndValue() {
    assertThat(failure("mtls.trustAnchors", anchors.toString(), "mtls.revocation", "sometimes"))
        .isEqualTo(
            "Invalid value [sometimes] for setting mtls.revocation: expected one of [off, crl,"
                + " ocsp, both]");
  }

  @Test
  void initWhenCrlFilesWithoutCrlRevocationThenRefused() {
    assertThat(failure("mtls.trustAnchors", anchors.toString(), "mtls.crlFiles", "/x.crl"))
        .isEqualTo(
            "Invalid value [/x.crl] for setting mtls.crlFiles: needs revocation crl or both");
  }

  @Test
  void initWhenBadCidrThenNamesKeyAndValue() {
    assertThat(
            failure("mtls.trustAnchors", anchors.toString(), "mtls.trustedProxies", "10.0.0.0/99"))
        .isEqualTo(
            "Invalid value [10.0.0.0/99] for setting mtls.trustedProxies: prefix length must be 0"
                + " to 32");
  }

  @Test
  void initWhenForwardedHeaderWithoutTrustedProxiesThenRefused() {
    assertThat(failure("mtls.trustAnchors", anchors.toString(), "mtls.forwardedHeader", "X-Cert"))
        .isEqualTo(
            "Invalid value [X-Cert] for setting mtls.forwardedHeader: needs mtls.trustedProxies");
  }

  @Test
  void initWhenUnknownPrincipalSourceThenRefused() {
    assertThat(failure("mtls.trustAnchors", anchors.toString(), "mtls.principal", "sid"))
        .isEqualTo(
            "Invalid value [sid] for setting mtls.principal: expected subject, cn, email, dns,"
                + " uri or upn");
  }

  @Test
  void initWhenMisspeltKeyThenRefused() {
    assertThat(failure("mtls.trustAnchors", anchors.toString(), "mtls.trustedProxy", "10.0.0.1"))
        .isEqualTo(
            "Unknown setting [mtls.trustedProxy]; check the spelling or the mechanisms list");
  }

  @Test
  void initWhenTrustStoreInsideWebappThenResolvedThere() throws Exception {
    Path webapp = Files.createDirectories(dir.resolve("webapp/WEB-INF"));
    TestPki.write(webapp.resolve("anchors.pem"), TestPki.pem(ROOT.cert()));
    AuthenticationFilter filter =
        AuthenticationFilter.builder()
            .mechanisms("mtls")
            .set("mtls.trustAnchors", "webapp:/WEB-INF/anchors.pem")
            .time(new FakeTime(TestPki.NOW), new FakeTime(TestPki.NOW))
            .build();
    filter.init(new FakeFilterConfig(dir.resolve("webapp")));
    FakeResponse response = new FakeResponse();

    filter.doFilter(tls(alice, INTER.cert()).build(), response.servlet(), new RecordingChain());

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void initWhenWebappPathWithoutWebappThenRefused() {
    assertThat(failure("mtls.trustAnchors", "webapp:/WEB-INF/anchors.pem"))
        .isEqualTo(
            "Invalid value [webapp:/WEB-INF/anchors.pem] for setting mtls.trustAnchors: the web"
                + " application is not unpacked or has no such file");
  }

  @Test
  void initWhenRequireClientAuthEkuNotBooleanThenNamesThatKey() {
    assertThat(failure("mtls.trustAnchors", anchors.toString(), "mtls.requireClientAuthEku", "yes"))
        .isEqualTo(
            "Invalid value [yes] for setting mtls.requireClientAuthEku: expected true or false");
  }

  private Path store(String type, String password) throws Exception {
    KeyStore store = KeyStore.getInstance(type);
    store.load(null, null);
    store.setCertificateEntry("root", ROOT.cert());
    Path file = dir.resolve("trust." + type.toLowerCase(java.util.Locale.ROOT));
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  @Test
  void initWhenPkcs12TrustStoreWithSecretPasswordThenAuthenticates() throws Exception {
    Path file = store("PKCS12", "s3cret-pw");
    Path secret = TestPki.write(dir.resolve("pw"), "s3cret-pw\n");
    Harness h =
        new Harness("mtls", file).set("mtls.trustAnchorsPassword", "file:" + secret).start();

    assertThat(h.call(tls(alice, INTER.cert())).status()).isEqualTo(200);
  }

  @Test
  void initWhenJksTrustStoreThenAuthenticates() throws Exception {
    Path file = store("JKS", "changeit");
    Harness h = new Harness("mtls", file).set("mtls.trustAnchorsPassword", "changeit").start();

    assertThat(h.call(tls(alice, INTER.cert())).status()).isEqualTo(200);
  }

  @Test
  void initWhenWrongStorePasswordThenRefusedWithoutEchoingIt() throws Exception {
    Path file = store("PKCS12", "s3cret-pw");

    String message =
        failure(
            "mtls.trustAnchors", file.toString(), "mtls.trustAnchorsPassword", "wrong-pw-value");

    assertThat(message).startsWith("Setting mtls.trustAnchors [" + file + "] cannot be read");
    assertThat(message).doesNotContain("wrong-pw-value").doesNotContain("s3cret-pw");
  }
}
