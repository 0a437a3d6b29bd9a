package dev.portcullis.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeTime;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The debit's SQL on a real PostgreSQL, with two stores standing for two nodes. */
class PostgresQuotaTest {
  private static final int CLIENTS = 50;
  private static EmbeddedPostgres postgres;
  private final FakeTime time = new FakeTime();

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(QuotaDatabase.schema("postgresql"));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  private JdbcQuotaStore node() {
    return JdbcQuotaStore.create(
        postgres.getPostgresDatabase(), QuotaDatabase.settings(Map.of("maxWaiting", "64")), time);
  }

  @Test
  void debitWhenFiftyClientsSpendThroughTwoNodesThenExactlyTheBalanceIsAccepted() throws Exception {
    List<JdbcQuotaStore> nodes = List.of(node(), node());
    nodes.get(0).set("key:shared0000000001", new Balance(1000, 1000, 0, 0, 0));
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      JdbcQuotaStore store = nodes.get(c % 2);
      clients.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < 25; i++) { // 1,250 attempts in all
                  Debit debit = store.debit("key:shared0000000001", 1);
                  (debit.outcome() == Debit.Outcome.DEBITED ? accepted : refused).incrementAndGet();
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> client : clients) {
      client.get();
    }
    pool.shutdown();

    assertThat(accepted.get()).isEqualTo(1000);
    assertThat(refused.get()).isEqualTo(250);
    assertThat(remaining(postgres.getPostgresDatabase(), "key:shared0000000001")).isZero();
  }

  @Test
  void debitWhenRefillsDueThenFoldedInByTheSameStatement() throws Exception {
    JdbcQuotaStore store = node();
    store.set("principal:pat", new Balance(0, 20, 5, Duration.ofHours(1).toMillis(), 0));
    assertThat(store.debit("principal:pat", 5))
        .isEqualTo(Debit.insufficient(0, Optional.of(Duration.ofHours(1))));

    time.advance(Duration.ofHours(3));
    assertThat(store.debit("principal:pat", 5)).isEqualTo(Debit.debited(10));
    assertThat(store.charge("principal:pat", 30)).isEqualTo(Debit.debited(-20));
    assertThat(store.debit("principal:nobody", 1)).isEqualTo(Debit.UNMETERED);
  }

  private static long remaining(DataSource dataSource, String subject) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet row =
            s.executeQuery(
                "SELECT remaining FROM portcullis_quotas WHERE subject = '" + subject + "'")) {
      row.next();
      return row.getLong(1);
    }
  }
}
