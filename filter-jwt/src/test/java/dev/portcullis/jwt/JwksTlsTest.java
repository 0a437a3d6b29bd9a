package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.authenticate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.ServiceUnavailableException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JWKS over real TLS with a certificate generated at test time: verified, custom trust store. */
class JwksTlsTest {
  private static final String PASSWORD = "changeit";
  @TempDir Path dir;
  private Fixture f;
  private HttpsServer server;
  private Path store;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    store = dir.resolve("idp.p12");
    Process keytool =
        new ProcessBuilder(
                "keytool",
                "-genkeypair",
                "-alias",
                "idp",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().readAllBytes();
    assertThat(keytool.waitFor()).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    byte[] jwks =
        Fixture.jwks(Fixture.rsaJwk(f.rsa, "k1", "RS256")).getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/jwks",
        exchange -> {
          exchange.sendResponseHeaders(200, jwks.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(jwks);
          }
        });
    server.start();
    f.config.put("jwksUri", "https://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    f.close();
  }

  @Test
  void authenticateWhenJwksCertificateNotTrustedThenUnavailable() {
    try (Authenticator a = f.authenticator()) {
      assertThatThrownBy(() -> authenticate(a, f.token()))
          .isInstanceOf(ServiceUnavailableException.class);
    }
  }

  @Test
  void authenticateWhenTrustStoreConfiguredThenJwksFetchedOverTls() throws Exception {
    f.config.put("trustStore", store.toString());
    f.config.put("trustStorePassword", PASSWORD);
    try (Authenticator a = f.authenticator()) {
      assertThat(authenticate(a, f.token())).isInstanceOf(AuthResult.Authenticated.class);
    }
  }

  @Test
  void createWhenTrustStoreUnreadableThenRefused() {
    f.config.put("trustStore", dir.resolve("missing.p12").toString());
    assertThatThrownBy(() -> f.authenticator().close())
        .isInstanceOf(dev.portcullis.config.ConfigurationException.class)
        .hasMessageContaining("jwt.trustStore")
        .hasMessageContaining("missing.p12");
  }
}
