package dev.portcullis.grid;

import com.hazelcast.cache.HazelcastCacheManager;
import com.hazelcast.config.CacheConfig;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.MaxSizePolicy;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;

/**
 * Cache configurations for Hazelcast (Payara Micro's data grid), whose JCache caches otherwise
 * evict by count (about 10,000 entries) before entries expire: a first-use mark evicted early would
 * let its proof or key be used twice, a rate-limit bucket evicted early would start full again.
 * Portcullis's caches keep their expiry and are never evicted, so the grid holds what was written
 * within one expiry period. Loaded only when Hazelcast is on the class path; {@link #isHazelcast}
 * says whether it is and the cache manager is Hazelcast's.
 */
final class HazelcastCaches {
  private static final String MANAGER = "com.hazelcast.cache.HazelcastCacheManager";

  private HazelcastCaches() {}

  /** Whether {@code manager} is Hazelcast's, with Hazelcast's classes visible to this library. */
  static boolean isHazelcast(CacheManager manager) {
    try {
      Class<?> type = Class.forName(MANAGER, false, HazelcastCaches.class.getClassLoader());
      return type.isInstance(manager) || unwraps(manager);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static boolean unwraps(CacheManager manager) {
    try {
      return manager.unwrap(HazelcastCacheManager.class) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

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
