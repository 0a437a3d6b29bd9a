package dev.portcullis.apikey.jdbc;

import static dev.portcullis.apikey.jdbc.TestKeys.hash;
import static dev.portcullis.apikey.jdbc.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.apikey.jdbc.FilterCalls.Result;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.web.AuthenticationFilter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code apiKey.maxWaiting} against a real PostgreSQL whose key table is locked by another session:
 * exactly that many lookups wait in the database, every other request gets 503 with {@code
 * Retry-After} at once, and all wait-ers pass once the lock goes.
 */
class JdbcLookupBoundTest {
  private static final String TABLE = "portcullis_api_keys";
  private static final int BOUND = 3;
  private static final int BEYOND = 5;
  private static final int REQUESTS = BOUND + BEYOND;
  private static TestDatabase database;

  private final FakeTime time = new FakeTime();
  private final ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
  private AuthenticationFilter filter;

  @BeforeAll
  static void startDatabase() throws Exception {
    database = TestDatabase.start();
    for (int i = 0; i <= REQUESTS; i++) {
      database.insert(id(i), hash(key(id(i))), "user" + i, null, false);
    }
    CapturingStoreFactory.dataSource = database.dataSource();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    database.close();
  }

  @AfterEach
  void stop() {
    pool.shutdownNow();
    if (filter != null) {
      filter.destroy();
    }
  }

  private static String id(int i) {
    return String.format("b0d0000000000%03d", i);
  }

  /** Sessions of the database waiting for a lock on the key table. */
  private static int waitingForTheTable(Connection locker) throws Exception {
    try (Statement s = locker.createStatement();
        ResultSet row =
            s.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = '"
                    + TABLE
                    + "'::regclass")) {
      row.next();
      return row.getInt(1);
    }
  }

  @Test
  void doFilterWhenTableLockedAndMoreRequestsThanBoundThenBoundWaitRest503AtOnceThenRecover()
      throws Exception {
    filter =
        FilterCalls.filter(
            time,
            Map.of(
                "apiKey.store", "jdbcTest",
                "apiKey.maxWaiting", String.valueOf(BOUND),
                "apiKey.queryTimeout", "300s",
                "apiKey.lastUsedFlushInterval", "0s"));
    CyclicBarrier start = new CyclicBarrier(REQUESTS);
    CountDownLatch refused = new CountDownLatch(BEYOND);
    Queue<Result> finished = new ConcurrentLinkedQueue<>();
    List<Future<Result>> results = new ArrayList<>();
    try (Connection locker = database.dataSource().getConnection()) {
      locker.setAutoCommit(false);
      locker.createStatement().execute("LOCK TABLE " + TABLE + " IN ACCESS EXCLUSIVE MODE");
      for (int i = 0; i < REQUESTS; i++) {
        String key = key(id(i));
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  Result result = FilterCalls.send(filter, key);
                  finished.add(result);
                  if (result.status() == 503) {
                    refused.countDown();
                  }
                  return result;
                }));
      }

      // hang guard only: without a bound nobody is refused while the lock is held
      assertThat(refused.await(60, TimeUnit.SECONDS)).as("503s while the table is locked").isTrue();
      assertThat(finished).hasSize(BEYOND);
      for (Result r : finished) {
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.response().header("Retry-After")).isEqualTo("5");
        assertThat(r.response().headers("WWW-Authenticate")).isEmpty();
        assertThat(r.chain().called()).isFalse();
      }
      int waiting = 0;
      for (int poll = 0; poll < 100_000 && waiting < BOUND; poll++) {
        waiting = waitingForTheTable(locker);
      }
      assertThat(waiting).isEqualTo(BOUND);
      assertThat(finished).hasSize(BEYOND);

      locker.rollback();
    }

    int passed = 0;
    for (Future<Result> f : results) {
      if (f.get(60, TimeUnit.SECONDS).status() == 200) {
        passed++;
      }
    }
    assertThat(passed).isEqualTo(BOUND);
    for (int i = 0; i <= REQUESTS; i++) {
      assertThat(FilterCalls.send(filter, key(id(i))).status()).as("key %d", i).isEqualTo(200);
    }
  }
}
