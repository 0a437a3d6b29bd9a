package dev.portcullis.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.testing.FakeTime;
import dev.portcullis.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node whose own data-grid member is gone: the clustered grid fails closed with {@link
 * GridUnavailableException} and reports itself down; {@code grid.onLoss=local} serves from this
 * node's state instead, logs the loss once and reports the fallback. The other node carries on.
 */
class GridLossTest {
  private static final Duration TTL = Duration.ofMinutes(1);
  private static Members members;
  private static JCacheGrid survivor;
  private static JCacheGrid lost;

  @BeforeAll
  static void start() {
    members = new Members(2);
    survivor = new JCacheGrid(members.manager(0), false);
    lost = new JCacheGrid(members.manager(1), false);
    survivor.firstUse("jti", "before", TTL);
    lost.status();
    members.kill(1);
  }

  @AfterAll
  static void stop() {
    survivor.close();
    lost.close();
    members.close();
  }

  @Test
  void firstUseWhenOwnMemberLostThenUnavailableNamingOnlyTheFailure() {
    assertThatThrownBy(() -> lost.firstUse("jti", "secret-key", TTL))
        .isInstanceOf(GridUnavailableException.class)
        .hasMessageStartingWith("Grid firstUse failed: ")
        .hasMessageNotContaining("secret-key");
    assertThatThrownBy(() -> lost.publish("c", "m")).isInstanceOf(GridUnavailableException.class);
    assertThatThrownBy(() -> lost.subscribe("c", m -> {}))
        .isInstanceOf(GridUnavailableException.class);
    assertThatThrownBy(() -> lost.jcache("buckets")).isInstanceOf(GridUnavailableException.class);
  }

  @Test
  void statusWhenOwnMemberLostThenDownWithNoMembers() {
    assertThat(lost.status()).isEqualTo(new GridStatus(true, false, 0, false));
  }

  @Test
  void firstUseWhenOtherMemberLostThenSurvivorKeepsItsMarks() {
    assertThat(survivor.firstUse("jti", "before", TTL)).isFalse();
    assertThat(survivor.firstUse("jti", "after", TTL)).isTrue();
    assertThat(survivor.status().up()).isTrue();
  }

  @Test
  void fallbackWhenClusterLostThenLocalStateLoggedOnceAndReported() {
    FakeTime time = new FakeTime();
    Grid fallback = new FallbackGrid(lost, Grid.local(time));
    List<String> got = new ArrayList<>();
    try (LogCapture log = LogCapture.start()) {
      fallback.subscribe("revoked", got::add);

      assertThat(fallback.firstUse("jti", "k", TTL)).isTrue();
      assertThat(fallback.firstUse("jti", "k", TTL)).isFalse();
      fallback.publish("revoked", "key-1");
      assertThat(fallback.jcache("buckets")).isEmpty();

      assertThat(got).containsExactly("key-1");
      assertThat(fallback.status()).isEqualTo(new GridStatus(true, true, 0, true));
      assertThat(log.messages(Grid.class.getName()))
          .filteredOn(m -> m.startsWith("Grid cluster"))
          .containsExactly(
              "Grid cluster lost (Grid subscribe failed: java.lang.IllegalStateException);"
                  + " serving from this node's own state (grid.onLoss=local)");
    }
  }

  @Test
  void fallbackWhenClusterReachableThenClusterStateUsed() {
    Grid fallback = new FallbackGrid(survivor, Grid.local(new FakeTime()));

    assertThat(fallback.firstUse("jti", "before", TTL)).isFalse();
    assertThat(fallback.jcache("buckets")).isPresent();
    assertThat(fallback.status().fallback()).isFalse();
  }
}
