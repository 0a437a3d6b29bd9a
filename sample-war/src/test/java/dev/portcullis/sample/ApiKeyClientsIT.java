package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.models.ModelInfo;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.models.models.Model;
import com.openai.models.models.ModelListPage;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 18: stock AI API clients against the packaged sample on Payara Micro, with a key the real
 * {@code ApiKeyTool} generated (prefix {@code pc_}, with checksum): the official OpenAI Java SDK
 * ({@code Authorization: Bearer}), the Anthropic Java SDK ({@code x-api-key}) and {@code curl -u
 * key:} (Basic) authenticate as the same principal, with zero requests at the authorization server
 * (a real one on loopback, {@link AuthorizationServer}), and {@code /api/me} shows the key's
 * metadata set by the tool. JWTs and opaque tokens on the same endpoint still pass; a key with one
 * character changed is refused with no request there.
 */
@ExtendWith(ArquillianExtension.class)
class ApiKeyClientsIT {
  private static final String INVALID_BEARER =
      "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The API key is invalid\","
          + " resource_metadata=\"http://localhost:8080/.well-known/oauth-protected-resource\"";
  private static final AuthorizationServer SERVER = new AuthorizationServer();
  private static String key;

  @ArquillianResource private URL deployment;
  private Http http;

  @Deployment(testable = false)
  static WebArchive sampleWar() throws Exception {
    new KeyFile().write();
    KeyTool.Made made =
        KeyTool.run(
            "--principal",
            "erin",
            "--scopes",
            "models:read",
            "--name",
            "SDK tests",
            "--tenant",
            "acme",
            "--environment",
            "test",
            "--meta",
            "team=ml",
            "--meta",
            "plan=pro");
    key = made.key();
    Files.writeString(
        Path.of(System.getProperty("it.keyFile")),
        made.fileLine() + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    return SampleWar.imported("ROOT.war");
  }

  @BeforeAll
  static void startAuthorizationServer() {
    SERVER.start();
  }

  @AfterAll
  static void stopAuthorizationServer() {
    SERVER.stop();
  }

  @BeforeEach
  void client() {
    http = new Http(deployment);
  }

  private String base(String path) {
    return "http://" + deployment.getHost() + ":" + deployment.getPort() + path;
  }

  @Test
  void modelsWhenOpenAiSdkWithGeneratedKeyThenListedWithoutAuthorizationServer() {
    int before = SERVER.requests();
    OpenAIClient client =
        OpenAIOkHttpClient.builder().apiKey(key).baseUrl(base("/api/v1")).maxRetries(0).build();
    try {
      HttpResponseFor<ModelListPage> response = client.withRawResponse().models().list();

      assertThat(response.statusCode()).isEqualTo(200);
      List<Model> models = response.parse().data();
      assertThat(models).extracting(Model::id).containsExactly("portcullis-demo");
      assertThat(models.get(0).ownedBy()).isEqualTo("erin");
    } finally {
      client.close();
    }
    assertThat(SERVER.requests()).isEqualTo(before);
  }

  @Test
  void modelsWhenAnthropicSdkSendsXApiKeyThenSamePrincipal() {
    int before = SERVER.requests();
    AnthropicClient client =
        AnthropicOkHttpClient.builder().apiKey(key).baseUrl(base("/api")).maxRetries(0).build();
    try {
      List<ModelInfo> models = client.models().list().data();

      assertThat(models).extracting(ModelInfo::id).containsExactly("portcullis-demo");
      assertThat(models.get(0)._additionalProperties().get("owned_by").convert(String.class))
          .isEqualTo("erin");
    } finally {
      client.close();
    }
    assertThat(SERVER.requests()).isEqualTo(before);
  }

  @Test
  void meWhenCurlBasicWithKeyAsUserThenSamePrincipalWithKeyMetadata() throws Exception {
    Process curl =
        new ProcessBuilder("curl", "-sS", "--max-time", "10", "-u", key + ":", base("/api/me"))
            .redirectErrorStream(true)
            .start();
    String body = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();

    assertThat(body)
        .isEqualTo(
            "{\"principal\":\"erin\",\"mechanism\":\"apiKey\",\"authType\":\"ApiKey\","
                + "\"scopes\":[\"models:read\"],\"roles\":[],\"keyName\":\"SDK tests\","
                + "\"tenant\":\"acme\",\"environment\":\"test\","
                + "\"keyMetadata\":{\"plan\":\"pro\",\"team\":\"ml\"}}");
  }

  @Test
  void modelsWhenKeyInGoogleHeaderOrApiKeySchemeThenSamePrincipal() throws Exception {
    for (String[] transport :
        new String[][] {{"x-goog-api-key", key}, {"Authorization", "ApiKey " + key}}) {
      HttpResponse<String> response = http.send("GET", "/api/v1/models", transport);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).startsWith("{\"object\":\"list\",\"data\":[").contains("erin");
    }
  }

  @Test
  void modelsWhenJwtOrOpaqueTokenThenStillAccepted() throws Exception {
    String jwt = SERVER.jwt("alice", "orders:read", List.of());
    String opaque = SERVER.introspectedToken("bob", "orders:read");

    assertThat(bearer(jwt).statusCode()).isEqualTo(200);
    HttpResponse<String> introspected = bearer(opaque);

    assertThat(introspected.statusCode()).isEqualTo(200);
    assertThat(introspected.body()).contains("\"owned_by\":\"bob\"");
  }

  @Test
  void modelsWhenOneCharacterOfKeyChangedThenInvalidTokenWithoutAuthorizationServer()
      throws Exception {
    int at = key.length() - 10;
    String typo =
        key.substring(0, at) + (key.charAt(at) == 'x' ? 'y' : 'x') + key.substring(at + 1);
    int before = SERVER.requests();

    HttpResponse<String> response = bearer(typo);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(INVALID_BEARER);
    assertThat(SERVER.requests()).isEqualTo(before);
  }

  private HttpResponse<String> bearer(String token) throws IOException, InterruptedException {
    return http.send("GET", "/api/v1/models", "Authorization", "Bearer " + token);
  }
}
