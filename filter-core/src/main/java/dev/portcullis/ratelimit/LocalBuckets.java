package dev.portcullis.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.local.SynchronizationStrategy;

/**
 * Buckets in this process: lock-free Bucket4j buckets in a bounded Caffeine cache. An idle bucket
 * is dropped once its longest window has passed (it would be full again by then), so dropping never
 * grants more than the limit; only the size bound can drop a bucket early, when more than {@value
 * #MAXIMUM_KEYS} credentials are active at once.
 */
final class LocalBuckets implements Buckets {
  static final long MAXIMUM_KEYS = 100_000;

  private final Cache<String, Entry> buckets;
  private final TimeMeter meter;

  private record Entry(Bucket bucket, long keepNanos) {}

  LocalBuckets(TimeMeter meter, Ticker ticker) {
    this.meter = meter;
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(MAXIMUM_KEYS)
            .ticker(ticker)
            .expireAfter(
                new Expiry<String, Entry>() {
                  @Override
                  public long expireAfterCreate(String key, Entry entry, long now) {
                    return entry.keepNanos();
                  }

                  @Override
                  public long expireAfterUpdate(String key, Entry entry, long now, long left) {
                    return entry.keepNanos();
                  }

                  @Override
                  public long expireAfterRead(String key, Entry entry, long now, long left) {
                    return entry.keepNanos();
                  }
                })
            .build();
  }

  @Override
  public Bucket bucket(String key, Policy policy) {
    Entry entry = buckets.getIfPresent(key);
    if (entry == null) {
      entry = buckets.get(key, k -> create(policy));
    }
    return entry.bucket();
  }

  private Entry create(Policy policy) {
    LocalBucketBuilder builder =
        Bucket.builder()
            .withCustomTimePrecision(meter)
            .withSynchronizationStrategy(SynchronizationStrategy.LOCK_FREE);
    for (Bandwidth band : policy.configuration().getBandwidths()) {
      builder.addLimit(band);
    }
    return new Entry(builder.build(), policy.longestWindowNanos());
  }
}
