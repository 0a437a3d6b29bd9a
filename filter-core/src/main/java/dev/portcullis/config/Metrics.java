package dev.portcullis.config;

import dev.portcullis.cache.VerdictCache;
import java.time.Duration;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * Where Portcullis reports measurements: MicroProfile Metrics when the server has it, nowhere
 * otherwise. Names are relative (for example {@code decisions}); an implementation adds its prefix
 * ({@code portcullis.}) and the filter's name as tag {@code filter}. Implementations are
 * thread-safe and cheap enough for the request path.
 */
public interface Metrics {

  /** Drops every measurement: for plain servlet containers and tests. */
  Metrics NONE =
      new Metrics() {
        @Override
        public void increment(String name, Map<String, String> tags) {}

        @Override
        public void gauge(String name, Map<String, String> tags, DoubleSupplier value) {}

        @Override
        public void record(String name, Map<String, String> tags, Duration duration) {}
      };

  /**
   * Adds one to a counter.
   *
   * @param name the counter's relative name
   * @param tags its tags
   */
  void increment(String name, Map<String, String> tags);

  /**
   * Registers a value read whenever metrics are collected. Cumulative values (such as cache hit
   * counts) are gauges too, because the source keeps the count.
   *
   * @param name the gauge's relative name
   * @param tags its tags
   * @param value reads the current value; must not block
   */
  void gauge(String name, Map<String, String> tags, DoubleSupplier value);

  /**
   * Records one duration, for example a call to an authorization server.
   *
   * @param name the timer's relative name
   * @param tags its tags
   * @param duration how long it took
   */
  void record(String name, Map<String, String> tags, Duration duration);

  /**
   * Registers the hit, miss, eviction, load-time and size gauges of a verdict cache, tagged {@code
   * cache=<name>}.
   *
   * @param name the cache's name, usually the mechanism's
   * @param cache the cache
   */
  default void cache(String name, VerdictCache cache) {
    Map<String, String> tags = Map.of("cache", name);
    gauge("cache.hits", tags, () -> cache.stats().hitCount());
    gauge("cache.misses", tags, () -> cache.stats().missCount());
    gauge("cache.evictions", tags, () -> cache.stats().evictionCount());
    gauge("cache.loadSeconds", tags, () -> cache.stats().totalLoadTime() / 1e9);
    gauge("cache.size", tags, cache::estimatedSize);
  }
}
