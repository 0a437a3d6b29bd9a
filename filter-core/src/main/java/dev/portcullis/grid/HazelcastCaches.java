package dev.portcullis.grid;

import com.hazelcast.config.CacheConfig;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.MaxSizePolicy;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;

/**
 * Cache configurations for Hazelcast (Payara Micro's data grid), whose JCache caches otherwise
 * evict by count (about 10,000 entries) before entries expire: a first-use mark evicted early would
 * let its proof or key be used twice, a rate-limit bucket evicted early would start full again.
 * Portcullis's caches keep their expiry and are never evicted, so the grid holds what was written
 * within one expiry period. Loaded only when the cache manager is Hazelcast's: {@link GridCaches}
 * asks by class name, so without Hazelcast no Hazelcast type is ever resolved.
 */
final class HazelcastCaches {
  private HazelcastCaches() {}

  /** {@code configuration} as a Hazelcast cache configuration without size eviction. */
  static <V> CompleteConfiguration<String, V> withoutEviction(
      MutableConfiguration<String, V> configuration) {
    CacheConfig<String, V> config = new CacheConfig<>(configuration);
    config.setEvictionConfig(
        new EvictionConfig()
            .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
            .setSize(Integer.MAX_VALUE));
    return config;
  }
}
