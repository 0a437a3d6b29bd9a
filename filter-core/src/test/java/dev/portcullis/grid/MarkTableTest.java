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
  void firstUseWhenKeyNotFingerprintThenHashedFirst() {
    MarkTable table = new MarkTable("s", TTL, 100);
    String fingerprint = Fingerprint.of("x");
    String notBase64 = fingerprint.substring(0, 42) + "!";
    String shorter = fingerprint.substring(0, 42);

    assertThat(table.firstUse(fingerprint, START)).isTrue();
    assertThat(table.firstUse(notBase64, START)).isTrue();
    assertThat(table.firstUse(shorter, START)).isTrue();
    assertThat(table.firstUse("a", START)).isTrue();
    assertThat(table.firstUse("a", START)).isFalse();
    assertThat(table.firstUse(notBase64, START)).isFalse();
    assertThat(table.firstUse(shorter, START)).isFalse();
  }

  @Test
  void firstUseWhenFingerprintsShareFirst11CharactersThenOneMark() {
    MarkTable table = new MarkTable("s", TTL, 100);
    String fingerprint = Fingerprint.of("x");
    // 63 bits of characters 0 to 10 identify a fingerprint; the rest are not read
    String sameBits = fingerprint.substring(0, 11) + Fingerprint.of("y").substring(11);
    String otherBits = (fingerprint.charAt(0) == 'A' ? "B" : "A") + fingerprint.substring(1);

    assertThat(table.firstUse(fingerprint, START)).isTrue();
    assertThat(table.firstUse(sameBits, START)).isFalse();
    assertThat(table.firstUse(otherBits, START)).isTrue();
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
