package dev.portcullis.mtls;

import static dev.portcullis.mtls.TestPki.INTER;
import static dev.portcullis.mtls.TestPki.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS 1.3 handshakes on loopback: the server requires a client certificate but, like a
 * permissive container, accepts any; the chain it sees goes through the filter, which must decide
 * on its own trust anchors.
 */
class TlsHandshakeTest {
  private static final char[] PASSWORD = "test-only".toCharArray();

  @TempDir Path dir;

  @Test
  void handshakeWhenClientPresentsTrustedCertificateThenFilterPasses() throws Exception {
    TestPki.Issued client = TestPki.leaf("CN=tls-client,O=Example").build();

    X509Certificate[] seen = handshake(client, INTER.cert());
    Harness h = harness();
    FakeResponse response = h.call(FakeRequest.get("/api/mtls/x").attribute(TLS, seen));

    assertThat(seen[0]).isEqualTo(client.cert());
    assertThat(response.status()).isEqualTo(200);
    assertThat(h.identity().getName()).isEqualTo("CN=tls-client,O=Example");
  }

  @Test
  void handshakeWhenClientCertificateFromOtherCaThenFilterAnswers403() throws Exception {
    TestPki.Issued otherRoot = TestPki.ca("CN=Test Root,O=Portcullis", null, TestPki.ec()).build();
    TestPki.Issued client =
        new TestPki.Builder("CN=tls-client,O=Example", otherRoot, TestPki.ec()).build();

    X509Certificate[] seen = handshake(client, otherRoot.cert());
    FakeResponse response = harness().call(FakeRequest.get("/api/mtls/x").attribute(TLS, seen));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.headers("WWW-Authenticate")).isEmpty();
  }

  @Test
  void handshakeWhenTrustedProxyPresentsOwnCertificateThenOnlyForwardedOneCounts()
      throws Exception {
    TestPki.Issued proxy = TestPki.leaf("CN=proxy,O=Example").build();
    X509Certificate bob = TestPki.leaf("CN=bob,O=Example").build().cert();

    X509Certificate[] seen = handshake(proxy, INTER.cert());
    Harness h =
        new Harness("mtls", TestPki.write(dir.resolve("a.pem"), TestPki.pem(ROOT.cert())))
            .set("mtls.trustedProxies", "127.0.0.1/32")
            .start();
    FakeResponse forwarded =
        h.call(
            FakeRequest.get("/api/mtls/x")
                .remoteAddr("127.0.0.1")
                .attribute(TLS, seen)
                .header("Client-Cert", ForwardedHeaderSecurityCasesTest.sf(bob))
                .header("Client-Cert-Chain", ForwardedHeaderSecurityCasesTest.sf(INTER.cert())));
    String forwardedName = h.identity().getName();
    FakeResponse none =
        h.call(FakeRequest.get("/api/mtls/x").remoteAddr("127.0.0.1").attribute(TLS, seen));

    assertThat(seen[0]).isEqualTo(proxy.cert());
    assertThat(forwarded.status()).isEqualTo(200);
    assertThat(forwardedName).isEqualTo("CN=bob,O=Example");
    assertThat(none.status()).isEqualTo(403);
    assertThat(none.headers("WWW-Authenticate")).isEmpty();
  }

  private static final String TLS = CertificateSource.TLS_ATTRIBUTE;

  private Harness harness() throws Exception {
    return new Harness("mtls", TestPki.write(dir.resolve("a.pem"), TestPki.pem(ROOT.cert())))
        .start();
  }

  /** Runs one handshake and returns the client chain from the server-side SSLSession. */
  private static X509Certificate[] handshake(TestPki.Issued client, X509Certificate issuer)
      throws Exception {
    TestPki.Issued server =
        TestPki.leaf("CN=localhost")
            .keys(TestPki.ec())
            .eku(KeyPurposeId.id_kp_serverAuth)
            .san(GeneralName.iPAddress, "127.0.0.1")
            .build();
    SSLContext serverContext = SSLContext.getInstance("TLSv1.3");
    serverContext.init(
        keyManagers(server, INTER.cert()), new TrustManager[] {new AcceptAll()}, null);
    SSLContext clientContext = SSLContext.getInstance("TLSv1.3");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("root", ROOT.cert());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    clientContext.init(keyManagers(client, issuer), tmf.getTrustManagers(), null);

    try (SSLServerSocket listener =
        (SSLServerSocket)
            serverContext
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setNeedClientAuth(true);
      listener.setSoTimeout(10_000);
      CompletableFuture<X509Certificate[]> seen =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                  s.setSoTimeout(10_000);
                  s.startHandshake();
                  Certificate[] peer = s.getSession().getPeerCertificates();
                  s.getOutputStream().write(1);
                  return Arrays.copyOf(peer, peer.length, X509Certificate[].class);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      try (SSLSocket socket =
          (SSLSocket)
              clientContext
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        assertThat(socket.getInputStream().read()).isEqualTo(1);
      }
      return seen.get(10, TimeUnit.SECONDS);
    }
  }

  private static javax.net.ssl.KeyManager[] keyManagers(TestPki.Issued who, X509Certificate issuer)
      throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "key", who.keys().getPrivate(), PASSWORD, new Certificate[] {who.cert(), issuer});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
    kmf.init(store, PASSWORD);
    return kmf.getKeyManagers();
  }

  /** A container that asks for a certificate but checks nothing, so the filter must. */
  private static final class AcceptAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
