package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.testing.FakeTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The node-local single-use memory: once per key until its ttl, fail closed when full. */
class FirstUseTest {
  final FakeTime time = new FakeTime();

  @Test
  void firstUseWhenSameKeyTwiceWithinTtlThenOnlyFirstTrue() throws Exception {
    FirstUse uses = FirstUse.local(time, 10);

    assertThat(uses.firstUse("s", "k", Duration.ofSeconds(5))).isTrue();
    assertThat(uses.firstUse("s", "k", Duration.ofSeconds(5))).isFalse();
    assertThat(uses.firstUse("other", "k", Duration.ofSeconds(5))).isTrue();
    time.advance(Duration.ofSeconds(5));
    assertThat(uses.firstUse("s", "k", Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void firstUseWhenFullOfLiveEntriesThenUnavailableNotForgotten() throws Exception {
    FirstUse uses = FirstUse.local(time, 2);
    uses.firstUse("s", "a", Duration.ofSeconds(5));
    uses.firstUse("s", "b", Duration.ofSeconds(5));

    assertThatThrownBy(() -> uses.firstUse("s", "c", Duration.ofSeconds(5)))
        .isInstanceOf(ServiceUnavailableException.class);
    assertThatThrownBy(() -> uses.firstUse("s", "a", Duration.ofSeconds(5)))
        .as("a used key is never forgotten to make room")
        .isInstanceOf(ServiceUnavailableException.class);

    time.advance(Duration.ofSeconds(5));
    assertThat(uses.firstUse("s", "a", Duration.ofSeconds(5))).isTrue();
    assertThat(uses.firstUse("s", "a", Duration.ofSeconds(5))).isFalse();
  }
}
