package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.apikey.jdbc.TestNaming;
import dev.portcullis.quota.Balance;
import dev.portcullis.quota.Credits;
import dev.portcullis.quota.JdbcQuotaStore;
import dev.portcullis.quota.QuotaDatabase;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The quota stage through the filter, on H2 found through JNDI, on fake time. */
class QuotaFilterTest {
  private static final String JNDI = "java:app/jdbc/quota";
  private static final Duration HOUR = Duration.ofHours(1);
  private final FakeTime time = new FakeTime();
  private QuotaDatabase database;
  private JdbcQuotaStore admin;

  @BeforeEach
  void open() throws Exception {
    database = new QuotaDatabase();
    TestNaming.install();
    TestNaming.BOUND.put(JNDI, database.dataSource());
    admin = JdbcQuotaStore.create(database.dataSource(), QuotaDatabase.settings(Map.of()), time);
  }

  @AfterEach
  void close() throws Exception {
    TestNaming.uninstall();
    database.close();
  }

  private AuthenticationFilter start(String... keyValues) throws ServletException {
    List<String> all =
        new ArrayList<>(List.of("mechanisms", "fakeClient", "quota.dataSource", JNDI));
    all.addAll(List.of(keyValues));
    return Exchange.start(
        new AuthenticationFilter(Map.of(), time, time, null), all.toArray(String[]::new));
  }

  private static Exchange call(AuthenticationFilter filter, String token) {
    return Exchange.run(
        filter, FakeRequest.get("/api/me").header("Authorization", "Bearer " + token));
  }

  private void give(String subject, long remaining, long refill, Duration every) throws Exception {
    admin.set(subject, new Balance(remaining, remaining, refill, every.toMillis(), 0));
  }

  private long left(String subject) throws Exception {
    return admin.balance(subject).orElseThrow().available(time.millis());
  }

  @Test
  void doFilterWhenCreditsLeftThenPassedWithCreditsRemainingAndCreditsOnRequest() throws Exception {
    give("client:c1", 3, 0, Duration.ZERO);
    AuthenticationFilter filter = start();

    Exchange e = call(filter, "c1");

    assertThat(e.passed()).isTrue();
    assertThat(e.header("Credits-Remaining")).isEqualTo("2");
    Credits credits = (Credits) e.forwarded().getAttribute(Credits.ATTRIBUTE);
    assertThat(credits.subject()).isEqualTo("client:c1");
    assertThat(credits.remaining()).isEqualTo(2);
    assertThat(credits.spent()).isEqualTo(1);
  }

  @Test
  void doFilterWhenCreditsRunOutThen429InsufficientQuotaWithExactFields() throws Exception {
    give("client:c1", 2, 2, HOUR);
    AuthenticationFilter filter = start();
    call(filter, "c1");
    call(filter, "c1");
    time.advance(Duration.ofMinutes(20).plusMillis(500));

    Exchange e = call(filter, "c1");

    assertThat(e.passed()).isFalse();
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.header("Retry-After")).isEqualTo("2400");
    assertThat(e.header("Credits-Remaining")).isEqualTo("0");
    assertThat(e.header("Cache-Control")).isEqualTo("no-store");
    assertThat(e.contentType()).isEqualTo("application/json");
    assertThat(e.body()).isEqualTo("{\"error\":\"insufficient_quota\"}");
    assertThat(e.challenges()).isEmpty();

