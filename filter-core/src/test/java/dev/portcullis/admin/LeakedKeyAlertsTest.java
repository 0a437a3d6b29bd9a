package dev.portcullis.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.apikey.ApiKeyAuthenticatorFactory;
import dev.portcullis.apikey.KeyAdministration;
import dev.portcullis.apikey.KeyLifecycle;
import dev.portcullis.apikey.KeyMetadata;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.http.OutboundHttp;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeTime;
import jakarta.servlet.ServletContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub secret-scanning alerts signed with a P-256 key made here, whose public key a loopback
 * server publishes in GitHub's JSON shape: a signed alert revokes our key and answers the feedback;
 * forged, unsigned and replayed alerts change nothing.
 */
class LeakedKeyAlertsTest {
  private static final String KEY_ID =
      "90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a";
  private final FakeTime time = new FakeTime();
  private final AtomicInteger fetches = new AtomicInteger();
  private final ServletContext context = new FakeFilterConfig().getServletContext();
  @TempDir Path directory;
  private KeyPair github;
  private HttpServer server;
  private OutboundHttp http;
  private LeakedKeyAlerts alerts;
  private KeyLifecycle keys;

  @BeforeEach
  void start() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    github = generator.generateKeyPair();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(github.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    String document =
        "{\"public_keys\":[{\"key_identifier\":\""
            + KEY_ID
            + "\",\"key\":\""
            + pem.replace("\n", "\\n")
            + "\",\"is_current\":true}]}";
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/meta/public_keys/secret_scanning",
        exchange -> {
          fetches.incrementAndGet();
          byte[] body = document.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    http = new OutboundHttp("test", Duration.ofSeconds(5), Duration.ofSeconds(5), 65536, null);
    URI url =
        URI.create(
            "http://127.0.0.1:"
                + server.getAddress().getPort()
                + "/meta/public_keys/secret_scanning");
    alerts = new LeakedKeyAlerts(new GitHubPublicKeys(http, url, Duration.ofHours(1), time));
    Path file = directory.resolve("keys.properties");
    Files.writeString(file, "# keys\n");
    new ApiKeyAuthenticatorFactory()
        .create(
            Config.of(Map.of("apiKey.file", file.toString()), n -> null).child("apiKey"),
            Environment.of("api", time, time, context));
    keys = KeyAdministration.of(context).orElseThrow().keys();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    http.close();
  }

  @Test
  void handleWhenSignedAlertNamesOurKeyThenRevokedAndTruePositiveWithTokenHash() throws Exception {
    KeyLifecycle.Created made = keys.create("alice", Set.of(), Set.of(), null, KeyMetadata.NONE);
    String other = "pc_" + "0123456789abcdef" + "x".repeat(49);
    byte[] body = alert(made.key(), other);

    LeakedKeyAlerts.Answer answer = alerts.handle(body, KEY_ID, sign(body), Optional.of(keys));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body())
        .isEqualTo(
            "[{\"token_hash\":\""
                + sha256(made.key())
                + "\",\"token_type\":\"portcullis_api_key\",\"label\":\"true_positive\"},"
                + "{\"token_hash\":\""
                + sha256(other)
                + "\",\"token_type\":\"portcullis_api_key\",\"label\":\"false_positive\"}]")
        .doesNotContain(made.key());
    assertThat(keys.record(made.record().id()).orElseThrow().revoked()).isTrue();
  }

  @Test
  void handleWhenSameAlertTwiceThenRevokedOnceAndSameFeedback() throws Exception {
    KeyLifecycle.Created made = keys.create("bob", Set.of(), Set.of(), null, KeyMetadata.NONE);
    byte[] body = alert(made.key());
    String signature = sign(body);
    LeakedKeyAlerts.Answer first = alerts.handle(body, KEY_ID, signature, Optional.of(keys));

    LeakedKeyAlerts.Answer replay = alerts.handle(body, KEY_ID, signature, Optional.of(keys));

    assertThat(replay).isEqualTo(first);
    assertThat(keys.record(made.record().id()).orElseThrow().revoked()).isTrue();
  }

