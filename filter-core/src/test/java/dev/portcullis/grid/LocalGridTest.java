package dev.portcullis.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The in-process grid: marks on a fake ticker, synchronous delivery, bounded spaces. */
class LocalGridTest {
  private static final Duration TTL = Duration.ofMinutes(1);
  private final FakeTime time = new FakeTime();
  private final Grid grid = Grid.local(time);

  @Test
  void firstUseWhenSameKeyThenTrueOnceUntilTtlPasses() {
    assertThat(grid.firstUse("dpop.jti", "a", TTL)).isTrue();
    time.advance(TTL.minusNanos(1));
    assertThat(grid.firstUse("dpop.jti", "a", TTL)).isFalse();
    time.advance(Duration.ofNanos(1));
    assertThat(grid.firstUse("dpop.jti", "a", TTL)).isTrue();
    assertThat(grid.firstUse("dpop.jti", "a", TTL)).isFalse();
  }

  @Test
  void firstUseWhenOtherKeyOrSpaceThenIndependent() {
    assertThat(grid.firstUse("s1", "a", TTL)).isTrue();
    assertThat(grid.firstUse("s1", "b", TTL)).isTrue();
    assertThat(grid.firstUse("s2", "a", TTL)).isTrue();
    assertThat(grid.firstUse("s1", "a", TTL)).isFalse();
  }

  @Test
  void firstUseWhenOtherTtlForSpaceThenRefused() {
    grid.firstUse("s1", "a", TTL);

    assertThatThrownBy(() -> grid.firstUse("s1", "b", Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Grid space [s1] is used with ttl [PT1M], not [PT2M]");
  }

  @Test
  void firstUseWhenArgumentsBadThenRefused() {
    assertThatThrownBy(() -> grid.firstUse("a b", "k", TTL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A grid space name is 1 to 64 of A-Z a-z 0-9 . _ -: [a b]");
    assertThatThrownBy(() -> grid.firstUse("x".repeat(65), "k", TTL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> grid.firstUse("é", "k", TTL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> grid.firstUse("s", "", TTL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A grid key is 1 to 512 characters");
    assertThatThrownBy(() -> grid.firstUse("s", "k".repeat(513), TTL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> grid.firstUse("s", "k", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A grid ttl is positive: [PT0S]");
    assertThatThrownBy(() -> grid.firstUse("s", "k", Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(grid.firstUse("s", "k".repeat(512), TTL)).isTrue();
  }

  @Test
  void firstUseWhenSpaceFullThenUnavailableAndNothingForgotten() {
    Grid small = new LocalGrid(time, 2);
    assertThat(small.firstUse("s", "a", TTL)).isTrue();
    assertThat(small.firstUse("s", "b", TTL)).isTrue();

    assertThatThrownBy(() -> small.firstUse("s", "c", TTL))
        .isInstanceOf(GridUnavailableException.class)
        .hasMessage("Grid space s is full");
    assertThat(small.firstUse("s", "a", TTL)).isFalse();
    assertThat(small.firstUse("s", "b", TTL)).isFalse();
    time.advance(TTL);
    assertThat(small.firstUse("s", "c", TTL)).isTrue();
  }

  @Test
  void firstUseWhenRacedThenExactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        calls.add(() -> grid.firstUse("race", "same", TTL));
      }
      int wins = 0;
      for (Future<Boolean> f : pool.invokeAll(calls)) {
        wins += f.get() ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void publishWhenSubscribedThenEveryListenerGetsEachMessageInOrder() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    grid.subscribe("keys.revoked", first::add);
    grid.subscribe("keys.revoked", second::add);
    grid.subscribe("other", m -> first.add("other:" + m));

    grid.publish("keys.revoked", "k1");
    grid.publish("keys.revoked", "k2");

    assertThat(first).containsExactly("k1", "k2");
    assertThat(second).containsExactly("k1", "k2");
  }

  @Test
  void publishWhenSubscriptionClosedThenNoMoreDeliveries() {
    List<String> got = new ArrayList<>();
    Grid.Subscription subscription = grid.subscribe("c", got::add);
    grid.publish("c", "before");
    subscription.close();
    subscription.close();
    grid.publish("c", "after");
    grid.publish("nobody", "lost");

    assertThat(got).containsExactly("before");
  }

  @Test
  void publishWhenListenerThrowsThenOthersStillDeliveredAndLogged() {
    List<String> got = new ArrayList<>();
    grid.subscribe(
        "c",
        m -> {
          throw new IllegalStateException("secret " + m);
        });
    grid.subscribe("c", got::add);
    try (LogCapture log = LogCapture.start()) {
      grid.publish("c", "m1");

      assertThat(got).containsExactly("m1");
      assertThat(log.messages(Grid.class.getName()))
          .containsExactly(
              "A subscriber of grid channel c failed: java.lang.IllegalStateException");
    }
  }

  @Test
  void publishWhenMessageTooLongOrChannelBadThenRefused() {
    assertThatThrownBy(() -> grid.publish("c", "m".repeat(8193)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A grid message is at most 8192 characters");
    assertThatThrownBy(() -> grid.publish("", "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A grid channel name is 1 to 64 of A-Z a-z 0-9 . _ -: []");
    assertThatThrownBy(() -> grid.subscribe("c/d", m -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    grid.publish("c", "m".repeat(8192));
  }

  @Test
  void jcacheWhenLocalThenEmpty() {
    assertThat(grid.jcache("buckets")).isEmpty();
    assertThatThrownBy(() -> grid.jcache("a:b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void statusWhenLocalThenUpWithOneMemberNotClustered() {
    assertThat(grid.status()).isEqualTo(new GridStatus(false, true, 1, false));
  }
}
