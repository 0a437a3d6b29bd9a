package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.EphemeralKeys;
import dev.portcullis.Fingerprint;
import dev.portcullis.Identity;
import dev.portcullis.grid.Grid;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.LogCapture;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.Initializing;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ephemeral keys through the whole filter: minted for alice, accepted like any key, fake time. */
class EphemeralKeyFilterTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef";
  static final String EXPIRED =
      "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The API key has expired\"";
  static final String INVALID =
      "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The API key is invalid\"";

  @TempDir Path dir;
  final FakeTime time = new FakeTime();
  final FakeFilterConfig config = new FakeFilterConfig();
  final LogCapture log = LogCapture.start();
  AuthenticationFilter filter;
  Identity alice;

  @BeforeEach
  void setUp() throws Exception {
    Path keys = dir.resolve("keys.properties");
    Files.writeString(keys, ApiKeyFilterTest.ALICE_LINE + "\n");
    config
        .param("mechanisms", "apiKey")
        .param("apiKey.file", keys.toString())
        .param("apiKey.schemes", "ApiKey,Bearer")
        .param("apiKey.ephemeralSecret", SECRET)
        .param("apiKey.ephemeralMaxLifetime", "5m");
    filter = AuthenticationFilter.builder().time(time, time).build();
    Initializing.initialize(filter, config);
    alice = passed(FakeRequest.get("/a").header("X-API-Key", ApiKeyFilterTest.ALICE));
  }

  @AfterEach
  void stop() {
    log.close();
  }

  private EphemeralKeys minter() {
    return (EphemeralKeys) config.getServletContext().getAttribute(EphemeralKeys.CONTEXT_ATTRIBUTE);
  }

  private String mint(EphemeralKeys.Request request) {
    return minter().mint(alice, request).value();
  }

  private FakeResponse call(FakeRequest request, RecordingChain chain) throws Exception {
    FakeResponse response = new FakeResponse();
    filter.doFilter(request.build(), response.servlet(), chain);
    return response;
  }

  private FakeResponse bearer(String key) throws Exception {
    return call(
        FakeRequest.get("/a").header("Authorization", "Bearer " + key), new RecordingChain());
  }

  private Identity passed(FakeRequest request) throws Exception {
    RecordingChain chain = new RecordingChain();
    assertThat(call(request, chain).status()).isEqualTo(200);
    return (Identity)
        ((HttpServletRequest) chain.request()).getAttribute(Identity.REQUEST_ATTRIBUTE);
  }

  @Test
  void doFilterWhenEphemeralKeyAsBearerThenParentPrincipalAndNarrowedScopesWithoutRoles()
      throws Exception {
    String key = mint(new EphemeralKeys.Request(Set.of("orders:read"), null, false, null));

    Identity identity = passed(FakeRequest.get("/a").header("Authorization", "Bearer " + key));

    assertThat(key).startsWith("ek_");
    assertThat(identity.getName()).isEqualTo("alice");
    assertThat(identity.scopes()).containsExactly("orders:read");
    assertThat(identity.roles()).isEmpty();
    assertThat(identity.attributes())
        .containsEntry(EphemeralKeys.PARENT_ATTRIBUTE, alice.fingerprint().orElseThrow());
    assertThat(identity.expiresAt()).contains(time.instant().plusSeconds(60));
  }

  @Test
  void doFilterWhenEphemeralKeyInKeyHeadersThenAccepted() throws Exception {
    String key = mint(EphemeralKeys.Request.DEFAULTS);

    for (String header : new String[] {"X-API-Key", "x-goog-api-key", "api-key"}) {
      assertThat(passed(FakeRequest.get("/a").header(header, key)).scopes())
          .containsExactly("orders:read", "orders:write");
    }
    assertThat(passed(FakeRequest.get("/a").header("Authorization", "ApiKey " + key)).getName())
        .isEqualTo("alice");
  }

  @Test
  void doFilterWhenExpiresAtReachedThen401Expired() throws Exception {
    String key = mint(new EphemeralKeys.Request(null, Duration.ofSeconds(3), false, null));
    time.advance(Duration.ofMillis(2999));
    assertThat(bearer(key).status()).isEqualTo(200);

    time.advance(Duration.ofMillis(1));
    FakeResponse response = bearer(key);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate")).containsExactly(EXPIRED);
  }

  @Test
  void doFilterWhenSingleUseKeyUsedTwiceThenSecond401() throws Exception {
    String key = mint(new EphemeralKeys.Request(null, null, true, null));

    assertThat(bearer(key).status()).isEqualTo(200);
    FakeResponse second = bearer(key);

    assertThat(second.status()).isEqualTo(401);
    assertThat(second.headers("WWW-Authenticate")).containsExactly(INVALID);
  }

  @Test
  void doFilterWhenSingleUseKeyUsedThenMarkIsInTheFiltersGrid() throws Exception {
    String key = mint(new EphemeralKeys.Request(null, null, true, null));
    String nonce =
        new EphemeralKeyFormat("ek_", SECRET.getBytes()).decode(key).orElseThrow().nonce();
    Grid grid = Grid.of(config.getServletContext(), config.getFilterName()).orElseThrow();

    assertThat(bearer(key).status()).isEqualTo(200);

    assertThat(grid.firstUse(EphemeralKeyCheck.SPACE, nonce, Duration.ofMinutes(5).plusSeconds(1)))
        .as("another node sharing the grid sees the key used")
        .isFalse();
  }

  @Test
  void doFilterWhenSingleUseKeyMarkedByAnotherNodeThen401() throws Exception {
    String key = mint(new EphemeralKeys.Request(null, null, true, null));
    String nonce =
        new EphemeralKeyFormat("ek_", SECRET.getBytes()).decode(key).orElseThrow().nonce();
    Grid.of(config.getServletContext(), config.getFilterName())
        .orElseThrow()
        .firstUse(EphemeralKeyCheck.SPACE, nonce, Duration.ofMinutes(5).plusSeconds(1));

    assertThat(bearer(key).headers("WWW-Authenticate")).containsExactly(INVALID);
  }

  @Test
  void doFilterWhenSingleUseKeyOutlivesThisNodesCapThen401() throws Exception {
    EphemeralKeyFormat same = new EphemeralKeyFormat("ek_", SECRET.getBytes());
    String key =
        same.encode(
            new EphemeralClaims(
                EphemeralKeyFormat.nonce(),
                time.instant().plus(Duration.ofMinutes(5)).plusSeconds(1),
                true,
                "x",
                "alice",
                Set.of(),
                null));

    assertThat(bearer(key).headers("WWW-Authenticate")).containsExactly(INVALID);
  }

  @Test
  void doFilterWhenSingleUseKeyRefusedForOriginThenNotUsedUp() throws Exception {
    String key = mint(new EphemeralKeys.Request(null, null, true, "https://app.example"));

    assertThat(bearer(key).status()).isEqualTo(401);
    assertThat(
            call(
                    FakeRequest.get("/a")
                        .header("Authorization", "Bearer " + key)
                        .header("Origin", "https://app.example"),
                    new RecordingChain())
                .status())
        .isEqualTo(200);
  }

  @Test
  void doFilterWhenOriginBoundThenOnlyThatExactOrigin() throws Exception {
    String key = mint(new EphemeralKeys.Request(null, null, false, "HTTPS://App.Example:443"));

    for (String other :
        new String[] {"https://evil.example", "http://app.example", "https://app.example:8443"}) {
      FakeResponse response =
          call(
              FakeRequest.get("/a")
                  .header("Authorization", "Bearer " + key)
                  .header("Origin", other),
              new RecordingChain());
      assertThat(response.status()).as(other).isEqualTo(401);
      assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID);
    }
    assertThat(bearer(key).status()).as("no Origin at all").isEqualTo(401);
    assertThat(
            passed(
                    FakeRequest.get("/a")
                        .header("Authorization", "Bearer " + key)
                        .header("Origin", "https://app.example"))
                .getName())
        .isEqualTo("alice");
  }

  @Test
  void doFilterWhenAnyCharacterChangedThen401Invalid() throws Exception {
    String key = mint(EphemeralKeys.Request.DEFAULTS);

    for (int i = 3; i < key.length(); i += 7) {
      char c = key.charAt(i);
      String changed = key.substring(0, i) + (c == 'A' ? 'B' : 'A') + key.substring(i + 1);
      FakeResponse response = bearer(changed);
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.headers("WWW-Authenticate")).containsExactly(INVALID);
    }
  }

  @Test
  void doFilterWhenMintedWithAnotherSecretThen401Invalid() throws Exception {
    EphemeralKeyFormat other =
        new EphemeralKeyFormat("ek_", "another secret of thirty-two bytes!!".getBytes());
    String forged =
        other.encode(
            new EphemeralClaims(
                EphemeralKeyFormat.nonce(),
                time.instant().plusSeconds(60),
                false,
                "x",
                "alice",
                Set.of("orders:write"),
                null));

    assertThat(bearer(forged).headers("WWW-Authenticate")).containsExactly(INVALID);
  }

  @Test
  void doFilterWhenEphemeralKeyRefusedThenAuditLineNamesParentFingerprint() throws Exception {
    String key = mint(new EphemeralKeys.Request(null, Duration.ofSeconds(1), false, null));
    time.advance(Duration.ofSeconds(1));
    log.clear();

    bearer(key);

    assertThat(log.lines().stream().filter(l -> l.contains("event=refused")))
        .singleElement()
        .asString()
        .contains("reason=expired", "credential=sha256:" + alice.fingerprint().orElseThrow())
        .doesNotContain(key);
    assertThat(alice.fingerprint().orElseThrow())
        .isEqualTo(
            Fingerprint.forLog(Fingerprint.of(ApiKeyHasher.sha256().hash(ApiKeyFilterTest.ALICE))));
  }

  @Test
  void mintWhenCallerHoldsEphemeralKeyThen403() throws Exception {
    Identity ephemeral =
        passed(
            FakeRequest.get("/a")
                .header("Authorization", "Bearer " + mint(EphemeralKeys.Request.DEFAULTS)));

    assertThatThrownBy(() -> minter().mint(ephemeral, EphemeralKeys.Request.DEFAULTS))
        .isInstanceOfSatisfying(
            EphemeralKeys.Refused.class, e -> assertThat(e.error().status()).isEqualTo(403));
  }

  @Test
  void destroyWhenFilterStoppedThenMinterUnregistered() {
    filter.destroy();

    assertThat(minter()).isNull();
  }
}
