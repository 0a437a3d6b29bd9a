package dev.portcullis.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.Fingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The primitive table of one local space: probing, expiry, rebuilding, the bound, races. */
class MarkTableTest {
  private static final long TTL = 1_000;
  private static final long START = -5_000; // the ticker may be anywhere, negative included

  private static List<String> fingerprints(String prefix, int n) {
    List<String> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(Fingerprint.of(prefix + i));
    }
    return keys;
  }

  private static void assertAll(MarkTable table, List<String> keys, long now, boolean first) {
    for (String key : keys) {
      assertThat(table.firstUse(key, now)).as(key).isEqualTo(first);
    }
  }

  @Test
  void firstUseWhenManyKeysThenEachOnceThroughEveryRebuild() {
    MarkTable table = new MarkTable("s", TTL, 1_000_000);
    List<String> keys = fingerprints("k", 50_000);

    assertAll(table, keys, START, true);
    assertAll(table, keys, START + TTL - 1, false);
    assertAll(table, keys, START + TTL, true);
  }

  @Test
  void firstUseWhenExpiredMarksSitInProbeRunsThenLiveOnesStillFound() {
    MarkTable table = new MarkTable("s", TTL, 1_000_000);
    List<String> older = fingerprints("old", 3_000);
    List<String> newer = fingerprints("new", 3_000);
    assertAll(table, older, START, true);
    assertAll(table, newer, START + TTL / 2, true);

    // the older marks expired: their slots may be taken again, but never to hide a newer mark
    assertAll(table, older, START + TTL, true);
    assertAll(table, newer, START + TTL, false);
    assertAll(table, older, START + TTL, false);
  }

  @Test
  void firstUseWhenSteadyStateThenLiveMarksKeptAndExpiredOnesFree() {
    MarkTable table = new MarkTable("s", TTL, 1_000_000);
    List<List<String>> rounds = new ArrayList<>();
    for (int r = 0; r < 12; r++) {
      long now = START + r * TTL / 2;
      List<String> keys = fingerprints("round" + r + "-", 4_000);
      assertAll(table, keys, now, true);
      if (r >= 1) {
        assertAll(table, rounds.get(r - 1), now, false); // half a ttl old: live
      }
      if (r >= 2) {
        assertAll(table, rounds.get(r - 2).subList(0, 100), now, true); // a ttl old: expired
      }
      rounds.add(keys);
    }
  }

  @Test
  void firstUseWhenKeysDifferInAnyOneCharacterOrLengthThenDistinctMarks() {
    MarkTable table = new MarkTable("s", TTL, 1_000_000);
    String base = Fingerprint.of("x") + " " + "j".repeat(256); // a DPoP mark at its longest
    List<String> keys = new ArrayList<>();
    keys.add(base);
    for (int i = 0; i < base.length(); i++) {
      for (char c : new char[] {'k', '\0', '\u0141', '\uffff'}) {
        keys.add(base.substring(0, i) + c + base.substring(i + 1));
      }
    }
    for (int n = 1; n < base.length(); n++) {
      keys.add(base.substring(0, n));
      keys.add(base.substring(base.length() - n));
    }
    keys.add(base + "\0"); // a unit of 0 at the end still counts: the length enters the hash
    keys.add("\0");
    assertThat(keys).doesNotHaveDuplicates();

    assertAll(table, keys, START, true);
    assertAll(table, keys, START, false);
  }

  @Test
  void firstUseWhenTwoTablesThenSeparateSeedsAndSameAnswers() {
    MarkTable one = new MarkTable("s", TTL, 1_000_000);
    MarkTable two = new MarkTable("s", TTL, 1_000_000);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      keys.add("k" + i); // short keys: the tail of the hash only
    }

    assertAll(one, keys, START, true);
    assertAll(two, keys, START, true);
    assertAll(one, keys, START + 1, false);
    assertAll(two, keys, START + TTL, true);
  }

  @Test
  void firstUseWhenFullThenUnavailableUntilMarksExpireAndRefusedUseNotCounted() {
    MarkTable table = new MarkTable("s", TTL, 100);
    List<String> keys = fingerprints("k", 100);
    assertAll(table, keys, START, true);
    String extra = Fingerprint.of("extra");

    assertThatThrownBy(() -> table.firstUse(extra, START))
        .isInstanceOf(GridUnavailableException.class)
        .hasMessage("Grid space s is full");
    assertAll(table, keys, START + 1, false);
    assertThatThrownBy(() -> table.firstUse(extra, START + 1))
        .isInstanceOf(GridUnavailableException.class);

    assertThat(table.firstUse(extra, START + TTL)).isTrue();
    assertAll(table, keys.subList(0, 99), START + TTL, true);
    assertThatThrownBy(() -> table.firstUse(keys.get(99), START + TTL))
        .isInstanceOf(GridUnavailableException.class);
  }

  @Test
  void firstUseWhenSegmentedTableFillsThenFullNearTheBoundNeverAboveIt() {
    int bound = 64 * 4096; // 64 segments of 4,096 live marks each
    MarkTable table = new MarkTable("s", TTL, bound);
    int taken = 0;
    try {
      while (true) {
        assertThat(table.firstUse("k" + taken, START)).isTrue();
        taken++;
      }
    } catch (GridUnavailableException full) {
      assertThat(full).hasMessage("Grid space s is full");
    }
    // one segment fills first: at about 96 % of the bound; below 90 % is six deviations off
    assertThat(taken).isBetween(bound * 9 / 10, bound);
    int refused = taken;
    assertThat(table.firstUse("k0", START + TTL - 1)).isFalse();
    assertThatThrownBy(() -> table.firstUse("k" + refused, START + TTL - 1))
        .isInstanceOf(GridUnavailableException.class);

    assertThat(table.firstUse("k" + refused, START + TTL)).isTrue();
    assertThat(table.firstUse("k0", START + TTL)).isTrue();
  }

  @Test
  void firstUseWhenRacedOnManyKeysThenExactlyOneWinPerKey() throws Exception {
    MarkTable table = new MarkTable("s", TTL, 1_000_000);
    List<String> keys = fingerprints("race", 20_000);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> racers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        racers.add(
            () -> {
              int wins = 0;
              for (String key : keys) {
                wins += table.firstUse(key, START) ? 1 : 0;
              }
              return wins;
            });
      }
      int wins = 0;
      for (Future<Integer> f : pool.invokeAll(racers)) {
        wins += f.get();
      }
      assertThat(wins).isEqualTo(keys.size());
    } finally {
      pool.shutdownNow();
    }
  }
}
