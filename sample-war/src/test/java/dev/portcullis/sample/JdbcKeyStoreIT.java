package dev.portcullis.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.models.Model;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * The packaged sample WAR on Payara Micro with the {@code jdbc} key store, selected and pointed at
 * a real PostgreSQL server by environment variables only (failsafe execution {@code jdbc-it}). The
 * keys live in the database through the application's DataSource {@code java:app/jdbc/portcullis}.
 * The server needs the database only from the first request on, so it starts after deployment.
 */
@ExtendWith(ArquillianExtension.class)
class JdbcKeyStoreIT {
  private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
  private static final String INVALID_KEY =
      "ApiKey realm=\"api\", error=\"invalid_token\", error_description=\"The API key is invalid\"";
  // cache TTL 10s (arquillian-jdbc.xml); generous for a slow, shared machine
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final int IMPORTED = 10_000;
  private static KeyDatabaseServer database;

  @ArquillianResource private URL deployment;
  private Http http;

  @Deployment(testable = false)
  static WebArchive sampleWar() {
    return SampleWar.imported("ROOT.war");
  }

  @BeforeAll
  static void startDatabase() throws Exception {
    database = KeyDatabaseServer.start(Integer.getInteger("it.postgresPort"));
    database.importKeys(IMPORTED);
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    database.close();
  }

  @BeforeEach
  void client() {
    http = new Http(deployment);
  }

