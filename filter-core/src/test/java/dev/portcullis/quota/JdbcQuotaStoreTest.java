package dev.portcullis.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.ServiceUnavailableException;
import dev.portcullis.testing.FakeTime;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's SQL on H2, with fake time for refills. */
class JdbcQuotaStoreTest {
  private static final String ALICE = "key:a11ce00000000005";
  private static final Duration DAY = Duration.ofDays(1);
  private final FakeTime time = new FakeTime();
  private QuotaDatabase database;
  private JdbcQuotaStore store;

  @BeforeEach
  void open() throws Exception {
    database = new QuotaDatabase();
    store = JdbcQuotaStore.create(database.dataSource(), QuotaDatabase.settings(Map.of()), time);
  }

  @AfterEach
  void close() throws Exception {
    database.close();
  }

  private void give(long remaining, long capacity, long refill, Duration every) throws Exception {
    store.set(ALICE, new Balance(remaining, capacity, refill, every.toMillis(), 0));
  }

  @Test
  void debitWhenBalanceCoversCostThenTakesItAndTellsWhatIsLeft() throws Exception {
    give(10, 10, 0, Duration.ZERO);

    assertThat(store.debit(ALICE, 3)).isEqualTo(Debit.debited(7));
    assertThat(store.debit(ALICE, 7)).isEqualTo(Debit.debited(0));
    assertThat(store.balance(ALICE).orElseThrow().remaining()).isZero();
  }

  @Test
  void debitWhenBalanceShortAndNoRefillThenTakesNothingAndNoRetryAfter() throws Exception {
    give(2, 10, 0, Duration.ZERO);

    assertThat(store.debit(ALICE, 3)).isEqualTo(Debit.insufficient(2, Optional.empty()));
    assertThat(store.balance(ALICE).orElseThrow().remaining()).isEqualTo(2);
  }

  @Test
  void debitWhenBalanceShortThenRetryAfterIsTheRefillThatCoversTheCost() throws Exception {
    give(0, 100, 10, DAY);
    time.advance(Duration.ofHours(6));

    // 25 credits need three refills of 10: the third boundary is 3 days after the start
    assertThat(store.debit(ALICE, 25))
        .isEqualTo(Debit.insufficient(0, Optional.of(Duration.ofDays(3).minusHours(6))));
  }

  @Test
  void debitWhenIntervalsPassThenRefillsUpToCapacityAndKeepsTheBoundary() throws Exception {
    give(0, 15, 10, DAY);
    time.advance(DAY.minusMillis(1));
    assertThat(store.debit(ALICE, 1).outcome()).isEqualTo(Debit.Outcome.INSUFFICIENT);

    time.advance(Duration.ofMillis(1));
    assertThat(store.debit(ALICE, 1)).isEqualTo(Debit.debited(9));

    time.advance(Duration.ofDays(5)); // five refills of 10, capped at 15
    assertThat(store.debit(ALICE, 15)).isEqualTo(Debit.debited(0));
    // the boundary moved to day 6, not to the moment of the debit
    time.advance(DAY.minusMillis(1));
    assertThat(store.debit(ALICE, 1).outcome()).isEqualTo(Debit.Outcome.INSUFFICIENT);
  }

  @Test
  void debitWhenBalanceAboveCapacityThenRefillKeepsTheTopUp() throws Exception {
    give(500, 100, 10, DAY);
    time.advance(Duration.ofDays(3));

    assertThat(store.debit(ALICE, 1)).isEqualTo(Debit.debited(499));
  }

  @Test
  void debitWhenSubjectHasNoBalanceThenUnmetered() throws Exception {
    assertThat(store.debit("principal:nobody", 1)).isEqualTo(Debit.UNMETERED);
    assertThat(store.charge("principal:nobody", 1)).isEqualTo(Debit.UNMETERED);
  }

  @Test
  void chargeWhenBeyondBalanceThenGoesNegativeAndRefusesUntilRefillsCoverIt() throws Exception {
    give(5, 100, 10, DAY);

    assertThat(store.charge(ALICE, 30)).isEqualTo(Debit.debited(-25));
    assertThat(store.debit(ALICE, 1))
        .isEqualTo(Debit.insufficient(-25, Optional.of(Duration.ofDays(3))));

    time.advance(Duration.ofDays(3));
    assertThat(store.debit(ALICE, 1)).isEqualTo(Debit.debited(4));
  }

  @Test
  void chargeWhenHugeThenBalanceStopsAtTheBound() throws Exception {
    give(0, 0, 0, Duration.ZERO);
    for (int i = 0; i < 3; i++) {
      store.charge(ALICE, Balance.MAX_AMOUNT);
    }
    assertThat(store.balance(ALICE).orElseThrow().remaining()).isEqualTo(-Balance.MAX_AMOUNT);
  }

  @Test
  void debitWhenIdleForAgesWithTinyIntervalThenNoOverflow() throws Exception {
    give(0, Balance.MAX_AMOUNT, Balance.MAX_AMOUNT, Duration.ofMillis(1));
    time.advance(Duration.ofDays(365 * 50));

    assertThat(store.debit(ALICE, 1)).isEqualTo(Debit.debited(Balance.MAX_AMOUNT - 1));
  }

  @Test
  void debitWhenCostOutOfRangeThenIllegalArgument() {
    assertThatThrownBy(() -> store.debit(ALICE, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cost out of range: [-1]");
  }

  @Test
  void debitWhenTableMissingThenServiceUnavailableNamingTheSqlState() throws Exception {
    database.execute("DROP TABLE portcullis_quotas");

    assertThatThrownBy(() -> store.debit(ALICE, 1))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessage("Quota store unavailable: SQLState 42S04 JdbcSQLSyntaxErrorException");
  }

  @Test
  void setWhenRowExistsThenReplacesItAndRestartsTheInterval() throws Exception {
    give(1, 1, 1, DAY);
    time.advance(Duration.ofHours(12));
    give(50, 60, 5, DAY);

    assertThat(store.balance(ALICE))
        .contains(new Balance(50, 60, 5, DAY.toMillis(), time.millis()));
  }
}
