package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Readiness;
import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.LogCapture;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.testing.RecordingMetrics;
import dev.portcullis.web.AuthenticationFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys in the audit log (fingerprints only), the cache metrics and the file's readiness. */
class ApiKeyObservabilityTest {
  @TempDir Path dir;
  private final FakeTime time = new FakeTime();
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final LogCapture log = LogCapture.start();

  @AfterEach
  void stop() {
    log.close();
  }

  private AuthenticationFilter start(Path keys) throws Exception {
    AuthenticationFilter filter =
        AuthenticationFilter.builder().time(time, time).metrics(metrics).build();
    filter.init(
        new FakeFilterConfig()
            .param("mechanisms", "apiKey")
            .param("apiKey.file", keys.toString())
            .param("apiKey.reloadInterval", "1s"));
    return filter;
  }

  private int call(AuthenticationFilter filter, FakeRequest request) throws Exception {
    FakeResponse response = new FakeResponse();
    filter.doFilter(request.build(), response.servlet(), new RecordingChain());
    return response.status();
  }

  @Test
  void doFilterWhenKeysRefusedThenAuditLinesCarryFingerprintsNeverKeys() throws Exception {
    Path keys = Files.writeString(dir.resolve("k"), ApiKeyFilterTest.CAROL_REVOKED + "\n");
    AuthenticationFilter filter = start(keys);
    log.clear();

    assertThat(call(filter, FakeRequest.get("/a").header("X-API-Key", ApiKeyFilterTest.CAROL)))
        .isEqualTo(401);
    assertThat(call(filter, FakeRequest.get("/a").header("X-API-Key", ApiKeyFilterTest.ALICE)))
        .isEqualTo(401);
    assertThat(
            call(
                filter,
                FakeRequest.get("/a").header("Authorization", "ApiKey " + ApiKeyFilterTest.ALICE)))
        .isEqualTo(401);

    assertThat(log.messages("dev.portcullis.audit"))
        .hasSize(3)
        .allMatch(
            l ->
                l.startsWith(
                        "event=refused filter=test status=401 mechanism=apiKey reason=invalid_key"
                            + " credential=sha256:")
                    && l.endsWith(" error=invalid_token client=127.0.0.1 path=/a"));
    assertThat(log.lines())
        .noneMatch(l -> l.contains(ApiKeyFilterTest.CAROL) || l.contains(ApiKeyFilterTest.ALICE))
        .noneMatch(l -> l.contains("x4KAVCkXNzQ9xRSIDuZyqh882eJ7vldJFvy0Az7coek"));
    assertThat(metrics.counters())
        .containsEntry("decisions{mechanism=apiKey, outcome=refused, reason=invalid_key}", 3L);
    assertThat(metrics.gauge("cache.misses{cache=apiKey}")).isEqualTo(2);
    assertThat(metrics.gauge("cache.hits{cache=apiKey}")).isEqualTo(1);
  }

  @Test
  void readinessWhenFileReadThenUpWithKeyCountAndFailedReloadReported() throws Exception {
    Path keys =
        Files.writeString(
            dir.resolve("k"),
            ApiKeyFilterTest.ALICE_LINE + "\n" + ApiKeyFilterTest.CAROL_REVOKED + "\n");
    AuthenticationFilter filter = start(keys);
    FileApiKeyStore store = new FileApiKeyStore(keys, Duration.ofSeconds(1), time);

    assertThat(store.readiness())
        .isEqualTo(new Readiness("apiKey file", true, Map.of("keys", "2", "lastReload", "ok")));

    Files.writeString(keys, "not a key line at all\n");
    time.advance(Duration.ofSeconds(2));

    assertThat(store.readiness())
        .isEqualTo(new Readiness("apiKey file", true, Map.of("keys", "2", "lastReload", "failed")));
    filter.destroy();
  }
}
