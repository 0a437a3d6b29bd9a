package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample's leaked-key endpoint ({@code /leaked-keys/github}) on Payara Micro, with GitHub's
 * public keys served on loopback ({@code it.githubKeysPort}) in GitHub's JSON shape: a P-256 key
 * made here signs the alerts. A signed alert revokes the key; forged and replayed alerts change
 * nothing.
 */
@ExtendWith(ArquillianExtension.class)
class LeakedKeyIT {
  private static final String KEY_ID = "it-key-1";
  private static KeyPair github;
  private static HttpServer keys;

  @ArquillianResource private URL deployment;

  @Deployment(testable = false)
  static WebArchive sampleWar() throws Exception {
    new KeyFile().write();
    github = p256();
    String pem =
        "-----BEGIN PUBLIC KEY-----\\n"
            + Base64.getEncoder().encodeToString(github.getPublic().getEncoded())
            + "\\n-----END PUBLIC KEY-----\\n";
    byte[] document =
        ("{\"public_keys\":[{\"key_identifier\":\""
                + KEY_ID
                + "\",\"key\":\""
                + pem
                + "\",\"is_current\":true}]}")
            .getBytes(StandardCharsets.UTF_8);
    keys =
        HttpServer.create(
            new InetSocketAddress(
                InetAddress.getLoopbackAddress(), Integer.getInteger("it.githubKeysPort")),
            0);
    keys.createContext(
        "/meta/public_keys/secret_scanning",
        exchange -> {
          exchange.sendResponseHeaders(200, document.length);
          exchange.getResponseBody().write(document);
          exchange.close();
        });
    keys.start();
    return SampleWar.imported("ROOT.war");
  }

  @AfterAll
  static void stopKeys() {
    keys.stop(0);
  }

  @Test
  void alertWhenSignedThenKeyRefusedAndReplayOrForgeryChangesNothing() throws Exception {
    KeyAdmin admin = new KeyAdmin(new Http(deployment), KeyFile.ALICE);
    KeyAdmin.Made leaked = admin.create("leaky");
    KeyAdmin.Made other = admin.create("careful");
    byte[] alert = alert(leaked.key());
    byte[] forgedAlert = alert(other.key());

    HttpResponse<String> forged = post(forgedAlert, sign(forgedAlert, p256()));
    HttpResponse<String> unsigned = post(forgedAlert, null);
    HttpResponse<String> signed = post(alert, sign(alert, github));
    HttpResponse<String> replayed = post(alert, sign(alert, github));

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.headers().firstValue("Content-Type"))
        .hasValue("application/problem+json;charset=UTF-8");
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(admin.me(other.key()).statusCode()).isEqualTo(200);
    assertThat(signed.statusCode()).isEqualTo(200);
    assertThat(signed.body())
        .contains("\"token_type\":\"portcullis_api_key\",\"label\":\"true_positive\"")
        .doesNotContain(leaked.key());
    assertThat(replayed.body()).isEqualTo(signed.body());
    HttpResponse<String> refused = admin.me(leaked.key());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().allValues("WWW-Authenticate"))
        .containsExactly(KeyAdmin.INVALID_KEY);
  }

  private HttpResponse<String> post(byte[] body, String signature)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://"
                        + deployment.getHost()
                        + ":"
                        + deployment.getPort()
                        + "/leaked-keys/github"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("Github-Public-Key-Identifier", KEY_ID);
      request.header("Github-Public-Key-Signature", signature);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] alert(String token) {
    return ("[{\"token\":\""
            + token
            + "\",\"type\":\"portcullis_api_key\","
            + "\"url\":\"https://github.com/octocat/Hello-World/blob/abc/keys.txt\","
            + "\"source\":\"content\"}]")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static KeyPair p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static String sign(byte[] body, KeyPair pair) throws Exception {
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(pair.getPrivate());
    ecdsa.update(body);
    return Base64.getEncoder().encodeToString(ecdsa.sign());
  }
}
