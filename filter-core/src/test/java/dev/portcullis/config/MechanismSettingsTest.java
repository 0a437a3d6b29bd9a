package dev.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.apikey.ApiKeyBuilder;
import dev.portcullis.introspection.IntrospectionBuilder;
import dev.portcullis.testing.EveryKey;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MechanismSettingsTest {

  @Test
  void builderWhenEveryKeySetThenOnePrefixedParamEach() throws Exception {
    assertThat(EveryKey.set(new ApiKeyBuilder())).containsEntry("apiKey.cacheTtl", "PT30S");
    assertThat(EveryKey.set(new IntrospectionBuilder()))
        .containsEntry("introspection.maxConcurrentCalls", "7")
        .containsEntry("introspection.jwtIssuers", "a,b")
        .containsEntry("introspection.audienceCheck", "true")
        .containsEntry("introspection.endpoint", "v");
  }

  @Test
  void builderWhenKeySetTwiceThenIllegalStateNamingIt() {
    ApiKeyBuilder builder = new ApiKeyBuilder().cacheTtl(Duration.ofMinutes(1));

    assertThatThrownBy(() -> builder.cacheTtl(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Setting apiKey.cacheTtl was already set");
    assertThat(builder.mechanism()).isEqualTo("apiKey");
    assertThat(builder.params()).isEqualTo(Map.of("apiKey.cacheTtl", "PT1M"));
  }
}
