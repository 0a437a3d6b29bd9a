package dev.portcullis.grid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * The grid of a cluster, on the standard JCache API only: marks are {@code putIfAbsent} into a
 * cache per space with a created-expiry policy of the space's ttl, messages are entries of a small
 * cache per channel whose entry listener delivers them on every node, and every node writes a
 * heartbeat entry so that {@link #status} can count the nodes seen. Any failure of the cache
 * manager is a {@link GridUnavailableException}.
 */
final class JCacheGrid implements Grid, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Grid.class.getName());

  /** How often this node writes its heartbeat. */
  static final Duration HEARTBEAT = Duration.ofSeconds(5);

  /** The longest key stored as it is: the length of a base64url SHA-256. */
  private static final int COMPACT = 43;

  private final GridCaches caches;
  private final String node = UUID.randomUUID().toString();
  private final Map<String, Duration> spaces = new ConcurrentHashMap<>();
  private final Channels channels = new Channels();
  private final Map<String, ChannelListener> listeners = new ConcurrentHashMap<>();
  private final ScheduledExecutorService heartbeat;

  /**
   * Uses {@code manager}'s caches; beats every {@link #HEARTBEAT} when {@code beat} is true.
   *
   * @param manager the JCache cache manager, such as Payara Micro's Hazelcast one
   * @param beat whether to write heartbeats in the background (false in tests, which call {@link
   *     #status} to beat)
   */
  JCacheGrid(CacheManager manager, boolean beat) {
    this.caches = new GridCaches(Objects.requireNonNull(manager, "manager"));
    if (beat) {
      heartbeat =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "portcullis-grid-heartbeat");
                t.setDaemon(true);
                return t;
              });
      heartbeat.scheduleWithFixedDelay(
          this::beatQuietly, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      heartbeat = null;
    }
  }

  @Override
  public boolean firstUse(String space, String key, Duration ttl) {
    Names.name("space", space);
    Names.key(key);
    Names.ttl(ttl);
    Duration first = spaces.computeIfAbsent(space, s -> ttl);
    if (!first.equals(ttl)) {
      throw Names.otherTtl(space, first, ttl);
    }
    String stored = compact(key);
    return call("firstUse", () -> caches.marks(space, ttl).putIfAbsent(stored, Boolean.TRUE));
  }

  /**
   * The key as the cluster stores it: a key longer than a fingerprint (such as a DPoP proof's
   * thumbprint and {@code jti}) as its SHA-256 in base64url, so that every mark stays small on the
   * wire and in the grid; a shorter one as it is.
   */
  static String compact(String key) {
    if (key.length() <= COMPACT) {
      return key;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  @Override
  public void publish(String channel, String message) {
    Names.name("channel", channel);
    Names.message(message);
    call(
        "publish",
        () -> {
          caches.events(channel).put(UUID.randomUUID().toString(), message);
          return null;
        });
  }

  @Override
  public Subscription subscribe(String channel, Consumer<String> listener) {
    Names.name("channel", channel);
    Objects.requireNonNull(listener, "listener");
    call(
        "subscribe",
        () -> {
          synchronized (listeners) {
            if (!listeners.containsKey(channel)) {
              ChannelListener l = new ChannelListener(channel, channels);
              caches.events(channel).registerCacheEntryListener(l.configuration());
              listeners.put(channel, l);
            }
          }
          return null;
        });
    channels.add(channel, listener);
    return channels.subscription(channel, listener);
  }

  @Override
  public Optional<Cache<String, byte[]>> jcache(String name) {
    Names.name("cache", name);
    return Optional.of(call("jcache", () -> caches.shared(name)));
  }

  @Override
  public GridStatus status() {
    try {
      caches.nodes().put(node, System.currentTimeMillis());
      int members = 0;
      for (Cache.Entry<String, Long> ignored : caches.nodes()) {
        members++;
      }
      return new GridStatus(true, true, members, false);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Grid status: {0}", e.toString());
      return new GridStatus(true, false, 0, false);
    }
  }

  private void beatQuietly() {
    try {
      caches.nodes().put(node, System.currentTimeMillis());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Grid heartbeat failed: {0}", e.toString());
    }
  }

  /**
   * Runs a cache operation; a failure of the cluster becomes a {@link GridUnavailableException}.
   */
  private static <T> T call(String operation, Supplier<T> action) {
    try {
      return action.get();
    } catch (RuntimeException e) {
      // the class only: a provider's message might quote a key
      throw new GridUnavailableException(
          "Grid " + operation + " failed: " + e.getClass().getName(), e);
    }
  }

  /** Stops the heartbeat and the listeners and removes this node's heartbeat; the manager stays. */
  @Override
  public void close() {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
    }
    try {
      listeners.forEach(
          (channel, l) -> caches.events(channel).deregisterCacheEntryListener(l.configuration()));
      caches.nodes().remove(node);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "Grid not closed cleanly: {0}", e.toString());
    }
    listeners.clear();
  }
}
