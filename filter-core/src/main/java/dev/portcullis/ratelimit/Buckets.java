package dev.portcullis.ratelimit;

import io.github.bucket4j.Bucket;
import java.util.function.BiFunction;

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

  /**
   * Takes from the bucket of {@code key}: {@code taker} consumes and says how to answer. Where
   * buckets can be dropped while in use, the taking is repeated on the bucket that replaced it, so
   * every answer counts against the bucket in force.
   *
   * @param key the partition key, already prefixed by the policy id
   * @param policy its policy
   * @param taker consumes from the bucket
   * @param <T> the answer
   * @return what {@code taker} answered
   */
  default <T> T take(String key, Policy policy, BiFunction<Bucket, Policy, T> taker) {
    return taker.apply(bucket(key, policy), policy);
  }

  @Override
  default void close() {}
}
