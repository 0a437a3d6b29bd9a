package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.Identity;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.Initializing;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apiKey mechanism through the whole filter, with a real key file and fake time. */
class ApiKeyFilterTest {
  static final String ALICE = "pc_ec1903ce1d43aa67_x4KAVCkXNzQ9xRSIDuZyqh882eJ7vldJFvy0Az7coek";
  static final String ALICE_LINE =
      "ec1903ce1d43aa67=hash=sha256:ys6nlsDSZXrvWdgGQhOdCKX3WN5MLfNIOz3jJL79Rgg;principal=alice;"
          + "scopes=orders:read orders:write;roles=admin";
  static final String CAROL = "pc_3d0e436378c51b6d_5E992Tylhg8yPIjXySpZIjZuoJI-smtaJ4C3W0p3u_o";
  static final String CAROL_REVOKED =
      "3d0e436378c51b6d=hash=sha256:ShW26x5VkvQfoyGGTf-343s2PCXBIC4FDCQ5N5T-f3Y;principal=carol;"
          + "revoked=true";
  static final String PLAIN = "ApiKey realm=\"api\"";
  static final String INVALID =
      "ApiKey realm=\"api\", error=\"invalid_token\", error_description=\"The API key is invalid\"";
  static final String TWO_KEYS =
      "ApiKey realm=\"api\", error=\"invalid_request\","
          + " error_description=\"The request carries more than one API key\"";

  @TempDir Path dir;
  Path keys;
  final FakeTime time = new FakeTime();
  AuthenticationFilter filter;

  @BeforeEach
  void setUp() throws Exception {
    keys = dir.resolve("keys.properties");
    Files.writeString(keys, ALICE_LINE + "\n" + CAROL_REVOKED + "\n");
    filter = start(new FakeFilterConfig());
  }

  private AuthenticationFilter start(FakeFilterConfig config) throws ServletException {
    config
        .param("mechanisms", "apiKey")
        .param("apiKey.file", keys.toString())
        .param("apiKey.cacheTtl", "30s")
        .param("apiKey.negativeCacheTtl", "5s")
        .param("apiKey.reloadInterval", "1s");
    AuthenticationFilter f = AuthenticationFilter.builder().time(time, time).build();
    Initializing.initialize(f, config);
    return f;
  }

  private FakeResponse call(FakeRequest request, RecordingChain chain)
      throws IOException, ServletException {
    FakeResponse response = new FakeResponse();
    filter.doFilter(request.build(), response.servlet(), chain);
    return response;
  }

  private FakeResponse call(FakeRequest request) throws IOException, ServletException {
    return call(request, new RecordingChain());
  }

  @Test
  void doFilterWhenKeyInHeaderThenIdentityPassedOn() throws Exception {
    RecordingChain chain = new RecordingChain();
    FakeResponse response = call(FakeRequest.get("/api/me").header("X-API-Key", ALICE), chain);

    assertThat(response.status()).isEqualTo(200);
    HttpServletRequest passed = (HttpServletRequest) chain.request();
    assertThat(passed.getRemoteUser()).isEqualTo("alice");
    assertThat(passed.getAuthType()).isEqualTo("ApiKey");
    assertThat(passed.isUserInRole("admin")).isTrue();
    Identity identity = (Identity) passed.getAttribute(Identity.REQUEST_ATTRIBUTE);
    assertThat(identity.scopes()).containsExactly("orders:read", "orders:write");
    assertThat(identity.attributes()).containsEntry("keyId", "ec1903ce1d43aa67");
  }

  @Test
  void doFilterWhenPassedThenVaryNamesEveryHeaderAKeyIsReadFrom() throws Exception {
    assertThat(call(FakeRequest.get("/a").header("X-API-Key", ALICE)).headers("Vary"))
        .containsExactly("Authorization, X-API-Key, api-key, x-goog-api-key");

    filter =
        start(new FakeFilterConfig().param("apiKey.header", "X-Key").param("required", "false"));
    assertThat(call(FakeRequest.get("/a").header("X-Key", ALICE)).headers("Vary"))
        .containsExactly("Authorization, X-Key");
    assertThat(call(FakeRequest.get("/a")).headers("Vary"))
        .as("an anonymous answer varies by the key too")
        .containsExactly("Authorization, X-Key");
  }

