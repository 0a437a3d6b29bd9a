package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Fingerprint;
import dev.portcullis.config.Metrics;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.LogCapture;
import dev.portcullis.testing.RecordingMetrics;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One audit line per refusal and per 503, a decision counter per outcome, no credential logged. */
class AuditTest {
  private static final String TOKEN = "SECRET-TOKEN-4711";
  private static final String PRINT = "sha256:" + Fingerprint.forLog(Fingerprint.of(TOKEN));

  private final LogCapture log = LogCapture.start();
  private final RecordingMetrics metrics = new RecordingMetrics();

  @AfterEach
  void stop() {
    log.close();
  }

  private AuthenticationFilter start(String... keyValues) throws ServletException {
    AuthenticationFilter filter =
        Exchange.start(AuthenticationFilter.builder().metrics(metrics).build(), keyValues);
    log.clear();
    return filter;
  }

  @Test
  void doFilterWhenTokenRefusedThenOneLineWithFingerprintNotToken() throws ServletException {
    AuthenticationFilter filter = start("mechanisms", "fakeBearer");

    Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer " + TOKEN));

    assertThat(log.lines())
        .containsExactly(
            "INFO dev.portcullis.audit: event=refused filter=test status=401 mechanism=fakeBearer"
                + " reason=invalid_token credential="
                + PRINT
                + " error=invalid_token client=127.0.0.1 path=/a");
    assertThat(metrics.counters())
        .containsEntry(
            "decisions{mechanism=fakeBearer, outcome=refused, reason=invalid_token}", 1L);
  }

  @Test
  void doFilterWhenNoCredentialThenPipelineRefusalWithoutFingerprint() throws ServletException {
    AuthenticationFilter filter = start("mechanisms", "fakeBearer");

    Exchange.run(filter, FakeRequest.get("/a").remoteAddr("192.0.2.7"));

    assertThat(log.messages(Audit.LOGGER))
        .containsExactly(
            "event=refused filter=test status=401 mechanism=pipeline reason=no_credentials"
                + " credential=none error=none client=192.0.2.7 path=/a");
  }

  @Test
  void doFilterWhenBackEndDownThenWarningWithCauseAndFingerprint() throws ServletException {
    AuthenticationFilter filter = start("mechanisms", "down");

    Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer " + TOKEN));

    assertThat(log.lines())
        .containsExactly(
            "WARNING dev.portcullis.audit: event=unavailable filter=test status=503 mechanism=down"
                + " reason=backend_unavailable credential="
                + PRINT
                + " client=127.0.0.1 path=/a"
                + " cause=\"Introspection endpoint refused the connection\"");
    assertThat(metrics.counters())
        .containsEntry(
            "decisions{mechanism=down, outcome=unavailable, reason=backend_unavailable}", 1L);
  }

  @Test
  void doFilterWhenScopeMissingThenRefusalNamesMechanismOfIdentity() throws ServletException {
    AuthenticationFilter filter =
        start("mechanisms", "fakeBearer", "requiredScopes", "orders:write");

    Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer good"));

    assertThat(log.messages(Audit.LOGGER))
        .containsExactly(
            "event=refused filter=test status=403 mechanism=fakeBearer reason=insufficient_scope"
                + " credential=sha256:"
                + Fingerprint.forLog(Fingerprint.of("good"))
                + " error=insufficient_scope client=127.0.0.1 path=/a");
  }

  @Test
  void doFilterWhenRoleMissingThenForbiddenReasonMissingRole() throws ServletException {
    AuthenticationFilter filter = start("mechanisms", "fakeBearer", "requiredRoles", "admin");

    Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer good"));

    assertThat(metrics.counters())
        .containsEntry("decisions{mechanism=fakeBearer, outcome=refused, reason=missing_role}", 1L);
  }

