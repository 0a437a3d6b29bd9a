package dev.portcullis.ratelimit;

import dev.portcullis.config.Metrics;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.remote.CommandResult;
import io.github.bucket4j.distributed.remote.Request;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;
import io.github.bucket4j.grid.jcache.JCacheProxyManager;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.Cache;

/**
 * Buckets in the cluster's data grid, through Bucket4j's JCache back end: every token is taken by
 * one atomic entry processor on the node that owns the bucket, so all nodes together admit at most
 * the limit (no local batching, no overshoot), at the cost of one grid round trip per request.
 * Bucket4j's time is the filter's wall clock, sent with each request, so every node computes the
 * same clock-aligned windows (up to the nodes' clock skew).
 *
 * <p>Every command Bucket4j sends to the grid (one JCache {@code invoke}) is counted in {@link
 * #operations()}: one per request once a bucket exists, two for the request that creates it. The
 * count is the gauge {@value #OPERATIONS} (on MicroProfile Metrics {@code
 * portcullis_rateLimit_gridOperations}), so a benchmark reads grid operations per request instead
 * of assuming them.
 */
final class GridBuckets implements Buckets {
  /** The gauge of {@link #operations()}, cumulative since the filter started. */
  static final String OPERATIONS = "rateLimit.gridOperations";

  private final LongAdder operations = new LongAdder();
  private final ProxyManager<String> proxies;

  GridBuckets(Cache<String, byte[]> cache, TimeMeter clock) {
    this.proxies =
        new JCacheProxyManager<>(
            Bucket4jJCache.entryProcessorBasedBuilder(cache).clientClock(clock)) {
          @Override
          public <T> CommandResult<T> execute(String key, Request<T> request) {
            operations.increment();
            return super.execute(key, request);
          }
        };
  }

  /**
   * Grid buckets whose operations count in {@code metrics}.
   *
   * @param cache the grid's rate-limit cache
   * @param clock Bucket4j's time, the filter's wall clock
   * @param metrics where the gauge {@value #OPERATIONS} goes
   * @return the buckets
   */
  static GridBuckets measured(Cache<String, byte[]> cache, TimeMeter clock, Metrics metrics) {
    GridBuckets buckets = new GridBuckets(cache, clock);
    metrics.gauge(OPERATIONS, Map.of(), buckets::operations);
    return buckets;
  }

  @Override
  public Bucket bucket(String key, Policy policy) {
    return proxies.builder().build(key, policy::configuration);
  }

  /**
   * The grid operations this node has sent since it started, successful or not.
   *
   * @return the number of entry-processor invocations on the rate-limit cache
   */
  long operations() {
    return operations.sum();
  }
}
