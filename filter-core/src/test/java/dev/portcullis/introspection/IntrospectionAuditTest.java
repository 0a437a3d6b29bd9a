package dev.portcullis.introspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Fingerprint;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.LogCapture;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.AuthenticationFilterBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Introspected tokens in the audit log: refusals and 503s carry a fingerprint, never the token. */
class IntrospectionAuditTest {
  private static final String TOKEN = "opaque-SECRET-token-4711";
  private static final String PRINT = "sha256:" + Fingerprint.forLog(Fingerprint.of(TOKEN));

  private final LoopbackAs as = LoopbackAs.http();
  private final LogCapture log = LogCapture.start();
  private AuthenticationFilter filter;

  @AfterEach
  void stop() {
    filter.destroy();
    as.close();
    log.close();
  }

  private int send() throws Exception {
    FakeTime time = new FakeTime();
    AuthenticationFilterBuilder builder =
        AuthenticationFilter.builder().mechanisms("introspection").time(time, time);
    Fixture.settings(as.url("/introspect")).forEach(builder::set);
    filter = builder.build();
    filter.init(new FakeFilterConfig());
    log.clear();
    FakeResponse response = new FakeResponse();
    filter.doFilter(
        FakeRequest.get("/api").header("Authorization", "Bearer " + TOKEN).build(),
        response.servlet(),
        new RecordingChain());
    return response.status();
  }

  @Test
  void doFilterWhenTokenInactiveThenRefusalLineWithReasonInactive() throws Exception {
    as.answer(LoopbackAs.json(200, "{\"active\":false}"));

    assertThat(send()).isEqualTo(401);

    assertThat(log.messages("dev.portcullis.audit"))
        .containsExactly(
            "event=refused filter=test status=401 mechanism=introspection reason=inactive"
                + " credential="
                + PRINT
                + " error=invalid_token client=127.0.0.1 path=/api");
    assertThat(log.lines()).noneMatch(l -> l.contains(TOKEN));
  }

  @Test
  void doFilterWhenServerFailsThenUnavailableLineWithoutToken() throws Exception {
    as.answer(LoopbackAs.json(502, "{}"));

    assertThat(send()).isEqualTo(503);

    assertThat(log.messages("dev.portcullis.audit"))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .startsWith(
                        "event=unavailable filter=test status=503 mechanism=introspection"
                            + " reason=backend_unavailable credential="
                            + PRINT
                            + " client=127.0.0.1 path=/api cause=\"")
                    .contains("HTTP 502"));
    assertThat(log.lines()).noneMatch(l -> l.contains(TOKEN));
  }
}
