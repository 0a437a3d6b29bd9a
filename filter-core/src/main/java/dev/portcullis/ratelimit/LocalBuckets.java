package dev.portcullis.ratelimit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * Buckets in this process: Bucket4j buckets in a concurrent map, so finding a credential's bucket
 * costs one hash lookup. Each bucket synchronizes on itself (Bucket4j's {@code SYNCHRONIZED}): an
 * uncontended lock costs less than the lock-free strategy's copy of the state per request, and
 * threads sharing one key wait briefly instead of retrying (BENCHMARKS.md, RateLimitBenchmark).
 *
 * <p>A bucket that is full again is exactly what a new one would be, so a sweep drops full buckets,
 * and that never grants more than the limit. Sweeps run only when a bucket is created: at most once
 * per {@link #SWEEP_INTERVAL} of the filter's ticker, and whenever {@value #MAXIMUM_KEYS} buckets
 * exist. Only when that many credentials have partly spent buckets at once does a sweep drop spent
 * buckets too (down to {@value #SWEPT_SIZE}), granting those credentials a fresh budget.
 *
 * <p>A sweep decides on each bucket under the map's lock of its key and marks it retired first; a
 * request that took its token from a bucket marked retired waits for that decision, and takes again
 * from the bucket in force when its bucket was dropped. So a sweep racing a request grants nothing.
 */
final class LocalBuckets implements Buckets {
  static final int MAXIMUM_KEYS = 100_000;

  /** The size a sweep at the bound leaves at most. */
  static final int SWEPT_SIZE = MAXIMUM_KEYS - MAXIMUM_KEYS / 16;

  /** How often, at most, creating a bucket also sweeps full buckets. */
  static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

  private final ConcurrentHashMap<String, Entry> buckets = new ConcurrentHashMap<>();
  private final ReentrantLock sweeping = new ReentrantLock();
  private final TimeMeter meter;
  private final Ticker ticker;
  private volatile long lastSweep;

  /** A bucket, the capacities that make it full, and whether a sweep is deciding on it. */
  private static final class Entry {
    final Bucket bucket;
    final long[] capacities;
    volatile boolean retired;

    Entry(Bucket bucket, long[] capacities) {
      this.bucket = bucket;
      this.capacities = capacities;
    }

    boolean full() {
      if (capacities.length == 1) {
        return bucket.getAvailableTokens() >= capacities[0];
      }
      long[] available =
          bucket
              .asVerbose()
              .getAvailableTokens()
              .getDiagnostics()
              .getAvailableTokensPerEachBandwidth();
      for (int i = 0; i < capacities.length; i++) {
        if (available[i] < capacities[i]) {
          return false;
        }
      }
      return true;
    }
  }

  LocalBuckets(TimeMeter meter, Ticker ticker) {
    this.meter = meter;
    this.ticker = ticker;
    this.lastSweep = ticker.read();
  }

  @Override
  public Bucket bucket(String key, Policy policy) {
    return entry(key, policy).bucket;
  }

  @Override
  public <T> T take(String key, Policy policy, BiFunction<Bucket, Policy, T> taker) {
    while (true) {
      Entry entry = entry(key, policy);
      T answer = taker.apply(entry.bucket, policy);
      // a sweep marks before it decides; waiting for the key's lock waits for its decision
      if (!entry.retired || buckets.compute(key, (k, now) -> now) == entry) {
        return answer;
      }
    }
  }

  /** How many buckets this process holds. */
  int size() {
    return buckets.size();
  }

  private Entry entry(String key, Policy policy) {
    Entry entry = buckets.get(key);
    if (entry != null) {
      return entry;
    }
    sweepIfDue();
    return buckets.computeIfAbsent(key, k -> create(policy));
  }

  private void sweepIfDue() {
    boolean atBound = buckets.size() >= MAXIMUM_KEYS;
    if (!atBound && ticker.read() - lastSweep < SWEEP_INTERVAL.toNanos()) {
      return;
    }
    if (!sweeping.tryLock()) {
      return;
    }
    try {
      lastSweep = ticker.read();
      for (String key : buckets.keySet()) {
        buckets.computeIfPresent(key, (k, entry) -> drop(entry, true) ? null : entry);
      }
      for (String key : buckets.keySet()) {
        if (buckets.size() <= SWEPT_SIZE) {
          break;
        }
        buckets.computeIfPresent(key, (k, entry) -> drop(entry, false) ? null : entry);
      }
    } finally {
      sweeping.unlock();
    }
  }

  /** Marks the entry retired, then decides; unmarks a kept one. */
  private static boolean drop(Entry entry, boolean onlyFull) {
    entry.retired = true;
    if (!onlyFull || entry.full()) {
      return true;
    }
    entry.retired = false;
    return false;
  }

  private Entry create(Policy policy) {
    LocalBucketBuilder builder =
        Bucket.builder()
            .withCustomTimePrecision(meter)
            .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED);
    Bandwidth[] bands = policy.configuration().getBandwidths();
    long[] capacities = new long[bands.length];
    for (int i = 0; i < bands.length; i++) {
      builder.addLimit(bands[i]);
      capacities[i] = bands[i].getCapacity();
    }
    return new Entry(builder.build(), capacities);
  }
}
