package dev.portcullis.introspection;

import static dev.portcullis.introspection.Fixture.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.AuthResult;
import dev.portcullis.Authenticator;
import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.testing.FakeTime;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SECURITY-CASES "Introspection", first three rows: every authorization server failure is a {@link
 * ServiceUnavailableException} (503), and nothing is cached for it.
 */
class IntrospectionFailureTest {
  private static final String TOKEN = "opaque-token-123";

  private final FakeTime time = new FakeTime();
  private LoopbackAs as;
  private Authenticator authenticator;

  @BeforeEach
  void start() {
    as = LoopbackAs.http();
    Map<String, String> settings = Fixture.settings(as.url("/introspect"));
    settings.put("introspection.readTimeout", "300ms");
    settings.put("introspection.connectTimeout", "300ms");
    settings.put("introspection.maxResponseSize", "1024");
    authenticator = Fixture.create(settings, time);
  }

  @AfterEach
  void stop() {
    authenticator.close();
    as.close();
  }

  @Test
  void authenticateWhenServerAnswers500ThenUnavailableAndNothingCached() throws Exception {
    assertUnavailableThenRecovers(
        LoopbackAs.json(500, "{\"error\":\"server_error\"}"), "answered HTTP 500");
  }

  @Test
  void authenticateWhenServerAnswers503ThenUnavailableAndNothingCached() throws Exception {
    assertUnavailableThenRecovers(LoopbackAs.raw(503, "text/plain", "down"), "answered HTTP 503");
  }

  @Test
  void authenticateWhenServerAnswers429ThenUnavailableAndNothingCached() throws Exception {
    assertUnavailableThenRecovers(
        LoopbackAs.json(429, "{\"error\":\"slow_down\"}"), "answered HTTP 429");
  }

  @Test
  void authenticateWhenServerAnswersHtmlThenUnavailableAndNothingCached() throws Exception {
    assertUnavailableThenRecovers(
        LoopbackAs.raw(200, "text/html", "<html>login</html>"),
        "answered a content type other than application/json");
  }

  @Test
  void authenticateWhenServerAnswersHtmlLabelledJsonThenUnavailable() throws Exception {
    assertUnavailableThenRecovers(
        LoopbackAs.json(200, "<html>login</html>"), "answered malformed JSON");
  }

  @Test
  void authenticateWhenServerAnswersJsonArrayThenUnavailableAndNothingCached() throws Exception {
    assertUnavailableThenRecovers(
        LoopbackAs.json(200, "[{\"active\":true,\"sub\":\"alice\"}]"),
        "answered JSON that is not an object");
  }

  @Test
  void authenticateWhenServerAnswersTruncatedJsonThenUnavailableAndNothingCached()
      throws Exception {
    assertUnavailableThenRecovers(
        LoopbackAs.json(200, "{\"active\":true,\"sub\":\"ali"), "answered malformed JSON");
  }