  @Test
  void handleWhenForgedOrUnsignedThen401AndKeyStillActive() throws Exception {
    KeyLifecycle.Created made = keys.create("carol", Set.of(), Set.of(), null, KeyMetadata.NONE);
    byte[] body = alert(made.key());
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair forger = generator.generateKeyPair();
    byte[] tampered = alert(made.key() + " ");

    assertThat(alerts.handle(body, KEY_ID, sign(body, forger), Optional.of(keys)).status())
        .isEqualTo(401);
    assertThat(alerts.handle(tampered, KEY_ID, sign(body), Optional.of(keys)).status())
        .isEqualTo(401);
    assertThat(alerts.handle(body, null, null, Optional.of(keys)).status()).isEqualTo(401);
    assertThat(alerts.handle(body, KEY_ID, "not base64!", Optional.of(keys)).body())
        .isEqualTo(
            "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"The alert is not signed by a current GitHub key\"}");
    assertThat(keys.record(made.record().id()).orElseThrow().revoked()).isFalse();
  }

  @Test
  void handleWhenUnknownKeyIdentifiersThenFetchedAtMostOncePerInterval() throws Exception {
    byte[] body = alert("pc_x");
    alerts.handle(body, KEY_ID, sign(body), Optional.of(keys));
    for (int i = 0; i < 20; i++) {
      assertThat(alerts.handle(body, "forged-" + i, sign(body), Optional.of(keys)).status())
          .isEqualTo(401);
    }
    assertThat(fetches.get()).isEqualTo(1);

    time.advance(GitHubPublicKeys.MIN_REFETCH);
    alerts.handle(body, "forged", sign(body), Optional.of(keys));

    assertThat(fetches.get()).isEqualTo(2);
  }

  private static byte[] alert(String... tokens) {
    StringBuilder json = new StringBuilder("[");
    for (String token : tokens) {
      json.append(json.length() > 1 ? "," : "")
          .append("{\"token\":\"")
          .append(token)
          .append("\",\"type\":\"portcullis_api_key\",")
          .append("\"url\":\"https://github.com/octocat/Hello-World/blob/abc/keys.txt\",")
          .append("\"source\":\"content\"}");
    }
    return json.append("]").toString().getBytes(StandardCharsets.UTF_8);
  }

  private String sign(byte[] body) throws Exception {
    return sign(body, github);
  }

  private static String sign(byte[] body, KeyPair pair) throws Exception {
    Signature ecdsa = Signature.getInstance("SHA256withECDSA");
    ecdsa.initSign(pair.getPrivate());
    ecdsa.update(body);
    return Base64.getEncoder().encodeToString(ecdsa.sign());
  }

  private static String sha256(String token) throws Exception {
    return HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  /** JSON-P cannot hold a number such as 1e2147483648: still just malformed JSON, never a 500. */
  @Test
  void handleWhenJsonHoldsNumberBeyondTheReaderThen400AndKeysAndDocumentsRefused()
      throws Exception {
    byte[] body =
        "[{\"token\":\"x\",\"type\":\"t\",\"url\":\"u\",\"n\":1e2147483648}]"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(alerts.handle(body, KEY_ID, sign(body), Optional.of(keys)).status()).isEqualTo(400);
    assertThatThrownBy(
            () ->
                GitHubPublicKeys.parse(
                    "{\"public_keys\":[],\"n\":1e2147483648}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(java.security.GeneralSecurityException.class);
    assertThatThrownBy(
            () ->
                KeyJson.read(
                    new java.io.ByteArrayInputStream(
                        "{\"principal\":1e2147483648}".getBytes(StandardCharsets.UTF_8)),
                    Set.of("principal")))
        .isInstanceOfSatisfying(
            jakarta.ws.rs.WebApplicationException.class,
            e -> assertThat(e.getResponse().getStatus()).isEqualTo(400));
  }
}
