package dev.portcullis.introspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Authenticator;
import dev.portcullis.Readiness;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingMetrics;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The readiness probe introspects a random token for real, at most once per interval. */
class IntrospectionReadinessTest {
  private final LoopbackAs as = LoopbackAs.http();
  private final FakeTime time = new FakeTime();
  private final RecordingMetrics metrics = new RecordingMetrics();

  @AfterEach
  void stop() {
    as.close();
  }

  private Authenticator authenticator() {
    Map<String, String> params = Fixture.settings(as.url("/introspect"));
    Config config = Config.of(params, name -> null);
    return new IntrospectionAuthenticatorFactory()
        .create(config.child("introspection"), Environment.of("api", time, time, null, metrics));
  }

  @Test
  void readinessWhenServerAnswersThenUpAndProbeTokenIntrospected() {
    as.answer(LoopbackAs.json(200, "{\"active\":false}"));
    Authenticator authenticator = authenticator();

    Readiness readiness = authenticator.readiness().get(0);

    assertThat(readiness.component()).isEqualTo("introspection " + as.url("/introspect"));
    assertThat(readiness.up()).isTrue();
    assertThat(readiness.data()).containsOnlyKeys("latencyMillis");
    assertThat(as.calls()).isEqualTo(1);
    assertThat(as.lastForm().get("token")).startsWith("readiness-probe-");
    assertThat(metrics.timer("introspection.latency{endpoint=" + as.url("/introspect") + "}"))
        .hasSize(1);
  }

  @Test
  void readinessWhenCredentialsRefusedThenDownWithReasonAndCachedForInterval() {
    as.answer(LoopbackAs.json(401, "{\"error\":\"invalid_client\"}"));
    Authenticator authenticator = authenticator();

    Readiness first = authenticator.readiness().get(0);
    as.answer(LoopbackAs.json(200, "{\"active\":false}"));
    Readiness cached = authenticator.readiness().get(0);
    time.advance(IntrospectionProbe.INTERVAL);
    Readiness again = authenticator.readiness().get(0);

    assertThat(first.up()).isFalse();
    assertThat(first.data().get("error")).contains("refused this resource server's client");
    assertThat(cached).isSameAs(first);
    assertThat(again.up()).isTrue();
    assertThat(as.calls()).isEqualTo(2);
  }

  @Test
  void cacheWhenRegisteredThenGaugesReadTheVerdictCache() {
    authenticator();

    assertThat(metrics.gauge("cache.misses{cache=introspection}")).isZero();
    assertThat(metrics.gauge("cache.hits{cache=introspection}")).isZero();
    assertThat(metrics.gauge("cache.evictions{cache=introspection}")).isZero();
    assertThat(metrics.gauge("cache.loadSeconds{cache=introspection}")).isZero();
    assertThat(metrics.gauge("cache.size{cache=introspection}")).isZero();
  }
}
