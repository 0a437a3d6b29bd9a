package dev.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeFilterConfig;
import dev.portcullis.testing.FakeTime;
import org.junit.jupiter.api.Test;

class EnvironmentTest {
  private final FakeTime time = new FakeTime();

  @Test
  void ofWhenAllGivenThenAnswersThem() {
    FakeFilterConfig config = new FakeFilterConfig();
    Environment env = Environment.of("api", time, time, config.getServletContext());

    assertThat(env.realm()).isEqualTo("api");
    assertThat(env.clock()).isSameAs(time);
    assertThat(env.ticker()).isSameAs(time);
    assertThat(env.servletContext()).containsSame(config.getServletContext());
  }

  @Test
  void ofWhenOutsideContainerThenNoServletContext() {
    assertThat(Environment.of("api", time, time, null).servletContext()).isEmpty();
  }

  @Test
  void ofWhenRequiredPartMissingThenRefused() {
    assertThatThrownBy(() -> Environment.of(null, time, time, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Environment.of("api", null, time, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Environment.of("api", time, null, null))
        .isInstanceOf(NullPointerException.class);
  }
}
