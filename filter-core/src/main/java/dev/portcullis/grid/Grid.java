package dev.portcullis.grid;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.cache.Cache;

/**
 * State shared by every node of a cluster, or by this process only: single-use marks, events and
 * caches for mechanisms that must agree across nodes (replay caches, revocation events, rate-limit
 * buckets).
 *
 * <p>A filter's {@code grid} setting picks the implementation: {@code local} (the default) keeps
 * everything in this process on the filter's ticker; {@code jcache} uses Payara's data grid through
 * the JCache {@code CacheManager} it binds at {@value Grids#PAYARA_CACHE_MANAGER}, elsewhere the
 * default JCache provider's. Mechanisms get the filter's grid from {@link
 * dev.portcullis.config.Environment#grid()}; code outside a filter (a JAX-RS resource) from {@link
 * #of(ServletContext, String)}. Every Portcullis filter of a web application that uses the same
 * settings shares one instance.
 *
 * <p>Names of spaces, channels and caches are 1 to {@value #MAX_NAME} characters out of {@code A-Z
 * a-z 0-9 . _ -}. Keys and messages are never credentials: pass a fingerprint.
 *
 * <p>When the cluster cannot be reached, methods throw the unchecked {@link
 * GridUnavailableException}; the filter answers such a request 503 with {@code Retry-After}, unless
 * {@code grid.onLoss=local} makes the grid fall back to this process's state.
 */
public interface Grid {
  /** The longest space, channel or cache name. */
  int MAX_NAME = 64;

  /** The longest key of {@link #firstUse}. */
  int MAX_KEY = 512;

  /** The longest message of {@link #publish}. */
  int MAX_MESSAGE = 8192;

  /** The servlet context attribute prefix; the filter name follows it. */
  String ATTRIBUTE_PREFIX = "dev.portcullis.grid.Grid.";

  /**
   * Marks {@code key} used in {@code space}: true exactly once per (space, key) until {@code ttl}
   * has passed since that first use, cluster-wide on a clustered grid. A space is used with one
   * {@code ttl}; each mark is kept for the whole {@code ttl} and never forgotten early. A local
   * grid keeps 63 bits of a hash of the key seeded per space; a clustered grid keeps a key longer
   * than 43 characters as its SHA-256 (base64url), so that an entry stays small.
   *
   * @param space the set of marks, for example {@code dpop.jti}
   * @param key at most {@value #MAX_KEY} characters
   * @param ttl how long the mark lasts, positive
   * @return true when this is the first use within {@code ttl}
   * @throws IllegalArgumentException for a bad name, key or ttl, or a ttl other than the one the
   *     space was first used with
   * @throws GridUnavailableException when the cluster cannot be reached, or the space holds too
   *     many marks to take another without forgetting one early
   */
  boolean firstUse(String space, String key, Duration ttl);

  /**
   * Sends {@code message} to every subscriber of {@code channel} on every node, this one included.
   * A local grid delivers before this method returns, on the calling thread; a clustered grid
   * delivers asynchronously, normally within a second on a local network (the data grid's event
   * delivery). Delivery is at most once; a node that is down misses the message.
   *
   * @param channel the channel name
   * @param message at most {@value #MAX_MESSAGE} characters
   * @throws IllegalArgumentException for a bad name or an over-long message
   * @throws GridUnavailableException when the cluster cannot be reached
   */
  void publish(String channel, String message);

  /**
   * Calls {@code listener} with every message published on {@code channel} from now on. A listener
   * that throws is logged and does not disturb other listeners.
   *
   * @param channel the channel name
   * @param listener called once per message, possibly on a grid thread
   * @return closing it stops the deliveries
   * @throws IllegalArgumentException for a bad name
   * @throws GridUnavailableException when the cluster cannot be reached
   */
  Subscription subscribe(String channel, Consumer<String> listener);

  /**
   * A cluster-wide JCache of this grid, for libraries with a JCache back end (such as Bucket4j's
   * {@code JCacheProxyManager}). An entry lives until one day after its last change and, on
   * Hazelcast, is never evicted by size before (so state that must last, such as a partly spent
   * bucket, is not lost while it is in use).
   *
   * @param name the cache name (prefixed with {@code portcullis.} in the cache manager)
   * @return the cache, empty on a local grid
   * @throws IllegalArgumentException for a bad name
   * @throws GridUnavailableException when the cluster cannot be reached
   */
  Optional<Cache<String, byte[]>> jcache(String name);

  /**
   * The grid's state, for health checks. Never throws.
   *
   * @return whether the grid is clustered, reachable, and how many nodes it sees
   */
  GridStatus status();

  /** A subscription; closing it twice is harmless. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * A grid held in this process, for tests and single nodes. Marks expire on {@code ticker}.
   *
   * @param ticker monotonic time, such as a test's fake ticker
   * @return a new local grid
   */
  static Grid local(Ticker ticker) {
    return new LocalGrid(Objects.requireNonNull(ticker, "ticker"), LocalGrid.MAX_MARKS);
  }

  /**
   * The grid of a running Portcullis filter, for code outside the filter such as a JAX-RS resource
   * ({@code @Context ServletContext}). The same instance is the servlet context attribute {@value
   * #ATTRIBUTE_PREFIX}{@code <filterName>}.
   *
   * @param context the web application
   * @param filterName the filter's name, as in {@code web.xml}
   * @return the filter's grid, empty while the filter is not running
   */
  static Optional<Grid> of(ServletContext context, String filterName) {
    Object grid = context.getAttribute(ATTRIBUTE_PREFIX + filterName);
    return grid instanceof Grid g ? Optional.of(g) : Optional.empty();
  }
}
