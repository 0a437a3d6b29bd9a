package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 21 over HTTP on Payara Micro: {@code POST /api/ephemeral-keys} mints for a caller with a
 * long-lived key; the ephemeral key works as {@code Bearer} and in the key headers with the
 * narrowed scopes, is bound to its origin, is single use when asked, cannot mint another, and
 * cannot widen its scopes. Then in headless Chromium: the demo page gets a key from its backend and
 * calls {@code /api/me} (200), 401 once the 3-second lifetime has passed, a single-use key's second
 * call 401; neither the network log (with bodies) nor the DOM or storage ever holds the long-lived
 * key.
 */
@ExtendWith(ArquillianExtension.class)
class EphemeralKeysIT {
  static final String RESOURCE_METADATA =
      ", resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource\"";
  static final String INVALID =
      "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The API key is invalid\""
          + RESOURCE_METADATA;

  static String key;

  @ArquillianResource URL deployment;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  Http http;

  @Deployment(testable = false)
  static WebArchive sampleWar() throws Exception {
    key = backendKey();
    return SampleWar.imported("ROOT.war");
  }

  /** Writes the key file with a new key for erin, and the key into the demo backend's file. */
  static String backendKey() throws IOException, InterruptedException {
    new KeyFile().write();
    KeyTool.Made made = KeyTool.run("--principal", "erin", "--scopes", "orders:read orders:write");
    Path keyFile = Path.of(System.getProperty("it.keyFile"));
    Files.writeString(
        keyFile, made.fileLine() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Files.writeString(Path.of(keyFile + ".backend"), made.key(), StandardCharsets.UTF_8);
    return made.key();
  }

  @BeforeEach
  void client() {
    http = new Http(deployment);
  }

  private HttpResponse<String> mint(String credential, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://"
                        + deployment.getHost()
                        + ":"
                        + deployment.getPort()
                        + "/api/ephemeral-keys"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (credential != null) {
      request.header("Authorization", "Bearer " + credential);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject json(HttpResponse<String> response) {
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  private String ephemeral(String body) throws IOException, InterruptedException {
    HttpResponse<String> minted = mint(key, body);
    assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
    return json(minted).getJsonObject("client_secret").getString("value");
  }

  @Test
  void mintWhenCallerHasLongLivedKeyThenClientSecretNoStoreAndSixtySeconds() throws Exception {
    long before = Instant.now().getEpochSecond();
    HttpResponse<String> minted = mint(key, "");

    assertThat(minted.statusCode()).isEqualTo(200);
    assertThat(minted.headers().firstValue("Cache-Control")).contains("no-store");
    JsonObject secret = json(minted).getJsonObject("client_secret");
    assertThat(secret.keySet()).containsExactlyInAnyOrder("value", "expires_at");
    assertThat(secret.getString("value")).startsWith("ek_").doesNotContain(key);
    assertThat(secret.getJsonNumber("expires_at").longValue()).isBetween(before + 60, before + 62);
  }

  @Test
  void callWhenEphemeralKeyAsBearerOrKeyHeaderThenParentPrincipalAndNarrowedScopes()
      throws Exception {
    String ephemeral = ephemeral("{\"scopes\":[\"orders:read\"]}");

    for (String[] header :
        new String[][] {{"Authorization", "Bearer " + ephemeral}, {"X-API-Key", ephemeral}}) {
      HttpResponse<String> me = http.send("GET", "/api/me", header);
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(json(me).getString("principal")).isEqualTo("erin");
      assertThat(json(me).getJsonArray("scopes").getString(0)).isEqualTo("orders:read");
      assertThat(json(me).getJsonArray("scopes")).hasSize(1);
      assertThat(json(me).getJsonArray("roles")).isEmpty();
    }
    assertThat(
            http.send("POST", "/api/orders", "Authorization", "Bearer " + ephemeral).statusCode())
        .as("orders:write was not given to the ephemeral key")
        .isEqualTo(403);
  }

  @Test
  void mintWhenScopesBeyondCallersThen403InsufficientScope() throws Exception {
    HttpResponse<String> minted = mint(key, "{\"scopes\":[\"orders:read\",\"admin:all\"]}");

    assertThat(minted.statusCode()).isEqualTo(403);
    assertThat(json(minted).getString("error")).isEqualTo("insufficient_scope");
    assertThat(minted.headers().firstValue("Cache-Control")).contains("no-store");
  }

  @Test
  void mintWhenCallerHoldsEphemeralKeyThen403() throws Exception {
    HttpResponse<String> minted = mint(ephemeral(""), "");

    assertThat(minted.statusCode()).isEqualTo(403);
    assertThat(json(minted).getString("error")).isEqualTo("forbidden");
  }

  @Test
  void mintWhenNoCredentialThen401FromTheFilter() throws Exception {
    assertThat(mint(null, "").statusCode()).isEqualTo(401);
  }

  @Test
  void mintWhenBodyMalformedThen400() throws Exception {
    HttpResponse<String> minted = mint(key, "{\"single_use\":\"yes\"}");

    assertThat(minted.statusCode()).isEqualTo(400);
    assertThat(json(minted).getString("error")).isEqualTo("invalid_request");
  }

  @Test
  void callWhenOriginBoundThenOnlyFromThatOrigin() throws Exception {
    String ephemeral = ephemeral("{\"origin\":\"https://app.example\"}");

    assertThat(
            http.send(
                    "GET",
                    "/api/me",
                    "Authorization",
                    "Bearer " + ephemeral,
                    "Origin",
                    "https://app.example")
                .statusCode())
        .isEqualTo(200);
    HttpResponse<String> other =
        http.send(
            "GET",
            "/api/me",
            "Authorization",
            "Bearer " + ephemeral,
            "Origin",
            "https://evil.example");
    assertThat(other.statusCode()).isEqualTo(401);
    assertThat(other.headers().allValues("WWW-Authenticate")).containsExactly(INVALID);
  }

  @Test
  void callWhenSingleUseKeyUsedTwiceThenSecond401() throws Exception {
    String ephemeral = ephemeral("{\"single_use\":true}");

    assertThat(http.send("GET", "/api/me", "X-API-Key", ephemeral).statusCode()).isEqualTo(200);
    HttpResponse<String> second =
        http.send("GET", "/api/me", "Authorization", "Bearer " + ephemeral);
    assertThat(second.statusCode()).isEqualTo(401);
    assertThat(second.headers().allValues("WWW-Authenticate")).containsExactly(INVALID);
  }

  @Test
  void browserWhenPageUsesEphemeralKeyThen200ThenExpiredOrUsedUp401AndNoLongLivedKeySeen()
      throws Exception {
    try (Chromium browser = new Chromium()) {
      browser.open("http://" + deployment.getHost() + ":" + deployment.getPort() + "/browser/");
      WebElementInput.set(browser, "lifetime", "3");
      browser.click("get");
      int seq = browser.waitForSeq("status", 0);
      assertThat(browser.text("status")).isEqualTo("key ready");
      browser.click("call");
      seq = browser.waitForSeq("status", seq);
      assertThat(browser.text("status")).isEqualTo("200");
      assertThat(browser.text("caller")).isEqualTo("erin");

      Instant expiresAt = Instant.parse(browser.text("expires"));
      Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 500);
      browser.click("call");
      seq = browser.waitForSeq("status", seq);
      assertThat(browser.text("status")).as("after the 3-second lifetime").isEqualTo("401");

      WebElementInput.set(browser, "lifetime", "60");
      browser.click("single");
      browser.click("get");
      seq = browser.waitForSeq("status", seq);
      browser.click("call");
      seq = browser.waitForSeq("status", seq);
      assertThat(browser.text("status")).isEqualTo("200");
      browser.click("call");
      browser.waitForSeq("status", seq);
      assertThat(browser.text("status")).as("a single-use key's second call").isEqualTo("401");

      browser.screenshot("ephemeral-page");
      assertThat(browser.network())
          .anySatisfy(event -> assertThat(event).contains("ek_"))
          .allSatisfy(event -> assertThat(event).doesNotContain(key));
      assertThat(browser.dom()).doesNotContain(key).doesNotContain("ek_");
    }
  }
}
