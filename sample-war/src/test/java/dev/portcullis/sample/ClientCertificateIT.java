package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
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
  private static TlsClient client;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "client-certificate-it"));
    root = Pki.root("CN=IT Root,O=Portcullis");
    issuing = Pki.intermediate("CN=IT Issuing CA,O=Portcullis", root);
    Pki.Issued otherRoot = Pki.root("CN=IT Other Root,O=Elsewhere");
    KeyPurposeId clientAuth = KeyPurposeId.id_kp_clientAuth;
    valid = Pki.leaf("CN=alice-device,O=Example", issuing, 2, clientAuth);
    expired = Pki.leaf("CN=old-device,O=Example", issuing, -1, clientAuth);
    serverEku = Pki.leaf("CN=server-only,O=Example", issuing, 2, KeyPurposeId.id_kp_serverAuth);
    revoked = Pki.leaf("CN=lost-device,O=Example", issuing, 2, clientAuth);
    otherCa = Pki.leaf("CN=alice-device,O=Example", otherRoot, 2, clientAuth);
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
    client = new TlsClient(root, server.httpsPort);
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
  void whoamiWhenValidCertificateOverTls12OrTls13ThenOk() throws Exception {
    assertThat(client.raw(valid, "/api/mtls/whoami", "TLSv1.3")).startsWith("HTTP/1.1 200 ");
    assertThat(client.raw(valid, "/api/mtls/whoami", "TLSv1.2")).startsWith("HTTP/1.1 200 ");
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
  void meWhenNoCredentialsOverHttpsThenOnlyTheOtherMechanismsChallenge() throws Exception {
    HttpResponse<String> https = https(null, "/api/me");
    HttpResponse<String> plain =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort + "/api/me"))
                    .timeout(TIMEOUT)
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(https.statusCode()).isEqualTo(401);
    assertThat(https.headers().allValues(WWW_AUTHENTICATE))
        .contains("ApiKey realm=\"api\"")
        .containsExactlyElementsOf(plain.headers().allValues(WWW_AUTHENTICATE));
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

  /**
   * Issue 15 item 4: the main filter's API-key identity does not satisfy {@code mechanisms=mtls}.
   */
  @Test
  void whoamiWhenApiKeyAuthenticatedByEarlierFilterThenForbiddenWithoutChallenge()
      throws Exception {
    HttpResponse<String> response = https(null, "/api/mtls/whoami", "X-API-Key", KeyFile.ALICE);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE)).isEmpty();
    assertThat(response.body()).isEqualTo(FORBIDDEN);
  }

  /** Issue 15 item 4: nor does it satisfy {@code mechanisms=mtls+jwt}: the later filter asks. */
  @Test
  void boundWhenApiKeyAuthenticatedByEarlierFilterThenBearerChallenge() throws Exception {
    HttpResponse<String> response = https(null, "/api/bound/whoami", "X-API-Key", KeyFile.ALICE);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE))
        .containsExactly("Bearer realm=\"api\"");
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
  }

  private static HttpResponse<String> https(Pki.Issued who, String path, String... headers)
      throws Exception {
    return client.get(who, path, headers);
  }

  /**
   * TLS 1.2: the server checks the client certificate before its Finished message, so the client's
   * handshake cannot complete (Payara Micro closes the connection without an alert: "Remote host
   * terminated the handshake", or a broken pipe when the client is still writing). TLS 1.3: the
   * client finishes first, and then no response arrives.
   */
  private static void assertTlsLayerRefuses(Pki.Issued who) throws Exception {
    assertThatThrownBy(() -> client.handshake(who, "TLSv1.2")).isInstanceOf(IOException.class);
    String response;
    try {
      response = client.raw(who, "/api/mtls/whoami", "TLSv1.3");
    } catch (IOException e) {
      response = ""; // the server closed while the request was written: no response either
    }
    assertThat(response).isEmpty();
  }

  private static String pem(Pki.Issued issued) throws IOException {
    try {
      return Pki.pem("CERTIFICATE", issued.cert().getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IOException(e);
    }
  }
}