  @Test
  void authenticateWhenBodyIsShorterThanContentLengthThenUnavailable() throws Exception {
    assertUnavailableThenRecovers(
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, 100);
          exchange.getResponseBody().write("{\"active\":true".getBytes());
        },
        "is unreachable");
  }

  @Test
  void authenticateWhenDeclaredBodyIsOverCapThenUnavailableAndNothingCached() throws Exception {
    assertUnavailableThenRecovers(
        LoopbackAs.json(200, Fixture.active(time, 60, "\"pad\":\"" + "x".repeat(2000) + "\"")),
        "answered more than 1024 bytes");
  }

  @Test
  void authenticateWhenStreamedBodyIsOverCapThenUnavailableWithoutReadingItAll() throws Exception {
    assertUnavailableThenRecovers(
        LoopbackAs.chunked(64L * 1024 * 1024), "answered more than 1024 bytes");
  }

  @Test
  void authenticateWhenServerRedirectsThenNotFollowedAndUnavailable() throws Exception {
    assertUnavailableThenRecovers(
        exchange -> {
          exchange.getResponseHeaders().set("Location", as.url("/elsewhere"));
          exchange.sendResponseHeaders(302, -1);
        },
        "answered a redirect (HTTP 302), which is not followed");
    assertThat(as.calls()).isEqualTo(2);
  }

  @Test
  void authenticateWhenServerStallsThenUnavailableWithinTimeout() throws Exception {
    long start = System.nanoTime();
    assertUnavailableThenRecovers(as.stalled(), "timed out");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void authenticateWhenConnectionRefusedThenUnavailable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (Authenticator closed =
        Fixture.create(Fixture.settings("http://127.0.0.1:" + port + "/introspect"), time)) {
      assertThatThrownBy(() -> closed.authenticate(bearer(TOKEN)))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("unreachable")
          .hasMessageNotContaining(TOKEN);
    }
  }

  @Test
  void authenticateWhenClientCredentialsRejectedWith401ThenUnavailableAndConfigurationLogged()
      throws Exception {
    assertCredentialsRejectedLogged(401);
  }

  @Test
  void authenticateWhenClientCredentialsRejectedWith403ThenUnavailableAndConfigurationLogged()
      throws Exception {
    assertCredentialsRejectedLogged(403);
  }

  @Test
  void authenticateWhenMoreCallsInFlightThanAllowedThenUnavailableAtOnce() throws Exception {
    Map<String, String> settings = Fixture.settings(as.url("/introspect"));
    settings.put("introspection.maxConcurrentCalls", "1");
    settings.put("introspection.readTimeout", "10s");
    as.answer(as.stalled());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (Authenticator limited = Fixture.create(settings, time)) {
      Future<AuthResult> first = pool.submit(() -> limited.authenticate(bearer("first-token")));
      while (as.calls() == 0) {
        Thread.onSpinWait();
      }
      long start = System.nanoTime();
      assertThatThrownBy(() -> limited.authenticate(bearer("second-token")))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageEndingWith("already has 1 calls in flight");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
      as.answer(LoopbackAs.json(200, Fixture.active(time, 60, "")));
      as.release();
      assertThatThrownBy(() -> first.get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(ServiceUnavailableException.class);
      assertThat(limited.authenticate(bearer("second-token")))
          .isInstanceOf(AuthResult.Authenticated.class);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void authenticateWhenClosedThenUnavailable() {
    authenticator.close();
    assertThatThrownBy(() -> authenticator.authenticate(bearer(TOKEN)))
        .isInstanceOf(ServiceUnavailableException.class);
    assertThat(as.calls()).isZero();
  }

  @Test
  void authenticateWhenExpIsNotANumberThenUnavailable() throws Exception {
    assertUnavailableThenRecovers(
        LoopbackAs.json(
            200, "{\"active\":true,\"sub\":\"alice\",\"aud\":\"orders\",\"exp\":\"tomorrow\"}"),
        "answered a malformed exp member");
  }

  @Test
  void authenticateWhenActiveIsDuplicatedThenUnavailable() throws Exception {
    assertUnavailableThenRecovers(
        LoopbackAs.json(200, "{\"active\":false,\"active\":true,\"sub\":\"alice\"}"),
        "answered malformed JSON");
  }

  private void assertCredentialsRejectedLogged(int status) throws Exception {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Logger logger = Logger.getLogger(IntrospectionClient.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      assertUnavailableThenRecovers(
          LoopbackAs.json(status, "{\"error\":\"invalid_client\"}"),
          "refused this resource server's client credentials");
    } finally {
      logger.removeHandler(handler);
    }
    assertThat(records).hasSize(1);
    assertThat(records.get(0).getLevel()).isEqualTo(java.util.logging.Level.SEVERE);
    assertThat(records.get(0).getMessage())
        .isEqualTo(
            "Introspection endpoint "
                + as.url("/introspect")
                + " refused this resource server's client credentials (HTTP "
                + status
                + "); check introspection.clientId, introspection.clientSecret and"
                + " introspection.clientAuthentication. The token presented by the client was"
                + " not judged")
        .doesNotContain(TOKEN)
        .doesNotContain(Fixture.CLIENT_SECRET);
  }

  private void assertUnavailableThenRecovers(LoopbackAs.Answer failure, String message)
      throws Exception {
    as.answer(failure);
    assertThatThrownBy(() -> authenticator.authenticate(bearer(TOKEN)))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining(message)
        .hasMessageNotContaining(TOKEN)
        .hasMessageNotContaining(Fixture.CLIENT_SECRET);
    as.release();
    as.answer(LoopbackAs.json(200, Fixture.active(time, 60, "")));
    AuthResult result = authenticator.authenticate(bearer(TOKEN));
    assertThat(result).isInstanceOf(AuthResult.Authenticated.class);
    assertThat(as.calls()).isEqualTo(2);
  }
}
