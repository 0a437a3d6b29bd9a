package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.limit.Admission;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.LogCapture;
import dev.portcullis.testing.RecordingMetrics;
import jakarta.servlet.ServletException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The limit stage of the filter: order, merged fields, refusals, outages, audit and metric. */
class LimitStageTest {
  private final FakeTime time = new FakeTime();
  private final LogCapture log = LogCapture.start();
  private final RecordingMetrics metrics = new RecordingMetrics();

  @AfterEach
  void stop() {
    log.close();
  }

  private AuthenticationFilter start(String... keyValues) throws ServletException {
    AuthenticationFilter filter =
        AuthenticationFilter.builder().metrics(metrics).time(time, time).build();
    String[] all = new String[keyValues.length + 2];
    all[0] = "mechanisms";
    all[1] = "fakeClient";
    System.arraycopy(keyValues, 0, all, 2, keyValues.length);
    Exchange.start(filter, all);
    log.clear();
    return filter;
  }

  private static Exchange call(AuthenticationFilter filter) {
    return Exchange.run(
        filter,
        FakeRequest.get("/api/me").remoteAddr("192.0.2.7").header("Authorization", "Bearer c1"));
  }

  @Test
  void doFilterWhenTwoStagesAdmitThenBothFieldsSet() throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "5/1m", "testLimit.mode", "admit");

    Exchange e = call(filter);

    assertThat(e.passed()).isTrue();
    assertThat(e.header("RateLimit")).isEqualTo("\"5/1m\";r=4;t=60");
    assertThat(e.header("X-Credits")).isEqualTo("7");
  }

  @Test
  void doFilterWhenRateLimitedThenLaterStageNotAsked() throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "1/1m", "testLimit.mode", "admit");
    call(filter);
    int before = TestLimitFactory.CALLS.get();

    assertThat(call(filter).status()).isEqualTo(429);
    assertThat(TestLimitFactory.CALLS.get()).isEqualTo(before);
  }

  @Test
  void doFilterWhenStageRefusesThenItsStatusBodyAndRetryAfter() throws ServletException {
    AuthenticationFilter filter = start("testLimit.mode", "refuse");

    Exchange e = call(filter);

    assertThat(e.status()).isEqualTo(402);
    assertThat(e.header("Retry-After")).isEqualTo("60");
    assertThat(e.header("Cache-Control")).isEqualTo("no-store");
    assertThat(e.body()).isEqualTo("{\"error\":\"insufficient_quota\"}");
    assertThat(e.passed()).isFalse();
  }

  @Test
  void doFilterWhenStageBackendDownThen503NeverPassed() throws ServletException {
    AuthenticationFilter filter = start("testLimit.mode", "down");

    Exchange e = call(filter);

    assertThat(e.status()).isEqualTo(503);
    assertThat(e.header("Retry-After")).isEqualTo("5");
    assertThat(e.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
    assertThat(e.passed()).isFalse();
    assertThat(metrics.counters())
        .containsEntry(
            "decisions{mechanism=limit, outcome=unavailable, reason=backend_unavailable}", 1L);
  }

  @Test
  void doFilterWhenRateLimitedThenOneAuditLineAndMetric() throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "1/1m");
    call(filter);

    call(filter);

    assertThat(log.messages(Audit.LOGGER))
        .containsExactly(
            "event=accepted filter=test mechanism=fakeClient credential=sha256:fp-c1"
                + " principal=\"alice\" client=192.0.2.7 path=/api/me",
            "event=limited filter=test status=429 mechanism=fakeClient reason=rate_limited"
                + " credential=sha256:fp-c1 error=rate_limit_exceeded client=192.0.2.7"
                + " path=/api/me");
    assertThat(metrics.counters())
        .containsEntry("decisions{mechanism=fakeClient, outcome=limited, reason=rate_limited}", 1L)
        .containsEntry("decisions{mechanism=fakeClient, outcome=authenticated, reason=ok}", 1L);
  }

  @Test
  void refusedWhenStatusNotALimitThenRejected() {
    assertThatThrownBy(() -> new Admission.Refused(403, "x", "x", 1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Admission.Refused(429, "X\"", "x", 1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Admission.Refused(429, "x", "x", 0, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
