package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.RecordingChain;
import dev.portcullis.web.AuthenticationFilter;
import dev.portcullis.web.Initializing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key's own rate limit, stored with the key in the key file ({@code meta.rateLimit}), through the
 * whole filter; a key without one gets {@code rateLimit.limit}; keys are limited by their id.
 */
class ApiKeyRateLimitTest {
  private static final String KEY = ApiKeyFormat.generate("pc_");
  private static final String ID = new ApiKeyFormat(List.of("pc_")).idOf(KEY).orElseThrow();

  @TempDir Path dir;
  private final FakeTime time = new FakeTime();
  private AuthenticationFilter filter;

  @BeforeEach
  void setUp() throws Exception {
    Path keys = dir.resolve("keys.properties");
    Files.writeString(
        keys,
        ApiKeyFilterTest.ALICE_LINE
            + "\n"
            + ID
            + "=hash="
            + ApiKeyHasher.sha256().hash(KEY)
            + ";principal=alice;scopes=models:read;meta.rateLimit=2/1s,10/1m\n");
    filter = AuthenticationFilter.builder().time(time, time).build();
    Initializing.initialize(
        filter,
        new FakeFilterConfig()
            .param("mechanisms", "apiKey")
            .param("apiKey.file", keys.toString())
            .param("rateLimit.limit", "1/1m"));
  }

  private FakeResponse call(String key) throws Exception {
    FakeResponse response = new FakeResponse();
    filter.doFilter(
        FakeRequest.get("/api/me").header("X-API-Key", key).build(),
        response.servlet(),
        new RecordingChain());
    return response;
  }

  @Test
  void doFilterWhenKeyFileSetsOwnLimitThenItApplies() throws Exception {
    FakeResponse first = call(KEY);
    FakeResponse second = call(KEY);
    FakeResponse third = call(KEY);

    assertThat(first.header("RateLimit")).isEqualTo("\"2/1s\";r=1;t=1");
    assertThat(second.header("RateLimit")).isEqualTo("\"2/1s\";r=0;t=1");
    assertThat(third.status()).isEqualTo(429);
    assertThat(third.header("RateLimit-Policy")).isEqualTo("\"2/1s\";q=2;w=1, \"10/1m\";q=10;w=60");
  }

  @Test
  void doFilterWhenKeyHasNoOwnLimitThenSettingsLimitAndOtherKeyUnaffected() throws Exception {
    FakeResponse alice = call(ApiKeyFilterTest.ALICE);
    FakeResponse again = call(ApiKeyFilterTest.ALICE);
    FakeResponse other = call(KEY);

    assertThat(alice.header("RateLimit")).isEqualTo("\"1/1m\";r=0;t=60");
    assertThat(again.status()).isEqualTo(429);
    assertThat(other.status()).isEqualTo(200);
  }
}