  @Test
  void doFilterWhenTwoCredentialsThenPipelineReasonAndBearerFingerprint() throws ServletException {
    AuthenticationFilter filter = start("mechanisms", "fakeBearer,fakeKey");

    Exchange.run(
        filter,
        FakeRequest.get("/a")
            .header("Authorization", "Bearer " + TOKEN)
            .header("X-API-Key", "other-" + TOKEN));

    assertThat(log.messages(Audit.LOGGER))
        .containsExactly(
            "event=refused filter=test status=400 mechanism=pipeline reason=two_credentials"
                + " credential="
                + PRINT
                + " error=invalid_request client=127.0.0.1 path=/a");
  }

  @Test
  void doFilterWhenAcceptedThenCountedAndOnlyADebugLine() throws ServletException {
    AuthenticationFilter filter = start("mechanisms", "fakeBearer", "required", "false");

    Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer good"));
    Exchange.run(filter, FakeRequest.get("/a"));

    assertThat(log.lines())
        .containsExactly(
            "FINE dev.portcullis.audit: event=accepted filter=test mechanism=fakeBearer"
                + " credential=sha256:"
                + Fingerprint.forLog(Fingerprint.of("good"))
                + " principal=\"alice\" client=127.0.0.1 path=/a");
    assertThat(metrics.counters())
        .containsEntry("decisions{mechanism=fakeBearer, outcome=authenticated, reason=ok}", 1L)
        .containsEntry("decisions{mechanism=none, outcome=anonymous, reason=ok}", 1L);
  }

  @Test
  void doFilterWhenPathHasControlCharactersThenEscapedOnOneLine() throws ServletException {
    AuthenticationFilter filter = start("mechanisms", "fakeBearer");

    Exchange.run(filter, FakeRequest.get("/a\r\nevent=forged x\"y"));

    assertThat(log.messages(Audit.LOGGER))
        .containsExactly(
            "event=refused filter=test status=400 mechanism=pipeline reason=ambiguous_path"
                + " credential=none error=invalid_request client=127.0.0.1"
                + " path=/a%0D%0Aevent=forged%20x%22y");
  }

  @Test
  void cleanWhenValueLongThenCapped() {
    assertThat(Audit.clean("x".repeat(1000))).isEqualTo("x".repeat(256) + "...");
    assertThat(Audit.clean(null)).isEqualTo("-");
    assertThat(Audit.clean("a b", true)).isEqualTo("a b");
  }

  @Test
  void doFilterWhenAnyRefusalThenNoLineHoldsTheCredential() throws ServletException {
    AuthenticationFilter filter = start("mechanisms", "fakeBearer,fakeKey");
    AuthenticationFilter down = start("mechanisms", "down");

    Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer " + TOKEN));
    Exchange.run(filter, FakeRequest.get("/a").header("X-API-Key", TOKEN));
    Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "ApiKey " + TOKEN));
    Exchange.run(down, FakeRequest.get("/a").header("Authorization", "Bearer " + TOKEN));

    assertThat(log.lines()).hasSize(4).noneMatch(l -> l.contains(TOKEN));
  }

  @Test
  void destroyWhenMetricsGivenToBuilderThenLeftOpenForTheirOwner() throws ServletException {
    java.util.concurrent.atomic.AtomicBoolean closed =
        new java.util.concurrent.atomic.AtomicBoolean();
    Metrics closeable = new ClosingMetrics(metrics, closed);
    AuthenticationFilter filter =
        Exchange.start(
            AuthenticationFilter.builder().metrics(closeable).build(), "mechanisms", "fakeBearer");

    filter.destroy();

    assertThat(closed).isFalse();
  }

  /** Metrics that can be closed, as a caller's own registry bridge might be. */
  private record ClosingMetrics(Metrics delegate, java.util.concurrent.atomic.AtomicBoolean closed)
      implements Metrics, AutoCloseable {
    @Override
    public void increment(String name, java.util.Map<String, String> tags) {
      delegate.increment(name, tags);
    }

    @Override
    public void gauge(
        String name, java.util.Map<String, String> tags, java.util.function.DoubleSupplier v) {
      delegate.gauge(name, tags, v);
    }

    @Override
    public void record(
        String name, java.util.Map<String, String> tags, java.time.Duration duration) {
      delegate.record(name, tags, duration);
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }
}
