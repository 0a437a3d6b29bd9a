package dev.portcullis.introspection;

import static dev.portcullis.introspection.Fixture.active;
import static dev.portcullis.introspection.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.AuthError;
import dev.portcullis.AuthResult;
import dev.portcullis.AuthenticationRequest;
import dev.portcullis.Authenticator;
import dev.portcullis.Authorization;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes over the wire: token syntax checks first, exact form encoding, client auth. */
class IntrospectionRequestTest {
  private final FakeTime time = new FakeTime();
  private LoopbackAs as;
  private Map<String, String> settings;

  @BeforeEach
  void start() {
    as = LoopbackAs.http();
    settings = Fixture.settings(as.url("/introspect"));
    as.answer(LoopbackAs.json(200, active(time, 300, "")));
  }

  @AfterEach
  void stop() {
    as.close();
  }

  @Test
  void authenticateWhenTokenHasPlusSlashEqualsThenServerReceivesExactToken() throws Exception {
    String token = "ab+c/d+/ef==";
    try (Authenticator authenticator = Fixture.create(settings, time)) {
      assertThat(authenticator.authenticate(bearer(token)))
          .isInstanceOf(AuthResult.Authenticated.class);
    }
    assertThat(as.lastBody())
        .isEqualTo("token=ab%2Bc%2Fd%2B%2Fef%3D%3D&token_type_hint=access_token");
    assertThat(as.lastForm())
        .containsExactly(Map.entry("token", token), Map.entry("token_type_hint", "access_token"));
  }

  @Test
  void introspectWhenTokenHasAmpersandAndPercentThenServerReceivesExactToken() throws Exception {
    // The authenticator refuses & and % (not token68) before any call; the client still encodes
    // every character exactly.
    String token = "a+b/c=d&e%25f=";
    IntrospectionClient client =
        new IntrospectionClient(
            IntrospectionSettings.from(
                dev.portcullis.config.Config.of(settings, n -> null).child("introspection")),
            JsonReaders.create());
    client.introspect(token);
    assertThat(as.lastForm()).containsEntry("token", token);
  }

  @Test
  void authenticateWhenClientSecretBasicThenIdAndSecretFormEncodedBeforeBase64() throws Exception {
    try (Authenticator authenticator = Fixture.create(settings, time)) {
      authenticator.authenticate(bearer("token"));
    }
    String expected =
        Base64.getEncoder()
            .encodeToString(
                "resource-server:s3cret%3A%2B%2F%3D%26%25".getBytes(StandardCharsets.UTF_8));
    assertThat(as.lastHeaders().get("Authorization")).containsExactly("Basic " + expected);
    assertThat(as.lastHeaders().get("Accept")).containsExactly("application/json");
    assertThat(as.lastHeaders().getFirst("Content-Type"))
        .isEqualTo("application/x-www-form-urlencoded");
  }

  @Test
  void authenticateWhenClientSecretPostThenCredentialsInFormAndNoAuthorization() throws Exception {
    settings.put("introspection.clientAuthentication", "client_secret_post");
    try (Authenticator authenticator = Fixture.create(settings, time)) {
      authenticator.authenticate(bearer("token"));
    }
    assertThat(as.lastHeaders().containsKey("Authorization")).isFalse();
    assertThat(as.lastForm())
        .containsExactly(
            Map.entry("token", "token"),
            Map.entry("token_type_hint", "access_token"),
            Map.entry("client_id", Fixture.CLIENT_ID),
            Map.entry("client_secret", Fixture.CLIENT_SECRET));
  }

  @Test
  void authenticateWhenTokenLongerThanCapThenMalformedWithoutCall() throws Exception {
    try (Authenticator authenticator = Fixture.create(settings, time)) {
      assertThat(authenticator.authenticate(bearer("a".repeat(64 * 1024))))
          .isEqualTo(AuthResult.rejected(AuthError.invalidToken("The access token is malformed")));
      assertThat(authenticator.authenticate(bearer("a".repeat(8192))))
          .isInstanceOf(AuthResult.Authenticated.class);
    }
    assertThat(as.calls()).isEqualTo(1);
  }

  @Test
  void authenticateWhenTokenNotToken68ThenMalformedWithoutCall() throws Exception {
    try (Authenticator authenticator = Fixture.create(settings, time)) {
      for (String token : List.of("a&b", "a%20b", "a=b", "=", "tökén", "a\"b", "a;b")) {
        assertThat(authenticator.authenticate(bearer(token)))
            .as(token)
            .isEqualTo(
                AuthResult.rejected(AuthError.invalidToken("The access token is malformed")));
      }
    }
    assertThat(as.calls()).isZero();
  }

  @Test
  void authenticateWhenOtherSchemeThenNotAttemptedAndNoSource() throws Exception {
    AuthenticationRequest basic =
        new AuthenticationRequest(
            FakeRequest.get("/api").header("Authorization", "Basic abc").build(),
            new Authorization("Basic", "abc"));
    try (Authenticator authenticator = Fixture.create(settings, time)) {
      assertThat(authenticator.presentedSources(basic)).isEmpty();
      assertThat(authenticator.presentedSources(bearer("x"))).containsExactly("authorization");
      assertThat(authenticator.authenticate(basic)).isEqualTo(AuthResult.notAttempted());
    }
    assertThat(as.calls()).isZero();
  }

  @Test
  void authenticateWhen100ConcurrentRequestsWithSameNewTokenThenOneCall() throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    LoopbackAs.Answer ok = LoopbackAs.json(200, active(time, 300, ""));
    as.answer(
        exchange -> {
          try {
            held.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ok.write(exchange);
        });
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try (Authenticator authenticator = Fixture.create(settings, time)) {
      CountDownLatch ready = new CountDownLatch(100);
      List<Future<AuthResult>> results = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        results.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  return authenticator.authenticate(bearer("fresh-token"));
                }));
      }
      ready.await();
      held.countDown();
      for (Future<AuthResult> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(AuthResult.Authenticated.class);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(as.calls()).isEqualTo(1);
  }
}
