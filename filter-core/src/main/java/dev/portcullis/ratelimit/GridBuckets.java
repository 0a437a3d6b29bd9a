package dev.portcullis.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;
import javax.cache.Cache;

/**
 * Buckets in the cluster's data grid, through Bucket4j's JCache back end: every token is taken by
 * one atomic entry processor on the node that owns the bucket, so all nodes together admit at most
 * the limit (no local batching, no overshoot), at the cost of one grid round trip per request.
 * Bucket4j's time is the filter's wall clock, sent with each request, so every node computes the
 * same clock-aligned windows (up to the nodes' clock skew).
 */
final class GridBuckets implements Buckets {
  private final ProxyManager<String> proxies;

  GridBuckets(Cache<String, byte[]> cache, TimeMeter clock) {
    this.proxies = Bucket4jJCache.entryProcessorBasedBuilder(cache).clientClock(clock).build();
  }

  @Override
  public Bucket bucket(String key, Policy policy) {
    return proxies.builder().build(key, policy::configuration);
  }
}
