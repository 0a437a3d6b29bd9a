package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.LogCapture;
import dev.portcullis.testing.RecordingMetrics;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of refusals is not a flood of log lines: {@link LineBudget#LINES_PER_INTERVAL} lines per
 * reason and interval, then one summary line with the count suppressed; every refusal is counted.
 */
class AuditFloodTest {
  private static final int FLOOD = 500;

  private final LogCapture log = LogCapture.start();
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final FakeTime time = new FakeTime();

  @AfterEach
  void stop() {
    log.close();
  }

  private AuthenticationFilter start() throws ServletException {
    AuthenticationFilter filter =
        Exchange.start(
            AuthenticationFilter.builder().metrics(metrics).time(time, time).build(),
            "mechanisms",
            "fakeBearer");
    log.clear();
    return filter;
  }

  private static void refuse(AuthenticationFilter filter, String token) {
    Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer " + token));
  }

  private List<String> audit() {
    return log.messages(Audit.LOGGER);
  }

  @Test
  void doFilterWhenFloodOfBadTokensThenLinesBoundedAndEveryRefusalCounted()
      throws ServletException {
    AuthenticationFilter filter = start();

    for (int i = 0; i < FLOOD; i++) {
      refuse(filter, "bad" + i);
    }

    System.out.printf(
        "audit flood: %d refusals, %d audit lines%n", FLOOD, audit().size()); // the figures only
    assertThat(audit()).hasSize(LineBudget.LINES_PER_INTERVAL);
    assertThat(metrics.counters())
        .containsEntry(
            "decisions{mechanism=fakeBearer, outcome=refused, reason=invalid_token}", (long) FLOOD);
  }

  @Test
  void doFilterWhenIntervalEndsThenOneSummaryLineWithSuppressedCount() throws ServletException {
    AuthenticationFilter filter = start();
    for (int i = 0; i < FLOOD; i++) {
      refuse(filter, "bad" + i);
    }
    log.clear();

    time.advance(LineBudget.INTERVAL);
    refuse(filter, "late");

    assertThat(audit()).hasSize(2);
    assertThat(audit().get(0))
        .isEqualTo(
            "event=suppressed filter=test reason=invalid_token count="
                + (FLOOD - LineBudget.LINES_PER_INTERVAL)
                + " interval=PT1M");
    assertThat(audit().get(1)).startsWith("event=refused filter=test status=401");
  }

  @Test
  void doFilterWhenBudgetOfOneReasonSpentThenOtherReasonsStillLogged() throws ServletException {
    AuthenticationFilter filter = start();
    for (int i = 0; i < FLOOD; i++) {
      refuse(filter, "bad" + i);
    }

    Exchange.run(filter, FakeRequest.get("/a"));
    time.advance(Duration.ofSeconds(59));
    refuse(filter, "still-suppressed");

    assertThat(audit()).hasSize(LineBudget.LINES_PER_INTERVAL + 1);
    assertThat(audit().get(LineBudget.LINES_PER_INTERVAL)).contains("reason=no_credentials");
  }
}
