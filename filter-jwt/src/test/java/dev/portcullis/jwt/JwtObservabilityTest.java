package dev.portcullis.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Readiness;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.LogCapture;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.testing.RecordingMetrics;
import dev.portcullis.web.AuthenticationFilter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JWTs in the audit log (fingerprints only), key-set gauges and readiness per issuer. */
class JwtObservabilityTest {
  private Fixture f;
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final LogCapture log = LogCapture.start();
  private AuthenticationFilter filter;

  @BeforeEach
  void start() throws Exception {
    f = new Fixture();
    var b = AuthenticationFilter.builder().mechanisms("jwt").time(f.time, f.time).metrics(metrics);
    f.config.forEach((k, v) -> b.set("jwt." + k, v));
    filter = b.build();
    filter.init(new FakeFilterConfig().name("jwt-observed"));
  }

  @AfterEach
  void stop() {
    filter.destroy();
    f.close();
    log.close();
  }

  private int send(String token) throws Exception {
    FakeResponse response = new FakeResponse();
    filter.doFilter(
        FakeRequest.get("/api").header("Authorization", "Bearer " + token).build(),
        response.servlet(),
        new RecordingChain());
    return response.status();
  }

  @Test
  void doFilterWhenTokensRefusedThenAuditLinesWithoutAnyPartOfTheToken() throws Exception {
    Map<String, Object> claims = f.claims();
    claims.put("aud", "someone-else");
    String foreign = f.token(claims);
    claims.put("aud", "api");
    claims.put("exp", f.time.instant().getEpochSecond() - 120);
    String expired = f.token(claims);

    assertThat(send(foreign)).isEqualTo(401);
    assertThat(send(expired)).isEqualTo(401);

    assertThat(log.messages("dev.portcullis.audit"))
        .containsExactly(
            "event=refused filter=jwt-observed status=401 mechanism=jwt reason=invalid_jwt credential=sha256:"
                + dev.portcullis.Fingerprint.forLog(dev.portcullis.Fingerprint.of(foreign))
                + " error=invalid_token client=127.0.0.1 path=/api",
            "event=refused filter=jwt-observed status=401 mechanism=jwt reason=expired credential=sha256:"
                + dev.portcullis.Fingerprint.forLog(dev.portcullis.Fingerprint.of(expired))
                + " error=invalid_token client=127.0.0.1 path=/api");
    for (String token : new String[] {foreign, expired}) {
      String signature = token.substring(token.lastIndexOf('.') + 1);
      assertThat(log.lines()).noneMatch(l -> l.contains(token) || l.contains(signature));
    }
  }

  @Test
  void readinessWhenNothingFetchedYetThenProbeFetchesAndReportsKeys() throws Exception {
    assertThat(metrics.gauge("jwks.ageSeconds{issuer=" + Fixture.ISSUER + "}")).isEqualTo(-1);

    Readiness readiness =
        dev.portcullis.web.Health.check().stream()
            .filter(r -> r.component().equals("jwt-observed jwt " + Fixture.ISSUER))
            .findFirst()
            .orElseThrow();

    assertThat(readiness.up()).isTrue();
    assertThat(readiness.data())
        .containsEntry("keys", "2")
        .containsEntry("lastFetch", "ok")
        .containsEntry("ageSeconds", "0")
        .containsEntry("stale", "false");
    f.time.advance(Duration.ofSeconds(42));
    assertThat(metrics.gauge("jwks.ageSeconds{issuer=" + Fixture.ISSUER + "}")).isEqualTo(42);
    assertThat(metrics.gauge("jwks.lastFetchFailed{issuer=" + Fixture.ISSUER + "}")).isZero();
  }

  @Test
  void readinessWhenEndpointDownBeforeFirstFetchThenDown() throws Exception {
    f.server.close();

    Readiness readiness =
        dev.portcullis.web.Health.check().stream()
            .filter(r -> r.component().equals("jwt-observed jwt " + Fixture.ISSUER))
            .findFirst()
            .orElseThrow();

    assertThat(readiness.up()).isFalse();
    assertThat(readiness.data()).isEqualTo(Map.of("lastFetch", "failed: IOException"));
    assertThat(metrics.gauge("jwks.lastFetchFailed{issuer=" + Fixture.ISSUER + "}")).isEqualTo(1);
  }
}
