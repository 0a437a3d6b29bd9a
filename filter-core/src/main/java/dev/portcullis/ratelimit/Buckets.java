package dev.portcullis.ratelimit;

import io.github.bucket4j.Bucket;

/** Where buckets live: this process ({@link LocalBuckets}) or the cluster's grid. */
interface Buckets extends AutoCloseable {

  /**
   * The bucket of {@code key} under {@code policy}, created full on first use.
   *
   * @param key the partition key, already prefixed by the policy id
   * @param policy its policy
   * @return the bucket
   */
  Bucket bucket(String key, Policy policy);

  @Override
  default void close() {}
}