  @Test
  void meWhenKeyInDatabaseThenIdentity() throws Exception {
    String key = KeyDatabaseServer.newKey();
    database.insert(key, "erin", "orders:read", "auditor");

    HttpResponse<String> response = http.send("GET", "/api/me", "X-API-Key", key);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"principal\":\"erin\",\"mechanism\":\"apiKey\",\"authType\":\"ApiKey\","
                + "\"scopes\":[\"orders:read\"],\"roles\":[\"auditor\"]}");
  }

  @Test
  void meWhenKeyToolStoredMetadataInDatabaseThenMeShowsIt() throws Exception {
    String key =
        KeyTool.run(
                "--principal",
                "judy",
                "--scopes",
                "orders:read",
                "--name",
                "Billing export",
                "--tenant",
                "globex",
                "--environment",
                "production",
                "--meta",
                "team=billing",
                "--meta",
                "plan=enterprise",
                "--jdbc-url",
                System.getenv("PORTCULLIS_API_KEYS_JDBC_URL"),
                "--jdbc-user",
                System.getenv("PORTCULLIS_API_KEYS_JDBC_USER"),
                "--jdbc-password-env",
                "PORTCULLIS_API_KEYS_JDBC_PASSWORD")
            .key();

    HttpResponse<String> response = http.send("GET", "/api/me", "Authorization", "Bearer " + key);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"principal\":\"judy\",\"mechanism\":\"apiKey\",\"authType\":\"ApiKey\","
                + "\"scopes\":[\"orders:read\"],\"roles\":[],\"keyName\":\"Billing export\","
                + "\"tenant\":\"globex\",\"environment\":\"production\","
                + "\"keyMetadata\":{\"team\":\"billing\",\"plan\":\"enterprise\"}}");
  }

  @Test
  void meWhenKeyNotInDatabaseThenInvalidToken() throws Exception {
    HttpResponse<String> response =
        http.send("GET", "/api/me", "Authorization", "ApiKey " + KeyDatabaseServer.newKey());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE)).containsExactly(INVALID_KEY);
    assertThat(response.body()).isEqualTo("{\"error\":\"invalid_token\"}");
  }

  @Test
  void meWhenKeyRevokedInDatabaseThenInvalidTokenWithinTtl() throws Exception {
    String key = KeyDatabaseServer.newKey();
    database.insert(key, "frank", "", "");
    assertThat(http.send("GET", "/api/me", "X-API-Key", key).statusCode()).isEqualTo(200);

    database.revoke(key);

    HttpResponse<String> response = pollWhile(key, 200);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues(WWW_AUTHENTICATE)).containsExactly(INVALID_KEY);
  }

  @Test
  void meWhenDatabaseStoppedThenUncachedKeyUnavailableCachedKeyOkAndRecoversAfterRestart()
      throws Exception {
    String cached = KeyDatabaseServer.newKey();
    String uncached = KeyDatabaseServer.newKey();
    database.insert(cached, "grace", "", "");
    database.insert(uncached, "heidi", "", "");
    assertThat(http.send("GET", "/api/me", "X-API-Key", cached).statusCode()).isEqualTo(200);

    database.stop();
    try {
      assertThat(http.send("GET", "/api/me", "X-API-Key", cached).statusCode()).isEqualTo(200);
      HttpResponse<String> down = http.send("GET", "/api/me", "X-API-Key", uncached);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(down.headers().allValues(WWW_AUTHENTICATE)).isEmpty();
      assertThat(down.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
    } finally {
      database.start();
    }

    HttpResponse<String> response = pollWhile(uncached, 503);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("{\"principal\":\"heidi\",");
  }

  @Test
  void modelsWhenImportedKeyAmongTenThousandThenOpenAiSdkListsModels() throws Exception {
    OpenAIClient client =
        OpenAIOkHttpClient.builder()
            .apiKey(KeyDatabaseServer.importedKey(4711))
            .baseUrl("http://" + deployment.getHost() + ":" + deployment.getPort() + "/api/v1")
            .maxRetries(0)
            .build();
    try {
      List<Model> models = client.models().list().data();

      assertThat(models).extracting(Model::ownedBy).containsExactly("customer-4711");
    } finally {
      client.close();
    }
    HttpResponse<String> lookAlike =
        http.send(
            "GET", "/api/me", "Authorization", "Bearer " + KeyDatabaseServer.importedKey(IMPORTED));
    assertThat(lookAlike.statusCode()).isEqualTo(401);
  }

  @Test
  void meWhenKeyMistypedThenRefusedWithoutStoreLookupEvenWithDatabaseDown() throws Exception {
    KeyTool.Made made =
        KeyTool.run(
            "--principal",
            "ivan",
            "--prefix",
            "pc_",
            "--jdbc-url",
            System.getenv("PORTCULLIS_API_KEYS_JDBC_URL"),
            "--jdbc-user",
            System.getenv("PORTCULLIS_API_KEYS_JDBC_USER"),
            "--jdbc-password-env",
            "PORTCULLIS_API_KEYS_JDBC_PASSWORD");
    String key = made.key();
    int at = key.length() - 12;
    String typo =
        key.substring(0, at) + (key.charAt(at) == 'x' ? 'y' : 'x') + key.substring(at + 1);
    String unknown = KeyTool.run("--principal", "nobody").key();

    database.stop();
    try {
      // a lookup would find the database down and answer 503
      HttpResponse<String> mistyped = http.send("GET", "/api/me", "X-API-Key", typo);
      assertThat(mistyped.statusCode()).isEqualTo(401);
      assertThat(mistyped.headers().allValues(WWW_AUTHENTICATE)).containsExactly(INVALID_KEY);
      assertThat(http.send("GET", "/api/me", "X-API-Key", unknown).statusCode()).isEqualTo(503);
    } finally {
      database.start();
    }
    assertThat(pollWhile(key, 503).body()).startsWith("{\"principal\":\"ivan\",");
  }

  @Test
  void adminRotateWhenGraceFiveSecondsThenBothWorkThenOnlyTheNewOne() throws Exception {
    admin().rotateWhenGraceFiveSecondsThenBothWorkThenOnlyTheNewOne();
  }

  @Test
  void adminListWhenKeyUsedThenLastUsedAppearsAfterFlush() throws Exception {
    admin().listWhenKeyUsedThenLastUsedAppearsAfterFlush();
  }

  @Test
  void adminPatchWhenDisabledThenRefusedAndWhenEnabledThenAcceptedAgain() throws Exception {
    admin().patchWhenDisabledThenRefusedAndWhenEnabledThenAcceptedAgain();
  }

  @Test
  void adminEveryOperationWhenRoleMissingThen403AndWithoutCredentialsThen401() throws Exception {
    String user = KeyDatabaseServer.newKey();
    database.insert(user, "user", "orders:read", "");
    admin().everyOperationWhenRoleMissingThen403AndWithoutCredentialsThen401(user);
  }

  @Test
  void adminDeleteWhenKeyRevokedThenRefusedAndUnknownIdIsProblem() throws Exception {
    admin().deleteWhenKeyRevokedThenRefusedAndUnknownIdIsProblem();
  }

  /** The admin API with a new key of the role {@code admin} in the database. */
  private KeyAdmin admin() throws Exception {
    String key = KeyDatabaseServer.newKey();
    database.insert(key, "root", "", "admin");
    return new KeyAdmin(http, key);
  }

  /** Sends the key until the status is no longer {@code status} or the deadline passes. */
  private HttpResponse<String> pollWhile(String key, int status) throws Exception {
    Instant deadline = Instant.now().plus(DEADLINE);
    HttpResponse<String> response = http.send("GET", "/api/me", "X-API-Key", key);
    while (response.statusCode() == status && Instant.now().isBefore(deadline)) {
      Thread.sleep(100); // poll interval, not a wait for the TTL
      response = http.send("GET", "/api/me", "X-API-Key", key);
    }
    return response;
  }
}
