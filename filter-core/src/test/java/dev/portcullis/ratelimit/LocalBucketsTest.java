package dev.portcullis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeTime;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Buckets of this process: found by key, full ones swept on creation, never an extra token. */
class LocalBucketsTest {
  private final FakeTime time = new FakeTime();
  private final LocalBuckets buckets =
      new LocalBuckets(RateLimitStageFactory.wallClock(time), time);

  private static Policy policy(String... bands) {
    List<Band> parsed = new java.util.ArrayList<>();
    for (String band : bands) {
      parsed.addAll(
          Band.parseAll(dev.portcullis.config.Config.of(java.util.Map.of()), "limit", band));
    }
    return new Policy("test", parsed);
  }

  private static long take(LocalBuckets buckets, String key, Policy policy) {
    return buckets.take(
        key, policy, (bucket, p) -> bucket.tryConsumeAndReturnRemaining(1).getRemainingTokens());
  }

  @Test
  void bucketWhenSameKeyThenSameBucketAndOtherKeyOther() {
    Policy policy = policy("10/1m");
    Bucket one = buckets.bucket("a", policy);

    assertThat(buckets.bucket("a", policy)).isSameAs(one);
    assertThat(buckets.bucket("b", policy)).isNotSameAs(one);
  }

  @Test
  void takeWhenSpentThenRemainingFallsAndRefusedAtZero() {
    Policy policy = policy("3/1m");

    assertThat(take(buckets, "a", policy)).isEqualTo(2);
    assertThat(take(buckets, "a", policy)).isEqualTo(1);
    assertThat(take(buckets, "a", policy)).isEqualTo(0);
    assertThat(buckets.bucket("a", policy).tryConsume(1)).isFalse();
  }

  @Test
  void createWhenSweepIntervalPassedThenFullBucketsDroppedAndSpentKept() {
    Policy minute = policy("5/1m");
    Policy hour = policy("5/1h");
    take(buckets, "full-again", minute);
    take(buckets, "spent", hour);
    time.advance(LocalBuckets.SWEEP_INTERVAL.plusSeconds(1));

    buckets.bucket("new", minute);

    assertThat(buckets.size()).isEqualTo(2);
    assertThat(take(buckets, "spent", hour)).isEqualTo(3);
    assertThat(take(buckets, "full-again", minute)).isEqualTo(4);
  }

  @Test
  void createWhenIntervalNotPassedThenNothingSwept() {
    Policy minute = policy("5/1m");
    buckets.bucket("a", minute);
    time.advance(Duration.ofSeconds(59));

    buckets.bucket("b", minute);

    assertThat(buckets.size()).isEqualTo(2);
  }

  @Test
  void sweepWhenSeveralBandsThenKeptWhileAnyBandIsSpent() {
    Policy two = policy("5/1m", "100/1h");
    take(buckets, "a", two);
    time.advance(Duration.ofMinutes(2));

    buckets.bucket("b", two);

    assertThat(buckets.size()).isEqualTo(2);
  }

  @Test
  void createWhenBoundReachedAndAllSpentThenDroppedDownToSweptSize() {
    Policy hour = policy("5/1h");
    for (int i = 0; i < LocalBuckets.MAXIMUM_KEYS; i++) {
      take(buckets, "k" + i, hour);
    }

    buckets.bucket("one-more", hour);

    assertThat(buckets.size()).isEqualTo(LocalBuckets.SWEPT_SIZE + 1);
  }

  @Test
  void takeWhenItsBucketIsSweptMeanwhileThenTakenAgainFromTheBucketInForce() {
    Policy minute = policy("5/1m");
    buckets.bucket("a", minute);
    AtomicInteger calls = new AtomicInteger();

    long remaining =
        buckets.take(
            "a",
            minute,
            (bucket, p) -> {
              long left = bucket.tryConsumeAndReturnRemaining(1).getRemainingTokens();
              if (calls.incrementAndGet() == 1) {
                // the window turns (the bucket is full again) and a new key's creation sweeps
                time.advance(Duration.ofMinutes(2));
                buckets.bucket("b", minute);
              }
              return left;
            });

    assertThat(calls).hasValue(2);
    assertThat(remaining).isEqualTo(4);
    assertThat(take(buckets, "a", minute)).isEqualTo(3);
  }
}
