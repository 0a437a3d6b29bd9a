package dev.portcullis.apikey.jdbc;

import static dev.portcullis.apikey.jdbc.TestKeys.hash;
import static dev.portcullis.apikey.jdbc.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.apikey.LastUsedRecorder;
import dev.portcullis.testing.FakeTime;
import dev.portcullis.web.AuthenticationFilter;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Last-used tracking: queued on the request path, written in batches off it. */
class LastUsedTest {
  private static final String ALICE = "a11ce00000000003";
  private static final String BOB = "b0b0000000000003";
  private static final String CAROL = "ca7010000000003a";
  private static TestDatabase database;

  private final FakeTime time = new FakeTime();
  private final AtomicInteger connections = new AtomicInteger();
  private AuthenticationFilter filter;

  @BeforeAll
  static void startDatabase() throws Exception {
    database = TestDatabase.start();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    database.close();
  }

  @BeforeEach
  void startFilter() throws Exception {
    database.execute("DELETE FROM portcullis_api_keys");
    database.insert(ALICE, hash(key(ALICE)), "alice", null, false);
    database.insert(BOB, hash(key(BOB)), "bob", null, false);
    database.insert(CAROL, hash(key(CAROL)), "carol", null, false);
    CapturingStoreFactory.dataSource = counting(database.dataSource());
    filter = FilterCalls.filter(time, Map.of("apiKey.store", "jdbcTest"));
  }

  @AfterEach
  void destroyFilter() {
    filter.destroy();
  }

  /** Counts the connections taken from the data source. */
  private DataSource counting(DataSource target) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                connections.incrementAndGet();
              }
              return method.invoke(target, args);
            });
  }

  @Test
  void flushLastUsedWhenKeysAuthenticatedThenWritesTheFlushTimeOfEachInOneStatement()
      throws Exception {
    FilterCalls.send(filter, key(ALICE));
    FilterCalls.send(filter, key(ALICE));
    FilterCalls.send(filter, key(BOB));
    FilterCalls.send(filter, key(CAROL, "guess"));
    time.advance(Duration.ofSeconds(30));
    int before = connections.get();

    CapturingStoreFactory.last.flushLastUsed();

    assertThat(connections.get() - before).isEqualTo(1);
    assertThat(database.lastUsed(ALICE)).isEqualTo(time.instant());
    assertThat(database.lastUsed(BOB)).isEqualTo(time.instant());
    assertThat(database.lastUsed(CAROL)).isNull();
  }

  @Test
  void doFilterWhenKeyIsCachedThenTouchesNoDatabase() throws Exception {
    FilterCalls.send(filter, key(ALICE));
    int afterFirst = connections.get();

    for (int i = 0; i < 5; i++) {
      assertThat(FilterCalls.send(filter, key(ALICE)).chain().called()).isTrue();
    }

    assertThat(afterFirst).isEqualTo(1);
    assertThat(connections.get()).isEqualTo(1);
    assertThat(database.lastUsed(ALICE)).isNull();
  }

  @Test
  void destroyWhenUsesAreQueuedThenWritesThemBeforeStopping() throws Exception {
    FilterCalls.send(filter, key(ALICE));

    filter.destroy();

    assertThat(database.lastUsed(ALICE)).isEqualTo(time.instant());
  }

  @Test
  void flushLastUsedWhenTrackingIsOffThenWritesNothing() throws Exception {
    filter.destroy();
    filter =
        FilterCalls.filter(
            time, Map.of("apiKey.store", "jdbcTest", "apiKey.lastUsedFlushInterval", "0s"));
    FilterCalls.send(filter, key(ALICE));

    CapturingStoreFactory.last.flushLastUsed();

    assertThat(database.lastUsed(ALICE)).isNull();
  }

  @Test
  void recordWhenPendingIsFullThenDropsFurtherIds() {
    List<List<String>> batches = new ArrayList<>();
    try (LastUsedRecorder recorder =
        new LastUsedRecorder(Duration.ofHours(1), 2, time, (ids, at) -> batches.add(ids))) {
      recorder.record("a");
      recorder.record("b");
      recorder.record("c");
      recorder.record("a");

      assertThat(recorder.pending()).isEqualTo(2);
      recorder.flush();
      assertThat(recorder.pending()).isZero();
    }
    assertThat(batches).hasSize(1);
    assertThat(batches.get(0)).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void flushWhenWriteFailsThenKeepsIdsForTheNextFlush() {
    List<Instant> written = new ArrayList<>();
    AtomicInteger attempts = new AtomicInteger();
    try (LastUsedRecorder recorder =
        new LastUsedRecorder(
            Duration.ofHours(1),
            10,
            time,
            (ids, at) -> {
              if (attempts.incrementAndGet() == 1) {
                throw new SQLException("down", "08001");
              }
              written.add(at);
            })) {
      recorder.record("a");
      recorder.flush();
      assertThat(recorder.pending()).isEqualTo(1);

      time.advance(Duration.ofSeconds(30));
      recorder.flush();

      assertThat(recorder.pending()).isZero();
    }
    assertThat(written).containsExactly(time.instant());
  }

  @Test
  void flushWhenScheduledThenRunsOnTheDaemonThread() throws Exception {
    var done = new java.util.concurrent.CountDownLatch(1);
    List<String> threads = new ArrayList<>();
    try (LastUsedRecorder recorder =
        new LastUsedRecorder(
            Duration.ofMillis(100),
            10,
            time,
            (ids, at) -> {
              threads.add(
                  Thread.currentThread().getName() + " " + Thread.currentThread().isDaemon());
              done.countDown();
            })) {
      recorder.record("a");

      assertThat(done.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
    assertThat(threads).containsExactly("portcullis-api-key-last-used true");
  }
}