    time.advance(Duration.ofMinutes(40));
    assertThat(call(filter, "c1").header("Credits-Remaining")).isEqualTo("1");
  }

  @Test
  void doFilterWhenNeverRefilledThen429WithoutRetryAfter() throws Exception {
    give("client:c1", 0, 0, Duration.ZERO);

    Exchange e = call(start(), "c1");

    assertThat(e.status()).isEqualTo(429);
    assertThat(e.response().allHeaders()).doesNotContainKey("Retry-After");
  }

  @Test
  void doFilterWhenExhaustedStatusIs402Then402() throws Exception {
    give("client:c1", 0, 0, Duration.ZERO);

    Exchange e = call(start("quota.exhaustedStatus", "402"), "c1");

    assertThat(e.status()).isEqualTo(402);
    assertThat(e.body()).isEqualTo("{\"error\":\"insufficient_quota\"}");
  }

  @Test
  void doFilterWhenSubjectHasNoBalanceThenUnmeteredOrRefusedBySetting() throws Exception {
    Exchange allowed = call(start(), "c9");
    Exchange refused = call(start("quota.unlisted", "refuse"), "c9");

    assertThat(allowed.passed()).isTrue();
    assertThat(allowed.header("Credits-Remaining")).isNull();
    assertThat(allowed.forwarded().getAttribute(Credits.ATTRIBUTE)).isNull();
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Credits-Remaining")).isEqualTo("0");
  }

  @Test
  void doFilterWhenPerPrincipalThenEveryCredentialOfThePrincipalSharesOneBalance()
      throws Exception {
    give("principal:alice", 2, 0, Duration.ZERO);
    AuthenticationFilter filter = start("quota.per", "principal");

    assertThat(call(filter, "c1").passed()).isTrue();
    assertThat(call(filter, "c2").passed()).isTrue();
    assertThat(call(filter, "c3").status()).isEqualTo(429);
  }

  @Test
  void doFilterWhenEndpointCostSetThenFirstMatchOnTheCanonicalPathIsTaken() throws Exception {
    give("client:c1", 100, 0, Duration.ZERO);
    AuthenticationFilter filter =
        start("quota.costs", "POST /api/chat/*=10, /api/chat/*=3", "quota.cost", "2");

    Exchange post =
        Exchange.run(
            filter,
            FakeRequest.get("/api/chat/x")
                .method("POST")
                .requestUri("/api/%63hat/x")
                .header("Authorization", "Bearer c1"));
    Exchange get =
        Exchange.run(filter, FakeRequest.get("/api/chat").header("Authorization", "Bearer c1"));
    Exchange other = call(filter, "c1");

    assertThat(post.header("Credits-Remaining")).isEqualTo("90");
    assertThat(get.header("Credits-Remaining")).isEqualTo("87");
    assertThat(other.header("Credits-Remaining")).isEqualTo("85");
  }

  @Test
  void doFilterWhenDatabaseDownThen503WithRetryAfterAndNeverPassed() throws Exception {
    give("client:c1", 100, 0, Duration.ZERO);
    AuthenticationFilter filter = start();
    database.execute("DROP TABLE portcullis_quotas");

    Exchange e = call(filter, "c1");

    assertThat(e.passed()).isFalse();
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.header("Retry-After")).isEqualTo("5");
    assertThat(e.body()).isEqualTo("{\"error\":\"temporarily_unavailable\"}");
  }

  @Test
  void doFilterWhenRateLimitedThenNoCreditSpent() throws Exception {
    give("client:c1", 10, 0, Duration.ZERO);
    AuthenticationFilter filter = start("rateLimit.limit", "1/1m");
    call(filter, "c1");

    Exchange e = call(filter, "c1");

    assertThat(e.body()).isEqualTo("{\"error\":\"rate_limit_exceeded\"}");
    assertThat(left("client:c1")).isEqualTo(9);
  }

  @Test
  void chargeWhenApplicationChargesAfterTheResponseThenDebtRefusesTheNextRequest()
      throws Exception {
    give("client:c1", 10, 10, HOUR);
    AuthenticationFilter filter = start();
    Credits credits = (Credits) call(filter, "c1").forwarded().getAttribute(Credits.ATTRIBUTE);

    assertThat(credits.charge(15)).isEqualTo(-6);
    assertThat(credits.spent()).isEqualTo(16);
    assertThat(credits.tryDebit(1)).isFalse();
    Exchange next = call(filter, "c1");
    assertThat(next.status()).isEqualTo(429);
    assertThat(next.header("Retry-After")).isEqualTo("3600");
  }

  @Test
  void endpointCostWhenAnnotatedCostHigherThenTakesOnlyTheDifference() throws Exception {
    give("client:c1", 12, 0, Duration.ZERO);
    AuthenticationFilter filter = start();
    Exchange first = call(filter, "c1");

    assertThat(EndpointCost.of(5).check(first.forwarded()::getAttribute)).isEmpty();
    assertThat(EndpointCost.of(1).check(first.forwarded()::getAttribute)).isEmpty();
    assertThat(left("client:c1")).isEqualTo(7);

    Exchange second = call(filter, "c1");
    Refusal refusal = EndpointCost.of(100).check(second.forwarded()::getAttribute).orElseThrow();
    assertThat(refusal.status()).isEqualTo(429);
    assertThat(refusal.body()).isEqualTo("{\"error\":\"insufficient_quota\"}");
    assertThat(refusal.headers()).containsEntry("Credits-Remaining", List.of("6"));
    assertThat(left("client:c1")).isEqualTo(6);
  }

  @Test
  void endpointCostWhenRequestNotMeteredThenNothing() {
    assertThat(EndpointCost.of(5).check(name -> null)).isEmpty();
    assertThatThrownBy(() -> EndpointCost.of(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cost out of range: [-1]");
  }

  @Test
  void initializeWhenQuotaKeysWithoutDataSourceThenDeploymentStopsNamingTheKey() {
    assertThatThrownBy(
            () ->
                Exchange.start(
                    new AuthenticationFilter(Map.of(), time, time, null),
                    "mechanisms",
                    "fakeClient",
                    "quota.cost",
                    "5"))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("Setting quota.cost needs quota.dataSource: credits are kept in a");
  }

  @Test
  void initializeWhenBadQuotaValuesThenDeploymentStopsNamingKeyAndValue() {
    assertThatThrownBy(() -> start("quota.per", "team"))
        .hasMessageContaining("quota.per")
        .hasMessageContaining("[team]");
    assertThatThrownBy(() -> start("quota.costs", "/api/*/x=3"))
        .hasMessageContaining("quota.costs")
        .hasMessageContaining("[/api/*/x=3]");
    assertThatThrownBy(() -> start("quota.exhaustedStatus", "403")).hasMessageContaining("[403]");
    assertThatThrownBy(() -> start("quota.queryTimeout", "90s")).hasMessageContaining("[90s]");
    assertThatThrownBy(() -> start("quota.table", "x;drop")).hasMessageContaining("[x;drop]");
    assertThatThrownBy(() -> start("quota.dataSource", "java:app/none"))
        .hasMessageContaining("[java:app/none]");
  }
}
