package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real TLS handshakes with the packaged sample on Payara Micro: an HTTPS listener that asks for
 * client certificates ({@code client-auth=want}) and trusts both test roots, so that for a
 * certificate of the other CA the filter, not the TLS layer, decides. Every certificate is made at
 * test time. One server boot for the class.
 */
class ClientCertificateIT {
  private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  private static final String FORBIDDEN = "{\"error\":\"forbidden\"}";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static Pki.Issued root;
  private static Pki.Issued issuing;
  private static Pki.Issued valid;
  private static Pki.Issued expired;
  private static Pki.Issued serverEku;
  private static Pki.Issued revoked;
  private static Pki.Issued otherCa;
  private static BindingIssuer tokens;
  private static PayaraProcess server;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "client-certificate-it"));
    root = Pki.root("CN=IT Root,O=Portcullis");
    issuing = Pki.intermediate("CN=IT Issuing CA,O=Portcullis", root);
    Pki.Issued otherRoot = Pki.root("CN=IT Other Root,O=Elsewhere");
    KeyPurposeId client = KeyPurposeId.id_kp_clientAuth;
    valid = Pki.leaf("CN=alice-device,O=Example", issuing, 2, client);
    expired = Pki.leaf("CN=old-device,O=Example", issuing, -1, client);
    serverEku = Pki.leaf("CN=server-only,O=Example", issuing, 2, KeyPurposeId.id_kp_serverAuth);
    revoked = Pki.leaf("CN=lost-device,O=Example", issuing, 2, client);
    otherCa = Pki.leaf("CN=alice-device,O=Example", otherRoot, 2, client);
    Pki.Issued tlsServer =
        Pki.leaf(
            "CN=localhost", issuing, 2, KeyPurposeId.id_kp_serverAuth, "127.0.0.1", "localhost");

    Path anchors = Files.writeString(dir.resolve("anchors.pem"), pem(root));
    Path issuingCrl =
        Files.writeString(
            dir.resolve("issuing.crl"),
            Pki.pem("X509 CRL", Pki.crl(issuing, revoked).getEncoded()));
    Path rootCrl =
        Files.writeString(dir.resolve("root.crl"), Pki.pem("X509 CRL", Pki.crl(root).getEncoded()));
    tokens = new BindingIssuer();
    Map<String, String> settings = new HashMap<>(tokens.settings());
    settings.put("PORTCULLIS_MTLS_TRUST_ANCHORS", anchors.toAbsolutePath().toString());
    settings.put("PORTCULLIS_MTLS_REVOCATION", "crl");
    settings.put(
        "PORTCULLIS_MTLS_CRL_FILES", issuingCrl.toAbsolutePath() + "," + rootCrl.toAbsolutePath());
    server =
        PayaraProcess.start(
            dir,
            Pki.save(Pki.keyStore("server", tlsServer), dir.resolve("server.p12")).toAbsolutePath(),
            Pki.save(Pki.trustStore(root, otherRoot), dir.resolve("trust.p12")).toAbsolutePath(),
            PayaraProcess.freePort(),
            settings);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  @Test
  void whoamiWhenValidClientCertificateThenSubject() throws Exception {
    HttpResponse<String> response = https(valid, "/api/mtls/whoami");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"principal\":\"CN=alice-device,O=Example\",\"mechanism\":\"mtls\","
                + "\"authType\":\"CLIENT_CERT\",\"subject\":\"CN=alice-device,O=Example\","
                + "\"issuer\":\"CN=IT Issuing CA,O=Portcullis\",\"x5t#S256\":\""
                + BindingIssuer.thumbprint(valid.cert())
                + "\"}");
  }

  @Test
  void whoamiWhenNoClientCertificateThenForbiddenWithoutChallenge() throws Exception {
    HttpResponse<String> response = https(null, "/api/mtls/whoami");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE)).isEmpty();
    assertThat(response.body()).isEqualTo(FORBIDDEN);
  }

  @Test
  void whoamiWhenCertificateOfCaTrustedOnlyByContainerThenForbidden() throws Exception {
    HttpResponse<String> response = https(otherCa, "/api/mtls/whoami");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE)).isEmpty();
    assertThat(response.body()).isEqualTo(FORBIDDEN);
  }

  @Test
  void whoamiWhenCertificateRevokedInCrlThenForbidden() throws Exception {
    HttpResponse<String> response = https(revoked, "/api/mtls/whoami");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE)).isEmpty();
    assertThat(response.body()).isEqualTo(FORBIDDEN);
  }

  /**
   * The JDK's TLS layer checks validity dates against its trust store before the filter could see
   * the certificate, and Payara Micro then closes the connection without an alert: under TLS 1.2
   * the handshake fails, under TLS 1.3 (where the client finishes first) no response arrives.
   */
  @Test
  void handshakeWhenCertificateExpiredThenTlsLayerClosesConnection() throws Exception {
    assertTlsLayerRefuses(expired);
  }

  /** The JDK's TLS layer also refuses a leaf whose extended key usage lacks clientAuth. */
  @Test
  void handshakeWhenCertificateLacksClientAuthEkuThenTlsLayerClosesConnection() throws Exception {
    assertTlsLayerRefuses(serverEku);
  }

  @Test
  void rawGetWhenValidCertificateOverEitherTlsVersionThenOk() throws Exception {
    assertThat(rawGet(valid, "/api/mtls/whoami", "TLSv1.3")).startsWith("HTTP/1.1 200 ");
    assertThat(rawGet(valid, "/api/mtls/whoami", "TLSv1.2")).startsWith("HTTP/1.1 200 ");
  }

  @Test
  void whoamiWhenForgedClientCertHeaderFromUntrustedPeerThenIgnored() throws Exception {
    String forged = ":" + Base64.getEncoder().encodeToString(valid.cert().getEncoded()) + ":";
    HttpRequest overHttp =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort + "/api/mtls/whoami"))
            .timeout(TIMEOUT)
            .header("Client-Cert", forged)
            .build();

    HttpResponse<String> plain =
        HttpClient.newHttpClient().send(overHttp, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> tls = https(null, "/api/mtls/whoami", "Client-Cert", forged);

    for (HttpResponse<String> response : java.util.List.of(plain, tls)) {
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.headers().allValues(WWW_AUTHENTICATE)).isEmpty();
    }
  }

  @Test
  void meWhenValidClientCertificateThenMtlsIdentity() throws Exception {
    HttpResponse<String> response = https(valid, "/api/me");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"principal\":\"CN=alice-device,O=Example\",\"mechanism\":\"mtls\","
                + "\"authType\":\"CLIENT_CERT\",\"scopes\":[],\"roles\":[]}");
  }

  @Test
  void meWhenNoCredentialsOverHttpsThenApiKeyChallengeOnly() throws Exception {
    HttpResponse<String> response = https(null, "/api/me");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly("ApiKey realm=\"api\"");
  }

  @Test
  void boundWhenTokenBoundToPresentedCertificateThenOk() throws Exception {
    String token = tokens.tokenBoundTo("alice", valid.cert());

    HttpResponse<String> response =
        https(valid, "/api/bound/whoami", "Authorization", "Bearer " + token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .startsWith("{\"principal\":\"alice\",\"mechanism\":\"mtls+jwt\",\"authType\":\"Bearer\"")
        .contains("\"x5t#S256\":\"" + BindingIssuer.thumbprint(valid.cert()) + "\"");
  }

  @Test
  void boundWhenTokenBoundToOtherCertificateThenInvalidToken() throws Exception {
    String token = tokens.tokenBoundTo("alice", revoked.cert());

    HttpResponse<String> response =
        https(valid, "/api/bound/whoami", "Authorization", "Bearer " + token);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The token is not"
                + " bound to the presented client certificate\"");
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_token\"}");
  }

  @Test
  void boundWhenTokenNotBoundThenInvalidToken() throws Exception {
    String token = tokens.tokenBoundTo("alice", null);

    HttpResponse<String> response =
        https(valid, "/api/bound/whoami", "Authorization", "Bearer " + token);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly(
            "Bearer realm=\"api\", error=\"invalid_token\","
                + " error_description=\"The access token is invalid\"");
  }

  @Test
  void boundWhenTokenWithoutCertificateThenUnauthorized() throws Exception {
    String token = tokens.tokenBoundTo("alice", valid.cert());

    HttpResponse<String> response =
        https(null, "/api/bound/whoami", "Authorization", "Bearer " + token);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly("Bearer realm=\"api\"");
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
  }

  @Test
  void boundWhenCertificateWithoutTokenThenBearerChallenge() throws Exception {
    HttpResponse<String> response = https(valid, "/api/bound/whoami");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly("Bearer realm=\"api\"");
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
  }

  /** A GET over HTTPS presenting {@code who}'s certificate (none when null). */
  private static HttpResponse<String> https(Pki.Issued who, String path, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.httpsPort + path))
            .timeout(TIMEOUT);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .sslContext(tls(who))
            .build();
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertTlsLayerRefuses(Pki.Issued who) throws Exception {
    assertThatThrownBy(() -> rawGet(who, "/api/mtls/whoami", "TLSv1.2"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessage("Remote host terminated the handshake");
    String response;
    try {
      response = rawGet(who, "/api/mtls/whoami", "TLSv1.3");
    } catch (IOException e) {
      response = ""; // the server closed while the request was written: no response either
    }
    assertThat(response).isEmpty();
  }

  /** A GET over a TLS socket presenting {@code who}'s certificate; the whole response. */
  private static String rawGet(Pki.Issued who, String path, String protocol) throws Exception {
    try (SSLSocket socket =
        (SSLSocket) tls(who).getSocketFactory().createSocket("127.0.0.1", server.httpsPort)) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.setEnabledProtocols(new String[] {protocol});
      socket.startHandshake();
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static SSLContext tls(Pki.Issued who) throws Exception {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(Pki.trustStore(root));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(who == null ? emptyStore() : Pki.keyStore("client", who), Pki.PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore emptyStore() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  private static String pem(Pki.Issued issued) throws IOException {
    try {
      return Pki.pem("CERTIFICATE", issued.cert().getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IOException(e);
    }
  }
}
