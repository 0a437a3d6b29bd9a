package dev.portcullis.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;

/**
 * A limit of one or more {@link Band}s applied to one bucket, with its Bucket4j configuration and
 * its {@code RateLimit-Policy} field value, computed once.
 */
final class Policy {
  private final String id;
  private final Band[] bands;
  private final BucketConfiguration configuration;
  private final String header;
  private final long longestWindowNanos;

  /**
   * A policy.
   *
   * @param id what distinguishes its buckets from another policy's, for example {@code default}
   * @param bands the bands, at least one, windows distinct
   */
  Policy(String id, List<Band> bands) {
    this.id = id;
    this.bands = bands.toArray(Band[]::new);
    ConfigurationBuilder builder = BucketConfiguration.builder();
    StringJoiner header = new StringJoiner(", ");
    long longest = 0;
    for (Band band : bands) {
      builder.addLimit(
          Bandwidth.builder()
              .capacity(band.quota())
              .refillIntervallyAligned(band.quota(), band.window(), Instant.EPOCH)
              .build());
      header.add(RateLimitFields.policy(band));
      longest = Math.max(longest, band.window().toNanos());
    }
    this.configuration = builder.build();
    this.header = header.toString();
    this.longestWindowNanos = longest;
  }

  String id() {
    return id;
  }

  Band band(int index) {
    return bands[index];
  }

  int size() {
    return bands.length;
  }

  BucketConfiguration configuration() {
    return configuration;
  }

  /** The {@code RateLimit-Policy} field value: every band. */
  String header() {
    return header;
  }

  /** How long an idle bucket must be kept: after this it is full again anyway. */
  long longestWindowNanos() {
    return longestWindowNanos;
  }
}
