package dev.portcullis.grid;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * The caches of a {@link JCacheGrid}, all named {@code portcullis.…} and created on first use with
 * the standard configuration: marks expire a fixed time after creation, messages a minute after
 * publication, heartbeats {@value #NODE_TTL_SECONDS} seconds after the last beat.
 */
final class GridCaches {
  /** How long a node counts as a member after its last heartbeat. */
  static final long NODE_TTL_SECONDS = 15;

  /** How long a published message is kept (it is delivered on creation; this only bounds size). */
  static final Duration EVENT_TTL = Duration.ofMinutes(1);

  private final CacheManager manager;

  GridCaches(CacheManager manager) {
    this.manager = manager;
  }

  Cache<String, Boolean> marks(String space, Duration ttl) {
    return cache(
        "portcullis.firstUse." + space + "." + ttl,
        new MutableConfiguration<String, Boolean>()
            .setTypes(String.class, Boolean.class)
            .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(duration(ttl))));
  }

  Cache<String, String> events(String channel) {
    return cache(
        "portcullis.channel." + channel,
        new MutableConfiguration<String, String>()
            .setTypes(String.class, String.class)
            .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(duration(EVENT_TTL))));
  }

  Cache<String, Long> nodes() {
    return cache(
        "portcullis.grid.nodes",
        new MutableConfiguration<String, Long>()
            .setTypes(String.class, Long.class)
            .setExpiryPolicyFactory(
                ModifiedExpiryPolicy.factoryOf(
                    new javax.cache.expiry.Duration(TimeUnit.SECONDS, NODE_TTL_SECONDS))));
  }

  Cache<String, byte[]> shared(String name) {
    return cache(
        "portcullis." + name,
        new MutableConfiguration<String, byte[]>().setTypes(String.class, byte[].class));
  }

  private <V> Cache<String, V> cache(String name, MutableConfiguration<String, V> configuration) {
    Class<V> type = configuration.getValueType();
    Cache<String, V> cache = manager.getCache(name, String.class, type);
    if (cache != null) {
      return cache;
    }
    try {
      return manager.createCache(name, configuration);
    } catch (CacheException e) {
      // another node or thread created it first
      Cache<String, V> created = manager.getCache(name, String.class, type);
      if (created == null) {
        throw e;
      }
      return created;
    }
  }

  /** A JCache duration of at least one millisecond. */
  private static javax.cache.expiry.Duration duration(Duration ttl) {
    return new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, Math.max(1, ttl.toMillis()));
  }
}