  @Test
  void doFilterWhenRefusedThenNoStoreAndNoVary() throws Exception {
    FakeResponse response = call(FakeRequest.get("/a").header("X-API-Key", CAROL));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.headers("Vary")).isEmpty();
  }

  @Test
  void doFilterWhenKeyInAuthorizationWithAnySchemeCaseThenAccepted() throws Exception {
    for (String scheme : List.of("ApiKey", "apikey", "APIKEY")) {
      FakeResponse response =
          call(FakeRequest.get("/api/me").header("Authorization", scheme + " " + ALICE));
      assertThat(response.status()).as(scheme).isEqualTo(200);
    }
  }

  @Test
  void doFilterWhenNoKeyThenPlainChallenge() throws Exception {
    FakeResponse response = call(FakeRequest.get("/api/me"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(PLAIN);
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.body()).isEqualTo("{\"error\":\"unauthorized\"}");
  }

  @Test
  void doFilterWhenUnknownRevokedExpiredOrCaseChangedKeyThenSameInvalidToken() throws Exception {
    Files.writeString(
        keys,
        ALICE_LINE.replace("roles=admin", "roles=admin;expires=2025-01-01T00:00:00Z")
            + "\n"
            + CAROL_REVOKED
            + "\n");
    filter = start(new FakeFilterConfig());
    String unknown = "pc_0000000000000000_x4KAVCkXNzQ9xRSIDuZyqh882eJ7vldJFvy0Az7coek";
    String caseChanged = ALICE.replace("x4KAV", "X4KAV");
    for (String key : List.of(unknown, CAROL, ALICE, caseChanged, "not-a-portcullis-key")) {
      FakeResponse response = call(FakeRequest.get("/api/me").header("X-API-Key", key));
      assertThat(response.status()).as(key).isEqualTo(401);
      assertThat(response.headers("WWW-Authenticate")).as(key).containsExactly(INVALID);
      assertThat(response.body()).isEqualTo("{\"error\":\"invalid_token\"}");
    }
  }

  @Test
  void doFilterWhenTwoKeyHeadersThenBadRequest() throws Exception {
    FakeResponse response =
        call(FakeRequest.get("/api/me").header("X-API-Key", ALICE).header("X-API-Key", CAROL));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(TWO_KEYS);
  }

  @Test
  void doFilterWhenCommaJoinedKeysThenBadRequest() throws Exception {
    FakeResponse response =
        call(FakeRequest.get("/api/me").header("X-API-Key", ALICE + "," + CAROL));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(TWO_KEYS);
  }

  @Test
  void doFilterWhenKeyInAuthorizationAndHeaderThenBadRequest() throws Exception {
    FakeResponse response =
        call(
            FakeRequest.get("/api/me")
                .header("Authorization", "ApiKey " + ALICE)
                .header("X-API-Key", ALICE));

    assertThat(response.status()).isEqualTo(400);
  }

  @Test
  void doFilterWhenKeyOnlyInQueryAndQueryOffThenIgnored() throws Exception {
    FakeResponse response = call(FakeRequest.get("/api/me").query("api_key=" + ALICE));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(PLAIN);
  }

  @Test
  void doFilterWhenQueryEnabledThenQueryKeyAcceptedAndHeaderPlusQueryRefused() throws Exception {
    filter = start(new FakeFilterConfig().param("apiKey.queryParameter", "api_key"));

    assertThat(call(FakeRequest.get("/api/me").query("api_key=" + ALICE)).status()).isEqualTo(200);
    FakeResponse both =
        call(FakeRequest.get("/api/me").query("api_key=" + ALICE).header("X-API-Key", ALICE));
    assertThat(both.status()).isEqualTo(400);
    assertThat(both.headers("WWW-Authenticate")).containsExactly(TWO_KEYS);
  }

  @Test
  void doFilterWhenOverlongKeyThenInvalidWithoutReflectingIt() throws Exception {
    String huge = "A".repeat(64 * 1024);
    FakeResponse response = call(FakeRequest.get("/api/me").header("X-API-Key", huge));

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID);
    assertThat(response.body()).doesNotContain("AAAA");
  }

  @Test
  void doFilterWhenKeyRevokedInFileThenRefusedAfterReloadInterval() throws Exception {
    assertThat(call(FakeRequest.get("/api/me").header("X-API-Key", ALICE)).status()).isEqualTo(200);

    Files.writeString(keys, ALICE_LINE + ";revoked=true\n");
    Files.setLastModifiedTime(keys, FileTime.from(Instant.now().plusSeconds(10)));
    assertThat(call(FakeRequest.get("/api/me").header("X-API-Key", ALICE)).status())
        .as("cached positive verdict still valid")
        .isEqualTo(200);

    time.advance(Duration.ofSeconds(31));
    FakeResponse response = call(FakeRequest.get("/api/me").header("X-API-Key", ALICE));
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID);
  }

  @Test
  void doFilterWhenFileChangesThenCacheInvalidatedAtOnce() throws Exception {
    assertThat(call(FakeRequest.get("/api/me").header("X-API-Key", ALICE)).status()).isEqualTo(200);
    Files.writeString(keys, ALICE_LINE + ";revoked=true\n");
    Files.setLastModifiedTime(keys, FileTime.from(Instant.now().plusSeconds(10)));
    time.advance(Duration.ofSeconds(2));

    // a miss for another key triggers the reload check, which drops every cached verdict
    call(FakeRequest.get("/api/me").header("X-API-Key", CAROL));
    assertThat(call(FakeRequest.get("/api/me").header("X-API-Key", ALICE)).status()).isEqualTo(401);
  }

  @Test
  void doFilterWhenFileBecomesMalformedThenLastGoodKeysKept() throws Exception {
    Files.writeString(keys, "ec1903ce1d43aa67=garbage\n");
    Files.setLastModifiedTime(keys, FileTime.from(Instant.now().plusSeconds(10)));
    time.advance(Duration.ofSeconds(2));

    assertThat(call(FakeRequest.get("/api/me").header("X-API-Key", ALICE)).status()).isEqualTo(200);
  }

  @Test
  void doFilterWhenScopeMissingThenInsufficientScopeOnApiKeyChallenge() throws Exception {
    filter = start(new FakeFilterConfig().param("requiredScopes", "orders:delete"));

    FakeResponse response = call(FakeRequest.get("/api/me").header("X-API-Key", ALICE));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.headers("WWW-Authenticate"))
        .containsExactly(
            "ApiKey realm=\"api\", error=\"insufficient_scope\", scope=\"orders:delete\"");
  }

  @Test
  void initWhenKeyFileMissingThenFailsNamingKeyAndPath() {
    FakeFilterConfig config =
        new FakeFilterConfig()
            .param("mechanisms", "apiKey")
            .param("apiKey.file", dir.resolve("absent").toString());

    assertThatThrownBy(() -> Initializing.initialize(new AuthenticationFilter(), config))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("apiKey.file")
        .hasMessageContaining("[" + dir.resolve("absent") + "]");
  }

  @Test
  void initWhenKeyFileMalformedThenFailsNamingKeyId() throws Exception {
    Files.writeString(keys, "ec1903ce1d43aa67=hash=md5:abc;principal=alice\n");
    FakeFilterConfig config =
        new FakeFilterConfig().param("mechanisms", "apiKey").param("apiKey.file", keys.toString());

    assertThatThrownBy(() -> Initializing.initialize(new AuthenticationFilter(), config))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("ec1903ce1d43aa67");
  }

  @Test
  void initWhenShortPepperThenFailsWithoutEchoingIt() {
    FakeFilterConfig config =
        new FakeFilterConfig()
            .param("mechanisms", "apiKey")
            .param("apiKey.file", keys.toString())
            .param("apiKey.pepper", "tooShortSecret");

    assertThatThrownBy(() -> Initializing.initialize(new AuthenticationFilter(), config))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("apiKey.pepper")
        .hasMessageNotContaining("tooShortSecret");
  }

  @Test
  void initWhenUnknownStoreThenFailsListingAvailable() {
    FakeFilterConfig config =
        new FakeFilterConfig().param("mechanisms", "apiKey").param("apiKey.store", "ldap");

    assertThatThrownBy(() -> Initializing.initialize(new AuthenticationFilter(), config))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("[ldap]")
        .hasMessageContaining("apiKey.store")
        .hasMessageContaining("file");
  }
}
