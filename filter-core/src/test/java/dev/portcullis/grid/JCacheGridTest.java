package dev.portcullis.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clustered grid against a real JCache provider: two Hazelcast members in this JVM, clustered
 * over TCP/IP on loopback, each with its own grid.
 */
class JCacheGridTest {
  private static final Duration TTL = Duration.ofMinutes(1);

  /** Generous: a bound on waiting for an asynchronous delivery, not a timing assertion. */
  private static final long DELIVERY_SECONDS = 30;

  private static Members members;
  private static JCacheGrid a;
  private static JCacheGrid b;

  @BeforeAll
  static void start() {
    members = new Members(2);
    a = new JCacheGrid(members.manager(0), false);
    b = new JCacheGrid(members.manager(1), false);
  }

  @AfterAll
  static void stop() {
    a.close();
    b.close();
    members.close();
  }

  @Test
  void membersWhenStartedThenTheySeeEachOther() {
    assertThat(members.instance(0).getCluster().getMembers()).hasSize(2);
  }

  @Test
  void firstUseWhenMarkedOnOneNodeThenRefusedOnTheOther() {
    assertThat(a.firstUse("jti", "k1", TTL)).isTrue();
    assertThat(b.firstUse("jti", "k1", TTL)).isFalse();
    assertThat(a.firstUse("jti", "k1", TTL)).isFalse();
    assertThat(b.firstUse("jti", "k2", TTL)).isTrue();
    assertThat(b.firstUse("other", "k1", TTL)).isTrue();
  }

  @Test
  void firstUseWhenKeyLongerThanFingerprintThenStoredAsItsDigestAndStillOncePerKey() {
    String thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";
    String longKey = thumbprint + " " + "j".repeat(256);
    String otherKey = thumbprint + " " + "j".repeat(255) + "k";

    assertThat(a.firstUse("long", longKey, TTL)).isTrue();
    assertThat(b.firstUse("long", longKey, TTL)).isFalse();
    assertThat(b.firstUse("long", otherKey, TTL)).isTrue();
    assertThat(a.firstUse("long", thumbprint, TTL)).isTrue(); // 43 characters: kept as it is

    javax.cache.Cache<String, Boolean> marks =
        members.manager(1).getCache("portcullis.firstUse.long.PT1M", String.class, Boolean.class);
    List<String> stored = new ArrayList<>();
    marks.forEach(entry -> stored.add(entry.getKey()));
    assertThat(stored)
        .containsExactlyInAnyOrder(
            JCacheGrid.compact(longKey), JCacheGrid.compact(otherKey), thumbprint);
    assertThat(JCacheGrid.compact(longKey))
        .hasSize(43)
        .isEqualTo(dev.portcullis.Fingerprint.of(longKey));
  }

  @Test
  void firstUseWhenRacedOnBothNodesThenExactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        Grid grid = i % 2 == 0 ? a : b;
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
  void firstUseWhenSpaceCreatedThenMarksExpireTtlAfterCreation() {
    a.firstUse("expiring", "k", Duration.ofSeconds(90));

    @SuppressWarnings("unchecked")
    CompleteConfiguration<String, Boolean> configuration =
        members
            .manager(1)
            .getCache("portcullis.firstUse.expiring.PT1M30S", String.class, Boolean.class)
            .getConfiguration(CompleteConfiguration.class);
    ExpiryPolicy policy = configuration.getExpiryPolicyFactory().create();
    assertThat(policy.getExpiryForCreation())
        .isEqualTo(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 90_000));
    assertThat(policy.getExpiryForUpdate()).isNull();
    assertThat(policy.getExpiryForAccess()).isNull();
  }

  @Test
  void firstUseWhenFarMoreMarksThanHazelcastsDefaultCacheSizeThenTheFirstIsStillUsed() {
    // Hazelcast's JCache default evicts beyond about 10,000 entries; a mark must live its ttl
    int marks = 25_000;
    for (int i = 0; i < marks; i++) {
      (i % 2 == 0 ? a : b).firstUse("many", "k" + i, TTL);
    }

    int forgotten = 0;
    for (int i = 0; i < marks; i += 97) {
      forgotten += b.firstUse("many", "k" + i, TTL) ? 1 : 0;
    }
    assertThat(forgotten).isZero();
  }

  @Test
  void jcacheWhenFarMoreEntriesThanHazelcastsDefaultCacheSizeThenAllKeptForADay() {
    javax.cache.Cache<String, byte[]> one = a.jcache("many").orElseThrow();
    javax.cache.Cache<String, byte[]> other = b.jcache("many").orElseThrow();
    int entries = 25_000;
    for (int i = 0; i < entries; i++) {
      one.put("k" + i, new byte[] {1});
    }

    int lost = 0;
    for (int i = 0; i < entries; i += 97) {
      lost += other.containsKey("k" + i) ? 0 : 1;
    }
    assertThat(lost).isZero();
    @SuppressWarnings("unchecked")
    CompleteConfiguration<String, byte[]> configuration =
        other.getConfiguration(CompleteConfiguration.class);
    ExpiryPolicy policy = configuration.getExpiryPolicyFactory().create();
    javax.cache.expiry.Duration day =
        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 86_400_000);
    assertThat(policy.getExpiryForCreation()).isEqualTo(day);
    assertThat(policy.getExpiryForUpdate()).isEqualTo(day);
  }

  @Test
  void firstUseWhenOtherTtlForSpaceThenRefused() {
    a.firstUse("fixed", "k", TTL);

    assertThatThrownBy(() -> a.firstUse("fixed", "k2", Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Grid space [fixed] is used with ttl [PT1M], not [PT5S]");
    assertThatThrownBy(() -> a.firstUse("bad name", "k", TTL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publishWhenPublishedOnOneNodeThenEverySubscriberOnBothNodesGetsIt() throws Exception {
    BlockingQueue<String> onA = new LinkedBlockingQueue<>();
    BlockingQueue<String> onB = new LinkedBlockingQueue<>();
    BlockingQueue<String> alsoOnB = new LinkedBlockingQueue<>();
    a.subscribe("revoked", onA::add);
    b.subscribe("revoked", onB::add);
    b.subscribe("revoked", alsoOnB::add);

    a.publish("revoked", "key-1");
    b.publish("revoked", "key-2");

    for (BlockingQueue<String> queue : List.of(onA, onB, alsoOnB)) {
      List<String> got = new ArrayList<>();
      got.add(queue.poll(DELIVERY_SECONDS, TimeUnit.SECONDS));
      got.add(queue.poll(DELIVERY_SECONDS, TimeUnit.SECONDS));
      assertThat(got).containsExactlyInAnyOrder("key-1", "key-2");
    }
  }

  @Test
  void jcacheWhenNamedThenOneCacheForBothNodes() {
    a.jcache("buckets").orElseThrow().put("client-1", new byte[] {1, 2, 3});

    assertThat(b.jcache("buckets").orElseThrow().get("client-1")).containsExactly(1, 2, 3);
    assertThat(members.manager(0).getCache("portcullis.buckets", String.class, byte[].class))
        .isNotNull();
  }

  @Test
  void statusWhenBothNodesBeatThenTwoMembersUp() {
    a.status();

    assertThat(b.status()).isEqualTo(new GridStatus(true, true, 2, false));
    assertThat(a.status()).isEqualTo(new GridStatus(true, true, 2, false));
  }
}
