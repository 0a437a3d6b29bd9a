package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.LogCapture;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rate-limit stage through the filter, on fake time (starting at a full minute). */
class RateLimitFilterTest {
  private final FakeTime time = new FakeTime();

  private AuthenticationFilter start(String... keyValues) throws ServletException {
    String[] all = new String[keyValues.length + 2];
    all[0] = "mechanisms";
    all[1] = "fakeClient";
    System.arraycopy(keyValues, 0, all, 2, keyValues.length);
    return Exchange.start(new AuthenticationFilter(Map.of(), time, time, null), all);
  }

  private static Exchange call(AuthenticationFilter filter, String token) {
    return Exchange.run(
        filter, FakeRequest.get("/api/me").header("Authorization", "Bearer " + token));
  }

  @Test
  void doFilterWhenUnderLimitThenPassedWithRateLimitField() throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "3/1m");

    Exchange first = call(filter, "c1");
    time.advance(Duration.ofSeconds(15));
    Exchange second = call(filter, "c1");

    assertThat(first.passed()).isTrue();
    assertThat(first.header("RateLimit")).isEqualTo("\"3/1m\";r=2;t=60");
    assertThat(first.header("RateLimit-Policy")).isNull();
    assertThat(second.header("RateLimit")).isEqualTo("\"3/1m\";r=1;t=45");
  }

  @Test
  void doFilterWhenBeyondLimitThen429WithExactFields() throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "2/1m");
    call(filter, "c1");
    call(filter, "c1");
    time.advance(Duration.ofMillis(20_500));

    Exchange e = call(filter, "c1");

    assertThat(e.passed()).isFalse();
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.header("Retry-After")).isEqualTo("40");
    assertThat(e.header("RateLimit-Policy")).isEqualTo("\"2/1m\";q=2;w=60");
    assertThat(e.header("RateLimit")).isEqualTo("\"2/1m\";r=0;t=40");
    assertThat(e.header("Cache-Control")).isEqualTo("no-store");
    assertThat(e.contentType()).isEqualTo("application/json");
    assertThat(e.body()).isEqualTo("{\"error\":\"rate_limit_exceeded\"}");
    assertThat(e.challenges()).isEmpty();
  }

  @Test
  void doFilterWhenOtherCredentialThenItsOwnBucket() throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "1/1m");
    call(filter, "c1");

    assertThat(call(filter, "c1").status()).isEqualTo(429);
    assertThat(call(filter, "c2").passed()).isTrue();
  }

  @Test
  void doFilterWhenWindowEndsThenTokensBack() throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "1/1m");
    call(filter, "c1");
    assertThat(call(filter, "c1").status()).isEqualTo(429);

    time.advance(Duration.ofMinutes(1));
    Exchange e = call(filter, "c1");

    assertThat(e.passed()).isTrue();
    assertThat(e.header("RateLimit")).isEqualTo("\"1/1m\";r=0;t=60");
  }

  @Test
  void doFilterWhenSeveralBandsThenLowestRemainingReportedAndShortBandRefuses()
      throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "2/1s,3/1h");

    Exchange first = call(filter, "c1");
    Exchange second = call(filter, "c1");
    Exchange third = call(filter, "c1");

    assertThat(first.header("RateLimit")).isEqualTo("\"2/1s\";r=1;t=1");
    assertThat(second.header("RateLimit")).isEqualTo("\"2/1s\";r=0;t=1");
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.header("Retry-After")).isEqualTo("1");
    assertThat(third.header("RateLimit-Policy")).isEqualTo("\"2/1s\";q=2;w=1, \"3/1h\";q=3;w=3600");

    time.advance(Duration.ofSeconds(1));
    assertThat(call(filter, "c1").header("RateLimit")).isEqualTo("\"3/1h\";r=0;t=3599");
    Exchange hourly = call(filter, "c1");
    assertThat(hourly.status()).isEqualTo(429);
    assertThat(hourly.header("Retry-After")).isEqualTo("3599");
    assertThat(hourly.header("RateLimit")).isEqualTo("\"3/1h\";r=0;t=3599");
  }

  @Test
  void doFilterWhenScopeHasTierThenTierLimitApplies() throws ServletException {
    AuthenticationFilter filter =
        start("rateLimit.limit", "1/1m", "rateLimit.tiers", "gold=5/1m;silver=2/1m");

    assertThat(call(filter, "c1.scope=gold").header("RateLimit")).isEqualTo("\"5/1m\";r=4;t=60");
    assertThat(call(filter, "c2").header("RateLimit")).isEqualTo("\"1/1m\";r=0;t=60");
  }

  @Test
  void doFilterWhenCredentialHasOwnLimitThenItReplacesSettings() throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "1/1m");

    assertThat(call(filter, "c1.limit=10/1m").header("RateLimit")).isEqualTo("\"10/1m\";r=9;t=60");
  }

  @Test
  void doFilterWhenKeyMetadataHasRateLimitThenItReplacesSettings() throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "1/1m");

    assertThat(call(filter, "c1.meta=2/1s_10/1m").header("RateLimit"))
        .isEqualTo("\"2/1s\";r=1;t=1");
  }

  @Test
  void doFilterWhenCredentialLimitMalformedThenSettingsLimitAndOneWarning()
      throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "1/1m");
    try (LogCapture log = LogCapture.start()) {
      Exchange first = call(filter, "c1.limit=${HOME}");
      Exchange second = call(filter, "c1.limit=${HOME}");

      assertThat(first.header("RateLimit")).isEqualTo("\"1/1m\";r=0;t=60");
      assertThat(second.status()).isEqualTo(429);
      assertThat(log.messages("dev.portcullis.ratelimit.RateLimitStage"))
          .containsExactly(
              "Credential rate limit ignored:"
                  + " Invalid value [${HOME}] for setting rateLimit: expected <requests>/<window>,"
                  + " for example 100/1m");
    }
  }

  @Test
  void doFilterWhenOverridesOffThenCredentialLimitIgnored() throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "1/1m", "rateLimit.overrides", "false");

    assertThat(call(filter, "c1.limit=10/1m").header("RateLimit")).isEqualTo("\"1/1m\";r=0;t=60");
  }

  @Test
  void doFilterWhenSharedByPrincipalThenCredentialsShareOneBucket() throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "1/1m", "rateLimit.key", "principal");
    call(filter, "c1");

    assertThat(call(filter, "c2").status()).isEqualTo(429);
  }

  @Test
  void doFilterWhenSharedByClaimThenTenantSharesAndOthersDoNot() throws ServletException {
    AuthenticationFilter filter = start("rateLimit.limit", "1/1m", "rateLimit.key", "claim:tenant");
    call(filter, "c1.tenant=a");

    assertThat(call(filter, "c2.tenant=a").status()).isEqualTo(429);
    assertThat(call(filter, "c3.tenant=b").passed()).isTrue();
    assertThat(call(filter, "c4").passed()).isTrue();
  }

  @Test
  void doFilterWhenNoRateLimitSettingThenNoField() throws ServletException {
    AuthenticationFilter filter = start();

    assertThat(call(filter, "c1").header("RateLimit")).isNull();
  }
}
