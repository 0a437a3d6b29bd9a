package dev.portcullis.grid;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * The caches of a {@link JCacheGrid}, all named {@code portcullis.…} and created on first use with
 * the standard configuration: marks expire a fixed time after creation, entries of shared caches
 * {@link #SHARED_IDLE} after their last change, messages a minute after publication, heartbeats
 * {@value #NODE_TTL_SECONDS} seconds after the last beat. On Hazelcast, marks and shared entries
 * are never evicted before they expire ({@link HazelcastCaches}).
 */
final class GridCaches {
  /** How long a node counts as a member after its last heartbeat. */
  static final long NODE_TTL_SECONDS = 15;

  /** How long a published message is kept (it is delivered on creation; this only bounds size). */
  static final Duration EVENT_TTL = Duration.ofMinutes(1);

  /** How long an entry of a shared cache lives after its last change. */
  static final Duration SHARED_IDLE = Duration.ofDays(1);

  private static final String HAZELCAST_MANAGER = "com.hazelcast.cache.HazelcastCacheManager";

  private final CacheManager manager;
  private final boolean hazelcast;

  GridCaches(CacheManager manager) {
    this.manager = manager;
    this.hazelcast = hazelcast(manager);
    String provider = manager.getCachingProvider().getClass().getName();
    System.getLogger(GridCaches.class.getName())
        .log(
            hazelcast ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
            hazelcast
                ? "Grid caches on Hazelcast ({0}): never evicted before they expire"
                : "Grid caches on {0}, not Hazelcast: configure its size eviction off for the"
                    + " portcullis.* caches, or first-use marks can be forgotten early",
            provider);
  }

  /**
   * Whether {@code manager} is Hazelcast's, asked by name: without Hazelcast on the class path no
   * Hazelcast type is touched, so {@link HazelcastCaches} is never loaded.
   */
  private static boolean hazelcast(CacheManager manager) {
    try {
      Class<?> type = Class.forName(HAZELCAST_MANAGER, false, GridCaches.class.getClassLoader());
      return type.isInstance(manager) || unwraps(manager, type);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static boolean unwraps(CacheManager manager, Class<?> type) {
    try {
      return manager.unwrap(type) != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  Cache<String, Boolean> marks(String space, Duration ttl) {
    MutableConfiguration<String, Boolean> configuration =
        new MutableConfiguration<String, Boolean>()
            .setTypes(String.class, Boolean.class)
            .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(duration(ttl)));
    return cache(
        "portcullis.firstUse." + space + "." + ttl,
        configuration,
        hazelcast ? HazelcastCaches.withoutEviction(configuration) : configuration);
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
    MutableConfiguration<String, byte[]> configuration =
        new MutableConfiguration<String, byte[]>()
            .setTypes(String.class, byte[].class)
            .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(duration(SHARED_IDLE)));
    return cache(
        "portcullis." + name,
        configuration,
        hazelcast ? HazelcastCaches.withoutEviction(configuration) : configuration);
  }

  private <V> Cache<String, V> cache(String name, MutableConfiguration<String, V> configuration) {
    return cache(name, configuration, configuration);
  }

  /** The cache, created with {@code creation}, a provider's form of {@code configuration}. */
  private <V> Cache<String, V> cache(
      String name,
      MutableConfiguration<String, V> configuration,
      CompleteConfiguration<String, V> creation) {
    Class<V> type = configuration.getValueType();
    Cache<String, V> cache = manager.getCache(name, String.class, type);
    if (cache != null) {
      return cache;
    }
    try {
      return manager.createCache(name, creation);
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
